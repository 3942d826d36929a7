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
    // {"annotations", "categories", "emptied", "byCategory": {KEY: n}} when a minimum
    // confidence dropped something, and {"JOB: name → KEY": n} for the names the mapping renamed
    QJsonObject droppedBelowConfidence;
    QJsonObject mapped;
    QStringList unusedMappings; // mapping entries no item used ("JOB: name → KEY")
    QStringList errors;         // failed batches, journal problems
    QStringList warnings;       // e.g. probabilities instead of 0–100 confidences

    static ImportReport fromPlan(const ImportPlan& plan);
    // The drops and renames of a plan as the report and the journal's plan record keep them.
    static QJsonObject dropsJson(const ConfidenceDrops& drops);
    static QJsonObject renamedJson(const ConfidenceDrops& drops);
    static ImportReport fromJournal(const ImportJournal& journal);

    QJsonObject toJson() const;
    // `resumeHint`: how to finish what was not sent, for where the text is shown (the CLI names
    // its resume command; the desk its Resume button, so it passes its own sentence).
    QString summaryText(const QString& resumeHint = {}) const;

private:
    QStringList filterLines() const;
};

} // namespace kili::predictions
