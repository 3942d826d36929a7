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
    if (plan.problemsNotKept > 0)
        report.warnings << QStringLiteral("%1 more problem(s) were found and not listed: only "
                                          "the first %2 are kept")
                               .arg(plan.problemsNotKept)
                               .arg(plan.problems.size());
    report.unknownIds = plan.unknownIds;
    report.droppedBelowConfidence = dropsJson(plan.droppedBelowConfidence);
    report.mapped = renamedJson(plan.droppedBelowConfidence);
    report.unusedMappings = plan.unusedMappings;
    return report;
}

QJsonObject ImportReport::dropsJson(const ConfidenceDrops& drops) {
    if (!drops.any())
        return {};
    QJsonObject byCategory;
    for (auto it = drops.byCategory.cbegin(); it != drops.byCategory.cend(); ++it)
        byCategory.insert(it.key(), double(it.value()));
    return QJsonObject{{QStringLiteral("annotations"), double(drops.annotations)},
                       {QStringLiteral("categories"), double(drops.categories)},
                       {QStringLiteral("emptied"), double(drops.emptied)},
                       {QStringLiteral("byCategory"), byCategory}};
}

QJsonObject ImportReport::renamedJson(const ConfidenceDrops& drops) {
    QJsonObject renamed;
    for (auto it = drops.renamed.cbegin(); it != drops.renamed.cend(); ++it)
        renamed.insert(it.key(), double(it.value()));
    return renamed;
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
    report.droppedBelowConfidence = plan.value(QStringLiteral("droppedBelowConfidence")).toObject();
    report.mapped = plan.value(QStringLiteral("mapped")).toObject();
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
    if (!droppedBelowConfidence.isEmpty())
        json.insert(QStringLiteral("droppedBelowConfidence"), droppedBelowConfidence);
    if (!mapped.isEmpty())
        json.insert(QStringLiteral("mapped"), mapped);
    if (!unusedMappings.isEmpty())
        json.insert(QStringLiteral("unusedMappings"), QJsonArray::fromStringList(unusedMappings));
    if (!errors.isEmpty())
        json.insert(QStringLiteral("errors"), QJsonArray::fromStringList(errors));
    if (!warnings.isEmpty())
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    return json;
}

namespace {

// "CAR 12, PEDESTRIAN 3" from {"CAR": 12, "PEDESTRIAN": 3}, by name.
QString counts(const QJsonObject& byName) {
    QStringList parts;
    for (auto it = byName.begin(); it != byName.end(); ++it)
        parts << it.key() + QLatin1Char(' ') + QString::number(qint64(it.value().toDouble()));
    return parts.join(QStringLiteral(", "));
}

} // namespace

// What the category mapping and the minimum confidences did, as the plan says it.
QStringList ImportReport::filterLines() const {
    QStringList lines;
    if (!droppedBelowConfidence.isEmpty()) {
        lines << QStringLiteral("%1 annotation(s) and %2 categorie(s) below the minimum "
                                "confidence dropped")
                     .arg(qint64(
                         droppedBelowConfidence.value(QStringLiteral("annotations")).toDouble()))
                     .arg(qint64(
                         droppedBelowConfidence.value(QStringLiteral("categories")).toDouble()));
        const QJsonObject byCategory =
            droppedBelowConfidence.value(QStringLiteral("byCategory")).toObject();
        if (!byCategory.isEmpty())
            lines << QStringLiteral("dropped per class: %1").arg(counts(byCategory));
        const qint64 emptied =
            qint64(droppedBelowConfidence.value(QStringLiteral("emptied")).toDouble());
        if (emptied > 0)
            lines << QStringLiteral("%1 prediction(s) had nothing left above the minimum and are "
                                    "not sent")
                         .arg(emptied);
    }
    if (!mapped.isEmpty())
        lines << QStringLiteral("names mapped to categories: %1").arg(counts(mapped));
    if (!unusedMappings.isEmpty())
        lines << QStringLiteral("mapping entries that matched nothing: %1")
                     .arg(unusedMappings.join(QStringLiteral(", ")));
    return lines;
}

QString ImportReport::summaryText(const QString& resumeHint) const {
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
    lines << filterLines();
    if (!dryRun && remaining > 0)
        lines << QStringLiteral("%1 not created yet (%2 in doubt); %3")
                     .arg(remaining)
                     .arg(inDoubt)
                     .arg(resumeHint.isEmpty()
                              ? QStringLiteral("run `kili-desk-cli resume %1` to finish")
                                    .arg(importId)
                              : resumeHint);
    return lines.join(QLatin1Char('\n'));
}

} // namespace kili::predictions
