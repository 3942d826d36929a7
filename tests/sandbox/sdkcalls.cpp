#include "sdkcalls.h"

#include <gtest/gtest.h>

namespace kili::sandbox::testing::sdkcalls {

namespace {

const QStringList commonFields = {QStringLiteral("id"),
                                  QStringLiteral("externalId"),
                                  QStringLiteral("content"),
                                  QStringLiteral("jsonContent"),
                                  QStringLiteral("jsonMetadata"),
                                  QStringLiteral("status"),
                                  QStringLiteral("pageResolutions.pageNumber"),
                                  QStringLiteral("pageResolutions.height"),
                                  QStringLiteral("pageResolutions.width"),
                                  QStringLiteral("pageResolutions.rotation"),
                                  QStringLiteral("resolution.height"),
                                  QStringLiteral("resolution.width")};

// The label fields an export asks under `latestLabel` (export type "latest") or `latestLabels`
// ("latest_from_last_step").
QStringList exportFields(const QString& labelField) {
    QStringList fields = commonFields;
    QStringList labelFields = {QStringLiteral("jsonResponse"),
                               QStringLiteral("author.id"),
                               QStringLiteral("author.email"),
                               QStringLiteral("author.firstname"),
                               QStringLiteral("author.lastname"),
                               QStringLiteral("createdAt"),
                               QStringLiteral("isLatestLabelForUser"),
                               QStringLiteral("isSentBackToQueue"),
                               QStringLiteral("labelType"),
                               QStringLiteral("modelName")};
    if (labelField == QLatin1String("latestLabels"))
        labelFields << QStringLiteral("jsonResponseUrl") << QStringLiteral("isLastForStep");
    for (const QString& field : std::as_const(labelFields))
        fields.append(labelField + QLatin1Char('.') + field);
    return fields;
}

bool isHumanType(const QJsonValue& type) {
    return type == QLatin1String("DEFAULT") || type == QLatin1String("REVIEW");
}

} // namespace

QStringList exported(SdkReplay& sdk, const QString& projectId, const QString& exportType,
                     const QJsonObject& assetSet) {
    const QString labelField = exportType == QLatin1String("latest")
                                   ? QStringLiteral("latestLabel")
                                   : QStringLiteral("latestLabels");
    const QJsonObject where =
        SdkReplay::assetWhere(projectId, assetSet,
                              {{QStringLiteral("typeIn"),
                                QJsonArray{QStringLiteral("DEFAULT"), QStringLiteral("REVIEW")}}});
    const QJsonArray assets =
        sdk.list(QStringLiteral("export_labels(export_type=\"%1\")").arg(exportType),
                 QStringLiteral("assets"), QStringLiteral("countAssets"),
                 QStringLiteral("AssetWhere"), where, exportFields(labelField));
    QStringList kept;
    for (const QJsonValue& value : assets) {
        const QJsonObject asset = value.toObject();
        bool keep = false;
        if (labelField == QLatin1String("latestLabel")) {
            keep =
                isHumanType(asset.value(labelField).toObject().value(QLatin1String("labelType")));
        } else {
            const QJsonArray latest = asset.value(labelField).toArray();
            for (const QJsonValue& label : latest)
                keep = keep || isHumanType(label.toObject().value(QLatin1String("labelType")));
        }
        if (keep)
            kept.append(asset.value(QLatin1String("externalId")).toString());
    }
    return kept;
}

QStringList assetIds(SdkReplay& sdk, const QString& projectId) {
    QStringList ids;
    const QJsonArray assets = sdk.projectAssets(QStringLiteral("kili.assets(fields=[\"id\"])"),
                                                projectId, {QStringLiteral("id")});
    for (const QJsonValue& asset : assets)
        ids.append(asset.toObject().value(QLatin1String("id")).toString());
    return ids;
}

QStringList appendLabels(SdkReplay& sdk, const QString& projectId, const QStringList& assets,
                         const QString& labelType, const QJsonValue& modelName, bool overwrite,
                         HttpResult* failure, const QJsonValue& stepName) {
    const QString response =
        QStringLiteral(R"({"CLASSIFICATION_JOB": {"categories": [{"name": "TESLA", )"
                       R"("confidence": 42}]}})");
    QStringList created;
    for (qsizetype start = 0; start < assets.size(); start += 100) {
        QJsonArray labelsData;
        QJsonArray idIn;
        for (const QString& asset : assets.mid(start, 100)) {
            labelsData.append(QJsonObject{{QStringLiteral("assetID"), asset},
                                          {QStringLiteral("authorID"), QJsonValue::Null},
                                          {QStringLiteral("clientVersion"), QJsonValue::Null},
                                          {QStringLiteral("jsonResponse"), response},
                                          {QStringLiteral("modelName"), modelName},
                                          {QStringLiteral("referencedLabelId"), QJsonValue::Null},
                                          {QStringLiteral("secondsToLabel"), QJsonValue::Null}});
            idIn.append(asset);
        }
        const HttpResult result = sdk.execute(
            QStringLiteral("mutation appendManyLabels($data: AppendManyLabelsData!, $where: "
                           "AssetWhere!) { data: appendManyLabels(data: $data, where: $where) "
                           "{ id } }"),
            QJsonObject{
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("labelType"), labelType},
                                                     {QStringLiteral("stepName"), stepName},
                                                     {QStringLiteral("overwrite"), overwrite},
                                                     {QStringLiteral("labelsData"), labelsData}}},
                {QStringLiteral("where"),
                 QJsonObject{{QStringLiteral("idIn"), idIn},
                             {QStringLiteral("project"),
                              QJsonObject{{QStringLiteral("id"), projectId}}}}}});
        if (!result.errors().isEmpty()) {
            if (failure)
                *failure = result;
            else
                ADD_FAILURE() << labelType.toStdString()
                              << " labels were refused: " << describe(result);
            break;
        }
        const QJsonArray ids = result.data().toArray();
        for (const QJsonValue& id : ids)
            created.append(id.toObject().value(QLatin1String("id")).toString());
    }
    return created;
}

void deleteLabels(SdkReplay& sdk, const QStringList& ids) {
    for (qsizetype start = 0; start < ids.size(); start += 100) {
        const HttpResult result = sdk.execute(
            QStringLiteral("mutation($ids: [ID!]!) { data: deleteLabels(ids: $ids) }"),
            QJsonObject{{QStringLiteral("ids"), QJsonArray::fromStringList(ids.mid(start, 100))}});
        EXPECT_TRUE(result.errors().isEmpty()) << "kili.delete_labels: " << describe(result);
        EXPECT_EQ(result.data().toArray().size(), ids.mid(start, 100).size())
            << "kili.delete_labels returned other ids than it was given";
    }
}

int countLabels(SdkReplay& sdk, const QString& projectId, const QString& type) {
    return sdk.count(
        QStringLiteral("kili.count_labels"), QStringLiteral("countLabels"),
        QStringLiteral("LabelWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
                    {QStringLiteral("typeIn"), QJsonArray{type}}});
}

} // namespace kili::sandbox::testing::sdkcalls
