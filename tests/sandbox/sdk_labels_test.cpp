// What the Kili Python SDK's exports and label writes need of the sandbox, replayed from the
// SDK's documents: `latestLabel` is an asset's latest human label and `latestLabels` the latest
// label of each person in its last step, so that an export holds the same assets before and
// after predictions are imported (services/export/tools.py keeps an asset by their labelType).
#include "sdkreplay.h"

#include <QSet>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::describe;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;
using kili::sandbox::testing::SdkReplay;

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

class SdkLabels : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        SandboxOptions options;
        options.seedDemo = true;
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
        sdk = new SdkReplay(*client);
    }
    static void TearDownTestSuite() {
        delete sdk;
        delete client;
        delete server;
    }

    // A fresh sandbox per test would cost a seed each; tests that write use their own model
    // names and put back what they change.
    static QString porsche() { return client->projectId(QStringLiteral("Porsche or Tesla")); }

    // The assets of kili.export_labels(..., export_type=TYPE) with its default label types,
    // DEFAULT and REVIEW: sent as the label filter, then applied to `latestLabel` or
    // `latestLabels` the way the SDK does.
    static QStringList exported(const QString& projectId, const QString& exportType) {
        const QString labelField = exportType == QLatin1String("latest")
                                       ? QStringLiteral("latestLabel")
                                       : QStringLiteral("latestLabels");
        const QJsonObject where{
            {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
            {QStringLiteral("label"),
             QJsonObject{{QStringLiteral("typeIn"),
                          QJsonArray{QStringLiteral("DEFAULT"), QStringLiteral("REVIEW")}}}},
            {QStringLiteral("issue"), QJsonObject{{QStringLiteral("type"), QJsonValue::Null}}}};
        const QJsonArray assets =
            sdk->list(QStringLiteral("export_labels(export_type=\"%1\")").arg(exportType),
                      QStringLiteral("assets"), QStringLiteral("countAssets"),
                      QStringLiteral("AssetWhere"), where, exportFields(labelField));
        QStringList kept;
        for (const QJsonValue& value : assets) {
            const QJsonObject asset = value.toObject();
            bool keep = false;
            if (labelField == QLatin1String("latestLabel")) {
                keep = isHumanType(
                    asset.value(labelField).toObject().value(QLatin1String("labelType")));
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

    static QStringList assetIds(const QString& projectId) {
        QStringList ids;
        const QJsonArray assets =
            sdk->list(QStringLiteral("kili.assets(fields=[\"id\"])"), QStringLiteral("assets"),
                      QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
                      QJsonObject{{QStringLiteral("project"),
                                   QJsonObject{{QStringLiteral("id"), projectId}}}},
                      {QStringLiteral("id")});
        for (const QJsonValue& asset : assets)
            ids.append(asset.toObject().value(QLatin1String("id")).toString());
        return ids;
    }

    // kili.create_predictions / kili.append_labels: batches of 100 appendManyLabels, each item
    // with the SDK's explicit nulls. Returns the created ids; the first error ends it.
    static QStringList appendLabels(const QString& projectId, const QStringList& assets,
                                    const QString& labelType, const QJsonValue& modelName,
                                    bool overwrite, HttpResult* failure = nullptr,
                                    const QJsonValue& stepName = QJsonValue::Null) {
        const QString response =
            QStringLiteral(R"({"CLASSIFICATION_JOB": {"categories": [{"name": "TESLA", )"
                           R"("confidence": 42}]}})");
        QStringList created;
        for (qsizetype start = 0; start < assets.size(); start += 100) {
            QJsonArray labelsData;
            QJsonArray idIn;
            for (const QString& asset : assets.mid(start, 100)) {
                labelsData.append(
                    QJsonObject{{QStringLiteral("assetID"), asset},
                                {QStringLiteral("authorID"), QJsonValue::Null},
                                {QStringLiteral("clientVersion"), QJsonValue::Null},
                                {QStringLiteral("jsonResponse"), response},
                                {QStringLiteral("modelName"), modelName},
                                {QStringLiteral("referencedLabelId"), QJsonValue::Null},
                                {QStringLiteral("secondsToLabel"), QJsonValue::Null}});
                idIn.append(asset);
            }
            const HttpResult result = sdk->execute(
                QStringLiteral("mutation appendManyLabels($data: AppendManyLabelsData!, $where: "
                               "AssetWhere!) { data: appendManyLabels(data: $data, where: $where) "
                               "{ id } }"),
                QJsonObject{{QStringLiteral("data"),
                             QJsonObject{{QStringLiteral("labelType"), labelType},
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

    static void deleteLabels(const QStringList& ids) {
        for (qsizetype start = 0; start < ids.size(); start += 100) {
            const HttpResult result = sdk->execute(
                QStringLiteral("mutation($ids: [ID!]!) { data: deleteLabels(ids: $ids) }"),
                QJsonObject{
                    {QStringLiteral("ids"), QJsonArray::fromStringList(ids.mid(start, 100))}});
            EXPECT_TRUE(result.errors().isEmpty()) << "kili.delete_labels: " << describe(result);
            EXPECT_EQ(result.data().toArray().size(), ids.mid(start, 100).size())
                << "kili.delete_labels returned other ids than it was given";
        }
    }

    static int countLabels(const QString& projectId, const QString& type) {
        return sdk->count(
            QStringLiteral("kili.count_labels"), QStringLiteral("countLabels"),
            QStringLiteral("LabelWhere"),
            QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
                        {QStringLiteral("typeIn"), QJsonArray{type}}});
    }

    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
    static inline SdkReplay* sdk = nullptr;
};

} // namespace

TEST_F(SdkLabels, LatestLabelIsTheLatestHumanLabel) {
    const QJsonArray assets = sdk->list(
        QStringLiteral("kili.assets(fields=[\"labels.labelType\", \"latestLabel.labelType\"])"),
        QStringLiteral("assets"), QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), porsche()}}}},
        {QStringLiteral("externalId"), QStringLiteral("labels.labelType"),
         QStringLiteral("labels.id"), QStringLiteral("latestLabel.labelType"),
         QStringLiteral("latestLabel.id")});
    ASSERT_EQ(assets.size(), 30);
    for (const QJsonValue& value : assets) {
        const QJsonObject asset = value.toObject();
        const std::string name = asset.value(QLatin1String("externalId")).toString().toStdString();
        QString expected; // none: latestLabel is null
        const QJsonArray labels = asset.value(QLatin1String("labels")).toArray();
        for (const QJsonValue& label : labels) {
            if (isHumanType(label.toObject().value(QLatin1String("labelType"))))
                expected = label.toObject().value(QLatin1String("id")).toString();
        }
        const QJsonValue latest = asset.value(QLatin1String("latestLabel"));
        EXPECT_EQ(latest.toObject().value(QLatin1String("id")).toString(), expected)
            << name << ": latestLabel is a "
            << latest.toObject().value(QLatin1String("labelType")).toString().toStdString()
            << " label, not the asset's latest DEFAULT or REVIEW label";
    }
}

TEST_F(SdkLabels, ExportsHoldTheSameAssetsAfterPredictionsAreImported) {
    const QString project = porsche();
    const QStringList latestBefore = exported(project, QStringLiteral("latest"));
    const QStringList lastStepBefore = exported(project, QStringLiteral("latest_from_last_step"));
    EXPECT_EQ(latestBefore.size(), 24) << "the demo's 24 labelled cars";
    EXPECT_EQ(lastStepBefore, latestBefore);

    const QStringList created =
        appendLabels(project, assetIds(project), QStringLiteral("PREDICTION"),
                     QStringLiteral("export-check"), false);
    EXPECT_EQ(created.size(), 30) << "kili.create_predictions on the 30 cars";
    EXPECT_EQ(exported(project, QStringLiteral("latest")), latestBefore)
        << "export_type=\"latest\" lost assets once predictions were imported: latestLabel "
           "became the PREDICTION";
    EXPECT_EQ(exported(project, QStringLiteral("latest_from_last_step")), lastStepBefore)
        << "export_type=\"latest_from_last_step\" changed once predictions were imported";
    deleteLabels(created);
}

TEST_F(SdkLabels, LatestLabelsHoldsEachPersonsLastLabelOfTheLastStep) {
    const QString project = porsche();
    const QJsonArray assets = sdk->list(
        QStringLiteral("kili.assets(fields=[\"latestLabels...\"])"), QStringLiteral("assets"),
        QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}}},
        {QStringLiteral("externalId"), QStringLiteral("status"),
         QStringLiteral("latestLabels.labelType"), QStringLiteral("latestLabels.author.email"),
         QStringLiteral("latestLabels.isLastForStep")});
    int reviewed = 0;
    for (const QJsonValue& value : assets) {
        const QJsonObject asset = value.toObject();
        const std::string name = asset.value(QLatin1String("externalId")).toString().toStdString();
        const QJsonArray latest = asset.value(QLatin1String("latestLabels")).toArray();
        const QString status = asset.value(QLatin1String("status")).toString();
        const QString stepType = status == QLatin1String("REVIEWED") ? QStringLiteral("REVIEW")
                                                                     : QStringLiteral("DEFAULT");
        if (status == QLatin1String("TODO") || status == QLatin1String("ONGOING")) {
            EXPECT_TRUE(latest.isEmpty()) << name << ": nobody labelled it, yet latestLabels holds "
                                          << latest.size() << " labels";
            continue;
        }
        reviewed += status == QLatin1String("REVIEWED");
        QSet<QString> authors;
        EXPECT_FALSE(latest.isEmpty())
            << name << " (" << status.toStdString() << ") has no latestLabels";
        for (const QJsonValue& label : latest) {
            const QJsonObject object = label.toObject();
            EXPECT_EQ(object.value(QLatin1String("labelType")).toString(), stepType)
                << name << ": latestLabels holds a label of another step";
            EXPECT_TRUE(object.value(QLatin1String("isLastForStep")).toBool()) << name;
            const QString author = object.value(QLatin1String("author"))
                                       .toObject()
                                       .value(QLatin1String("email"))
                                       .toString();
            EXPECT_FALSE(authors.contains(author))
                << name << ": two labels of " << author.toStdString();
            authors.insert(author);
        }
    }
    EXPECT_EQ(reviewed, 6);
}

TEST_F(SdkLabels, CreatePredictionsAsTheSdkSendsThem) {
    const QString project = porsche();
    const QStringList assets = assetIds(project);
    ASSERT_EQ(assets.size(), 30);
    const int before = countLabels(project, QStringLiteral("PREDICTION"));

    // 250 predictions: three calls of 100, 100 and 50.
    QStringList many;
    for (int i = 0; i < 250; ++i)
        many.append(assets.at(i % assets.size()));
    const QStringList created =
        appendLabels(project, many, QStringLiteral("PREDICTION"), QStringLiteral("batches"), false);
    EXPECT_EQ(created.size(), 250) << "kili.create_predictions of 250 predictions in batches";
    EXPECT_EQ(countLabels(project, QStringLiteral("PREDICTION")), before + 250);

    // overwrite=True replaces that model's predictions on the assets it names.
    const QStringList replaced = appendLabels(
        project, assets.mid(0, 5), QStringLiteral("PREDICTION"), QStringLiteral("batches"), true);
    EXPECT_EQ(replaced.size(), 5);
    const int onFirstFive = (250 / 30 + 1) * 5; // cars 1-10 got 9 predictions each, the rest 8
    EXPECT_EQ(countLabels(project, QStringLiteral("PREDICTION")), before + 250 - onFirstFive + 5)
        << "overwrite=True did not replace the model's earlier predictions on those assets";

    // An unknown asset id fails the whole call and creates nothing.
    HttpResult failure;
    const QStringList none =
        appendLabels(project, {assets.first(), QStringLiteral("no-such-asset")},
                     QStringLiteral("PREDICTION"), QStringLiteral("unknown"), false, &failure);
    EXPECT_TRUE(none.isEmpty());
    EXPECT_TRUE(failure.firstErrorMessage().contains(QLatin1String("no-such-asset")))
        << "the error does not name the unknown asset: " << describe(failure);
    EXPECT_EQ(countLabels(project, QStringLiteral("PREDICTION")), before + 250 - onFirstFive + 5)
        << "a refused call created labels";

    const QJsonArray left = sdk->list(
        QStringLiteral("kili.predictions"), QStringLiteral("labels"), QStringLiteral("countLabels"),
        QStringLiteral("LabelWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}},
                    {QStringLiteral("typeIn"), QJsonArray{QStringLiteral("PREDICTION")}}},
        {QStringLiteral("id"), QStringLiteral("modelName")});
    QStringList remaining;
    for (const QJsonValue& label : left) {
        if (label.toObject().value(QLatin1String("modelName")) == QLatin1String("batches"))
            remaining.append(label.toObject().value(QLatin1String("id")).toString());
    }
    deleteLabels(remaining);
    EXPECT_EQ(countLabels(project, QStringLiteral("PREDICTION")), before)
        << "kili.delete_labels left predictions behind";
}
