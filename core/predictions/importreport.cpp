#include "predictions/importreport.h"

namespace kili::predictions {

ImportReport ImportReport::fromPlan(const ImportPlan& plan) {
    ImportReport report;
    report.dryRun = true;
    report.planned = int(plan.toCreate.size());
    report.remaining = report.planned;
    report.alreadyPresent = int(plan.alreadyPresent.size());
    report.overwritten = plan.overwriteCount;
    report.invalidItems = plan.invalidItems;
    for (const Problem& problem : plan.problems) {
        if (problem.isError())
            report.invalid.append(problem.toJson());
        else
            report.warnings << problem.toText();
    }
    if (plan.confidence.looksLikeProbabilities())
        report.warnings << QStringLiteral("every confidence is between 0 and 1 but Kili expects "
                                          "0–100; re-run with --scale-confidence to multiply them "
                                          "by 100");
    report.unknownIds = plan.unknownIds;
    return report;
}

ImportReport ImportReport::fromJournal(const ImportJournal& journal) {
    ImportReport report;
    const QJsonObject plan = journal.planRecord();
    report.importId = journal.header().importId;
    report.planned = journal.totalItems();
    report.created = journal.confirmedItems();
    report.alreadyPresent = int(plan.value(QStringLiteral("alreadyPresent")).toArray().size());
    report.overwritten = plan.value(QStringLiteral("overwritten")).toInt();
    report.invalid = plan.value(QStringLiteral("invalid")).toArray();
    report.invalidItems = qint64(plan.value(QStringLiteral("invalidItems")).toDouble());
    const QJsonArray unknown = plan.value(QStringLiteral("unknownIds")).toArray();
    for (const QJsonValue& id : unknown)
        report.unknownIds << id.toString();
    report.labelIds = journal.createdLabelIds();
    report.remaining = report.planned - report.created;
    report.inDoubt = journal.inDoubtItems();
    return report;
}

QJsonObject ImportReport::toJson() const {
    QJsonObject json{{QStringLiteral("importId"), importId.isEmpty() ? QJsonValue() : importId},
                     {QStringLiteral("dryRun"), dryRun},
                     {QStringLiteral("planned"), planned},
                     {QStringLiteral("created"), created},
                     {QStringLiteral("alreadyPresent"), alreadyPresent},
                     {QStringLiteral("overwritten"), overwritten},
                     {QStringLiteral("invalidItems"), double(invalidItems)},
                     {QStringLiteral("invalid"), invalid},
                     {QStringLiteral("unknownIds"), QJsonArray::fromStringList(unknownIds)},
                     {QStringLiteral("labelIds"), QJsonArray::fromStringList(labelIds)},
                     {QStringLiteral("remaining"), remaining},
                     {QStringLiteral("inDoubt"), inDoubt}};
    if (!errors.isEmpty())
        json.insert(QStringLiteral("errors"), QJsonArray::fromStringList(errors));
    if (!warnings.isEmpty())
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    return json;
}

QString ImportReport::summaryText() const {
    QStringList lines;
    if (dryRun) {
        lines << QStringLiteral("Dry run: nothing was sent.")
              << QStringLiteral("%1 prediction(s) would be created").arg(planned);
    } else if (importId.isEmpty()) {
        lines << QStringLiteral("Nothing to send.");
    } else {
        lines << QStringLiteral("Import %1: %2 of %3 prediction(s) created")
                     .arg(importId)
                     .arg(created)
                     .arg(planned);
    }
    if (overwritten > 0)
        lines << QStringLiteral("%1 replace(d) earlier predictions of the same model")
                     .arg(overwritten);
    lines << QStringLiteral("%1 already present, not sent again").arg(alreadyPresent);
    if (invalidItems > 0)
        lines
            << QStringLiteral("%1 invalid item(s)%2")
                   .arg(invalidItems)
                   .arg(unknownIds.isEmpty()
                            ? QString()
                            : QStringLiteral(", of which %1 unknown id(s)").arg(unknownIds.size()));
    if (!dryRun && remaining > 0)
        lines << QStringLiteral("%1 not created yet (%2 in doubt); run `kili-desk-cli resume %3` "
                                "to finish")
                     .arg(remaining)
                     .arg(inDoubt)
                     .arg(importId);
    return lines.join(QLatin1Char('\n'));
}

} // namespace kili::predictions
