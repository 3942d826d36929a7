// appendManyLabels, deleteLabels, and the legacy createPredictions / signIn.
#include "assetstore.h"
#include "labelstore.h"
#include "labelwriter.h"
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

namespace {

ResolveResult createdLabels(SandboxStores& stores, const FieldContext& field,
                            const QStringList& ids) {
    QJsonArray labels;
    if (selectsOnlyIds(field)) {
        for (const QString& id : ids)
            labels.append(QJsonObject{{QStringLiteral("id"), id}});
        return ResolveResult{labels, std::nullopt};
    }
    QString problem;
    if (!stores.labels.byIds(ids, &labels, &problem))
        return failFilter(QStringLiteral("appendManyLabels"), problem);
    return ResolveResult{labels, std::nullopt};
}

QStringList strings(const QJsonValue& value) {
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        out.append(item.toString());
    return out;
}

// Both historical argument sets of createPredictions, turned into one appendManyLabels call.
ResolveResult createPredictions(SandboxStores& stores, const FieldContext& field) {
    const QJsonObject arguments = field.arguments;
    QString projectId;
    QStringList externalIds;
    QStringList modelNames;
    QStringList responses;
    if (arguments.value(QLatin1String("data")).isObject()) {
        const QJsonObject data = arguments.value(QLatin1String("data")).toObject();
        const QJsonObject where = arguments.value(QLatin1String("where")).toObject();
        projectId =
            where.value(QLatin1String("project")).toObject().value(QLatin1String("id")).toString();
        externalIds = strings(where.value(QLatin1String("externalIdStrictlyIn")));
        if (externalIds.isEmpty())
            externalIds = strings(where.value(QLatin1String("externalIdIn")));
        modelNames = strings(data.value(QLatin1String("modelNameArray")));
        responses = strings(data.value(QLatin1String("jsonResponseArray")));
    } else {
        projectId = arguments.value(QLatin1String("projectID")).toString();
        externalIds = strings(arguments.value(QLatin1String("externalIDArray")));
        modelNames = strings(arguments.value(QLatin1String("modelNameArray")));
        responses = strings(arguments.value(QLatin1String("jsonResponseArray")));
    }
    if (externalIds.size() != responses.size()
        || (modelNames.size() != responses.size() && modelNames.size() != 1)) {
        return fail(KiliError::make(
            QStringLiteral("invalidArguments"),
            QStringLiteral("createPredictions needs one external id, model name and jsonResponse "
                           "per prediction."),
            QStringLiteral("%1 external ids, %2 model names and %3 jsonResponses were sent")
                .arg(externalIds.size())
                .arg(modelNames.size())
                .arg(responses.size())));
    }
    QJsonArray found;
    QString problem;
    const QJsonObject byExternalId{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
        {QStringLiteral("externalIdStrictlyIn"), QJsonArray::fromStringList(externalIds)}};
    if (!stores.assets.page(byExternalId, 100000, 0, false, &found, &problem))
        return failFilter(field.fieldName, problem);
    QHash<QString, QString> assetIdByExternalId;
    for (const QJsonValue& asset : std::as_const(found)) {
        assetIdByExternalId.insert(asset.toObject().value(QLatin1String("externalId")).toString(),
                                   asset.toObject().value(QLatin1String("id")).toString());
    }
    QJsonArray labelsData;
    for (qsizetype i = 0; i < externalIds.size(); ++i) {
        labelsData.append(
            QJsonObject{{QStringLiteral("assetID"),
                         assetIdByExternalId.value(externalIds.at(i), externalIds.at(i))},
                        {QStringLiteral("jsonResponse"), responses.at(i)},
                        {QStringLiteral("modelName"),
                         modelNames.size() == 1 ? modelNames.first() : modelNames.at(i)}});
    }
    QStringList created;
    const auto error = stores.labelWriter.append(
        QJsonObject{{QStringLiteral("labelType"), QStringLiteral("PREDICTION")},
                    {QStringLiteral("labelsData"), labelsData}},
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}}},
        request(field).viewer.seq, &created);
    if (error)
        return fail(*error);
    return createdLabels(stores, field, created);
}

} // namespace

void registerMutationResolvers(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(QStringLiteral("Mutation"), QStringLiteral("appendManyLabels"),
                         [&stores](const FieldContext& field) {
                             QStringList created;
                             const auto error = stores.labelWriter.append(
                                 field.arguments.value(QLatin1String("data")).toObject(),
                                 field.arguments.value(QLatin1String("where")).toObject(),
                                 request(field).viewer.seq, &created);
                             if (error)
                                 return fail(*error);
                             return createdLabels(stores, field, created);
                         });
    executor.setResolver(
        QStringLiteral("Mutation"), QStringLiteral("deleteLabels"),
        [&stores](const FieldContext& field) {
            QStringList deleted;
            const auto error = stores.labelWriter.remove(
                strings(field.arguments.value(QLatin1String("ids"))), &deleted);
            if (error)
                return fail(*error);
            return ResolveResult{QJsonArray::fromStringList(deleted), std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Mutation"), QStringLiteral("createPredictions"),
        [&stores](const FieldContext& field) { return createPredictions(stores, field); });
    executor.setResolver(
        QStringLiteral("Mutation"), QStringLiteral("signIn"), [](const FieldContext&) {
            return fail(KiliError::make(
                QStringLiteral("signInRemoved"),
                QStringLiteral("Email and password sign-in was removed from Kili in July 2021."),
                QStringLiteral("authenticate with an API key in the header \"Authorization: "
                               "X-API-Key: <key>\"")));
        });
}

} // namespace kili::sandbox::resolve
