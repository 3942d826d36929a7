// What an import did, for a person (summaryText) and for a program (toJson, the --report file):
// created, alreadyPresent, overwritten, invalid [{file, line, pointer, externalId, job, message}],
// unknownIds, labelIds, importId.
#pragma once

#include "predictions/importjournal.h"
#include "predictions/importplan.h"

#include <QJsonArray>
#include <QJsonObject>

namespace kili::predictions {

struct ImportReport {
    QString importId; // empty for a dry run or when nothing was planned
    bool dryRun = false;
    int planned = 0; // predictions to create
    int created = 0;
    int alreadyPresent = 0;
    int overwritten = 0;
    qint64 invalidItems = 0;
    QJsonArray invalid;
    QStringList unknownIds;
    QStringList labelIds;
    int remaining = 0; // planned but not confirmed created (failed, in doubt, cancelled)
    int inDoubt = 0;
    QStringList errors;   // failed batches, journal problems
    QStringList warnings; // e.g. probabilities instead of 0–100 confidences

    static ImportReport fromPlan(const ImportPlan& plan);
    static ImportReport fromJournal(const ImportJournal& journal);

    QJsonObject toJson() const;
    QString summaryText() const;
};

} // namespace kili::predictions
