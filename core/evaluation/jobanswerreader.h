// Reads one job's answer out of a label's jsonResponse: the objects or categories it gives,
// wherever the job sits (a child job's answers nest under the categories or annotations that
// opened it, and are gathered from all of them).
#pragma once

#include "domain/interface.h"
#include "evaluation/shape.h"

#include <QJsonObject>
#include <optional>

namespace kili::evaluation {

enum class EvaluationKind { ObjectDetection, Classification, NamedEntities };

// The kind of evaluation a job gets, or nullopt when its mlTask is not evaluated here
// (transcription, relations, pose…).
std::optional<EvaluationKind> evaluationKind(const kili::Job& job);
QString kindName(EvaluationKind kind);

class JobAnswerReader {
public:
    JobAnswerReader(QString jobName, EvaluationKind kind);

    // The job's answer in `jsonResponse`; empty when the label does not answer the job. An
    // annotation without a usable place (no vertices, no offsets) or without a category is left
    // out: it could never match anything.
    JobAnswer read(const QJsonObject& jsonResponse) const;

private:
    void collect(const QJsonObject& level, JobAnswer& answer, int depth) const;
    void readJobResponse(const QJsonObject& response, JobAnswer& answer) const;
    void collectChildren(const QJsonArray& items, JobAnswer& answer, int depth) const;

    QString m_jobName;
    EvaluationKind m_kind;
};

} // namespace kili::evaluation
