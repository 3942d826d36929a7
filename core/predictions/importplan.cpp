#include "predictions/importplan.h"

#include <QJsonDocument>
#include <QSet>

namespace kili::predictions {

void AssetIndex::add(const kili::Asset& asset) {
    byId.insert(asset.id, asset);
    if (!asset.externalId.isEmpty())
        idByExternalId.insert(asset.externalId, asset.id);
}

bool sameResponse(const QByteArray& compact, const QJsonObject& existing) {
    return QJsonDocument::fromJson(compact).object() == existing;
}

ImportPlan ImportPlanner::plan(ScanResult scan, const AssetIndex& assets,
                               const ImportSettings& settings) {
    ImportPlan plan;
    plan.settings = settings;
    plan.problems = std::move(scan.problems);
    plan.problemsNotKept = scan.problemsNotKept;
    plan.invalidItems = scan.invalidItems;
    plan.confidence = scan.confidence;
    plan.droppedBelowConfidence = scan.droppedBelowConfidence;
    QHash<QString, qsizetype> plannedByAsset; // asset id → index in toCreate
    QSet<QString> humanAssets;
    for (PredictionItem& item : scan.items) {
        QString assetId = item.assetId;
        if (assetId.isEmpty())
            assetId = assets.idByExternalId.value(item.externalId);
        const auto asset = assets.byId.constFind(assetId);
        if (assetId.isEmpty() || asset == assets.byId.cend()) {
            Problem problem;
            problem.source = item.source;
            problem.source.pointer.clear();
            problem.externalId = item.displayId();
            problem.message =
                item.assetId.isEmpty()
                    ? QStringLiteral("no asset of project %1 has the external id \"%2\"")
                          .arg(settings.projectId, item.externalId)
                    : QStringLiteral("project %1 has no asset with id \"%2\"")
                          .arg(settings.projectId, item.assetId);
            if (plan.problems.size() < PredictionScanner::kMaxKeptProblems)
                plan.problems.append(std::move(problem));
            else
                ++plan.problemsNotKept;
            plan.unknownIds << item.displayId();
            ++plan.invalidItems;
            continue;
        }
        const QString model = item.modelName.isEmpty() ? settings.modelName : item.modelName;
        if (const auto earlier = plannedByAsset.constFind(assetId);
            earlier != plannedByAsset.cend()) {
            // The same asset named twice (once by id, once by external id, say).
            const PlannedItem& first = plan.toCreate[std::size_t(*earlier)];
            Problem problem;
            problem.source = item.source;
            problem.externalId = item.displayId();
            if (first.jsonResponse == item.jsonResponse) {
                problem.severity = Problem::Severity::Warning;
                problem.message =
                    QStringLiteral("asset %1 is given again (first at %2); it is sent once")
                        .arg(assetId, first.source.toText());
            } else {
                problem.message = QStringLiteral("asset %1 already has a different prediction in "
                                                 "this import (at %2); keep one of them")
                                      .arg(assetId, first.source.toText());
                ++plan.invalidItems;
            }
            plan.problems.append(std::move(problem));
            continue;
        }
        bool present = false;
        bool sameModelExists = false;
        for (const kili::Label& label : asset->labels) {
            if (label.labelType.isHuman())
                humanAssets.insert(assetId);
            if (label.labelType == settings.labelType && label.modelName == model) {
                sameModelExists = true;
                if (!present && sameResponse(item.jsonResponse, label.jsonResponse)) {
                    plan.alreadyPresent.append({assetId, asset->externalId, label.id});
                    present = true;
                }
            }
        }
        if (present)
            continue;
        PlannedItem planned;
        planned.assetId = assetId;
        planned.externalId = asset->externalId;
        planned.modelName = model;
        planned.jsonResponse = std::move(item.jsonResponse);
        planned.source = std::move(item.source);
        planned.overwrites = settings.overwrite && sameModelExists;
        if (planned.overwrites)
            ++plan.overwriteCount;
        plannedByAsset.insert(assetId, qsizetype(plan.toCreate.size()));
        plan.toCreate.push_back(std::move(planned));
    }
    plan.assetsWithHumanLabels = int(humanAssets.size());
    return plan;
}

namespace {

// "CAR 12, PEDESTRIAN 3", by name.
template <typename Number> QString perName(const QHash<QString, Number>& counts) {
    QStringList names = counts.keys();
    names.sort();
    QStringList parts;
    for (const QString& name : std::as_const(names))
        parts << name + QLatin1Char(' ') + QString::number(counts.value(name));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString ImportPlan::minimumText() const {
    if (classMinimums.isEmpty())
        return QStringLiteral("the minimum confidence %1")
            .arg(minConfidence ? QString::number(*minConfidence) : QStringLiteral("?"));
    return QStringLiteral("the minimum confidences (%1%2)")
        .arg(perName(classMinimums),
             minConfidence ? QStringLiteral(", others %1").arg(*minConfidence) : QString());
}

QStringList ImportPlan::confidenceLines() const {
    const ConfidenceDrops& drops = droppedBelowConfidence;
    if (!minConfidence && classMinimums.isEmpty() && !drops.any())
        return {};
    QStringList lines;
    lines << QStringLiteral("%1 below %2 dropped (%3 annotation(s), %4 categorie(s))")
                 .arg(drops.total())
                 .arg(minimumText())
                 .arg(drops.annotations)
                 .arg(drops.categories);
    if (!drops.byCategory.isEmpty())
        lines << QStringLiteral("dropped per class: %1").arg(perName(drops.byCategory));
    if (drops.emptied > 0)
        lines << QStringLiteral("%1 prediction(s) had nothing left above %2 and are not sent")
                     .arg(drops.emptied)
                     .arg(minConfidence && classMinimums.isEmpty()
                              ? QString::number(*minConfidence)
                              : QStringLiteral("their minimum"));
    return lines;
}

QStringList ImportPlan::mappingLines() const {
    QStringList lines;
    if (!droppedBelowConfidence.renamed.isEmpty())
        lines << QStringLiteral("names mapped to categories: %1")
                     .arg(perName(droppedBelowConfidence.renamed));
    if (!unusedMappings.isEmpty())
        lines << QStringLiteral("mapping entries that matched nothing: %1")
                     .arg(unusedMappings.join(QStringLiteral(", ")));
    return lines;
}

QString ImportPlan::summaryText() const {
    QStringList lines;
    lines << QStringLiteral("%1 prediction(s) to create").arg(toCreate.size());
    if (overwriteCount > 0)
        lines << QStringLiteral("%1 of them replace earlier %2 labels of the same model")
                     .arg(overwriteCount)
                     .arg(settings.labelType.toString());
    lines << QStringLiteral("%1 already present (identical), not sent again")
                 .arg(alreadyPresent.size());
    if (assetsWithHumanLabels > 0)
        lines << QStringLiteral("%1 asset(s) already have human labels").arg(assetsWithHumanLabels);
    lines << confidenceLines();
    lines << mappingLines();
    lines << QStringLiteral("%1 invalid item(s)").arg(invalidItems);
    if (problemsNotKept > 0)
        lines << QStringLiteral("%1 more problem(s) not listed: only the first %2 are kept")
                     .arg(problemsNotKept)
                     .arg(problems.size());
    if (!unknownIds.isEmpty())
        lines << QStringLiteral("%1 unknown id(s)").arg(unknownIds.size());
    if (confidence.looksLikeProbabilities())
        lines << QStringLiteral("note: every confidence is between 0 and 1; Kili expects 0–100. "
                                "Use --scale-confidence to multiply them by 100.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace kili::predictions
