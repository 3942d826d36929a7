// The unit every stage of an import passes along: one prediction read from a file, and the
// problems found in it. Both carry where they came from so that a person can find the line.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kili::predictions {

struct SourceLocation {
    QString file;    // path as given by the user
    qint64 line = 0; // counted from 1; 0 when the format has no meaningful line
    QString pointer; // RFC 6901 JSON pointer inside the line or file; empty for the whole item

    // "preds.jsonl:4" / "preds.json#/3/jsonResponse" / "car-017.txt:2"
    QString toText() const;
};

struct Problem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    SourceLocation source;
    QString externalId;
    QString job;
    QString message; // a sentence for a person, without the location

    bool isError() const { return severity == Severity::Error; }
    // `preds.jsonl:4 car-017 CLASSIFICATION_JOB: 2 categories given but the job takes one (radio)`
    QString toText() const;
    QJsonObject toJson() const; // {file, line, pointer, externalId, job, message}
};

struct PredictionItem {
    SourceLocation source;
    QString externalId;      // empty when the item names its asset by id
    QString assetId;         // given by the item, or resolved from externalId by the matcher
    QString modelName;       // per-item model name; empty = the import's model name
    QByteArray jsonResponse; // compact JSON text of the jsonResponse object

    // the id a person knows the asset by, for messages
    QString displayId() const { return externalId.isEmpty() ? assetId : externalId; }
};

} // namespace kili::predictions
