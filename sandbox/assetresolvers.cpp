// assets / countAssets / filterExistingAssets, Asset.project and Asset.labels, and the 2019-2020
// getAssetsWithSearch / countAssetsWithSearch.
#include "assetstore.h"
#include "projectstore.h"
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

namespace {

bool wantsLabels(const FieldContext& field) {
    return field.selects(QStringLiteral("labels")) || field.selects(QStringLiteral("latestLabel"))
           || field.selects(QStringLiteral("latestLabels"));
}

// The legacy search arguments as today's AssetWhere.
QJsonObject legacyWhere(const QJsonObject& arguments) {
    QJsonObject where{
        {QStringLiteral("project"),
         QJsonObject{{QStringLiteral("id"), arguments.value(QLatin1String("projectID"))}}}};
    const QJsonObject assets = arguments.value(QLatin1String("assetsWhere")).toObject();
    for (auto it = assets.constBegin(); it != assets.constEnd(); ++it) {
        if (it.key() != QLatin1String("authorIn"))
            where.insert(it.key(), it.value());
    }
    QJsonObject label = arguments.value(QLatin1String("labelsWhere")).toObject();
    if (assets.contains(QLatin1String("authorIn")))
        label.insert(QStringLiteral("authorIn"), assets.value(QLatin1String("authorIn")));
    label.remove(QStringLiteral("externalIdContains"));
    label.remove(QStringLiteral("statusIn"));
    label.remove(QStringLiteral("skipped"));
    const QJsonObject labelsWhere = arguments.value(QLatin1String("labelsWhere")).toObject();
    if (labelsWhere.value(QLatin1String("externalIdContains")).isString()) {
        where.insert(QStringLiteral("externalIdIn"),
                     QJsonArray{labelsWhere.value(QLatin1String("externalIdContains"))});
    }
    where.insert(QStringLiteral("label"), label);
    return where;
}

} // namespace

void registerAssetResolvers(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("assets"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            QJsonArray assets;
            QString problem;
            if (!stores.assets.page(field.arguments.value(QLatin1String("where")).toObject(), first,
                                    skip, wantsLabels(field), &assets, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{assets, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("countAssets"),
        [&stores](const FieldContext& field) {
            int count = 0;
            QString problem;
            if (!stores.assets.count(field.arguments.value(QLatin1String("where")).toObject(),
                                     &count, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{count, std::nullopt};
        });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("filterExistingAssets"),
                         [&stores](const FieldContext& field) {
                             QStringList externalIds;
                             const QJsonArray requested =
                                 field.arguments.value(QLatin1String("externalIDs")).toArray();
                             for (const QJsonValue& value : requested)
                                 externalIds.append(value.toString());
                             QJsonArray existing;
                             QString problem;
                             if (!stores.assets.existingExternalIds(
                                     field.arguments.value(QLatin1String("projectID")).toString(),
                                     externalIds, &existing, &problem))
                                 return failFilter(field.fieldName, problem);
                             return ResolveResult{existing, std::nullopt};
                         });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("getAssetsWithSearch"),
        [&stores](const FieldContext& field) {
            QJsonArray assets;
            QString problem;
            if (!stores.assets.page(
                    legacyWhere(field.arguments),
                    qMin(field.arguments.value(QLatin1String("first")).toInt(), stores.maxPageSize),
                    field.arguments.value(QLatin1String("skip")).toInt(), wantsLabels(field),
                    &assets, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{assets, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("countAssetsWithSearch"),
        [&stores](const FieldContext& field) {
            int count = 0;
            QString problem;
            if (!stores.assets.count(legacyWhere(field.arguments), &count, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{count, std::nullopt};
        });

    executor.setResolver(
        QStringLiteral("Asset"), QStringLiteral("project"), [&stores](const FieldContext& field) {
            const QString id = field.parent.toObject().value(QLatin1String("projectId")).toString();
            const auto project = stores.projects.bySeq(stores.projects.seqForId(id));
            return ResolveResult{project ? QJsonValue(stores.projects.toJson(*project))
                                         : QJsonValue(),
                                 std::nullopt};
        });
    // Computed only when asked for: where the asset stands follows from its status (workflow.h).
    executor.setResolver(
        QStringLiteral("Asset"), QStringLiteral("currentStep"),
        [&stores](const FieldContext& field) {
            const QJsonObject asset = field.parent.toObject();
            const QList<StepRecord> steps =
                stores.projects.steps(asset.value(QLatin1String("projectId")).toString());
            const QString status = asset.value(QLatin1String("status")).toString();
            const int index = workflow::stepIndexForStatus(status);
            if (index >= steps.size())
                return ResolveResult{QJsonValue(), std::nullopt};
            return ResolveResult{
                QJsonObject{
                    {QStringLiteral("id"), steps.at(index).id},
                    {QStringLiteral("name"), steps.at(index).name},
                    {QStringLiteral("status"),
                     workflow::stepStatus(status, asset.value(QLatin1String("skipped")).toBool())}},
                std::nullopt};
        });
    // Pages fetch the labels of all their assets at once; an asset reached another way (a
    // label's labelOf) fetches its own.
    for (const QString& name : {QStringLiteral("labels"), QStringLiteral("latestLabel"),
                                QStringLiteral("latestLabels")}) {
        executor.setResolver(
            QStringLiteral("Asset"), name, [&stores, name](const FieldContext& field) {
                const QJsonObject parent = field.parent.toObject();
                if (parent.contains(name))
                    return ResolveResult{parent.value(name), std::nullopt};
                QJsonArray assets;
                QString problem;
                stores.assets.page(
                    QJsonObject{{QStringLiteral("id"), parent.value(QLatin1String("id"))}}, 1, 0,
                    true, &assets, &problem);
                const QJsonValue value =
                    assets.isEmpty() ? QJsonValue() : assets.first().toObject().value(name);
                return ResolveResult{value, std::nullopt};
            });
    }
}

} // namespace kili::sandbox::resolve
