// appendManyLabels and deleteLabels with Kili's rules, and persistence of a file database.
#include "sandboxclient.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const QString appendMutation = QStringLiteral(
    "mutation appendManyLabels($data: AppendManyLabelsData!, $where: AssetWhere!) {"
    " data: appendManyLabels(data: $data, where: $where) { id labelType modelName jsonResponse"
    " author { email } labelOf { externalId } } }");
const QString deleteMutation =
    QStringLiteral("mutation($ids: [ID!]!) { data: deleteLabels(ids: $ids) }");

QString response(const QString& category, int confidence) {
    return QString::fromUtf8(
        QJsonDocument(
            QJsonObject{{QStringLiteral("CLASSIFICATION_JOB"),
                         QJsonObject{{QStringLiteral("categories"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("name"), category},
                                          {QStringLiteral("confidence"), confidence}}}}}}})
            .toJson(QJsonDocument::Compact));
}

// One labelsData item the way the SDK sends it: explicit nulls included.
QJsonObject item(const QString& assetId, const QJsonValue& modelName,
                 const QString& category = QStringLiteral("TESLA")) {
    return QJsonObject{{QStringLiteral("assetID"), assetId},
                       {QStringLiteral("authorID"), QJsonValue::Null},
                       {QStringLiteral("clientVersion"), QJsonValue::Null},
                       {QStringLiteral("jsonResponse"), response(category, 77)},
                       {QStringLiteral("modelName"), modelName},
                       {QStringLiteral("referencedLabelId"), QJsonValue::Null},
                       {QStringLiteral("secondsToLabel"), QJsonValue::Null}};
}

class SandboxMutations : public ::testing::Test {
protected:
    void SetUp() override {
        SandboxOptions options;
        options.seedDemo = true;
        server = std::make_unique<SandboxServer>(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = std::make_unique<SandboxClient>(*server);
        project = client->projectId(QStringLiteral("Porsche or Tesla"));
        const HttpResult page = client->graphql(
            QStringLiteral(
                "query($w: AssetWhere!) { data: assets(where: $w, first: 100, skip: 0) { id } }"),
            {{QStringLiteral("w"), projectWhere()}});
        const QJsonArray assets = page.data().toArray();
        for (const QJsonValue& asset : assets)
            assetIds.append(asset.toObject().value(QLatin1String("id")).toString());
        ASSERT_EQ(assetIds.size(), 30);
    }

    QJsonObject projectWhere(QJsonObject where = {}) const {
        where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}});
        return where;
    }
    HttpResult append(const QString& type, const QJsonArray& items, bool overwrite = false) {
        QJsonArray ids;
        for (const QJsonValue& value : items)
            ids.append(value.toObject().value(QLatin1String("assetID")));
        return client->graphql(
            appendMutation,
            {{QStringLiteral("data"), QJsonObject{{QStringLiteral("labelType"), type},
                                                  {QStringLiteral("overwrite"), overwrite},
                                                  {QStringLiteral("labelsData"), items}}},
             {QStringLiteral("where"), projectWhere({{QStringLiteral("idIn"), ids}})}});
    }
    int count(const QJsonObject& labelWhere) {
        return client
            ->graphql(QStringLiteral("query($w: LabelWhere!) { data: countLabels(where: $w) }"),
                      {{QStringLiteral("w"), projectWhere(labelWhere)}})
            .data()
            .toInt(-1);
    }
    int predictions(const QString& model) {
        int n = 0;
        const HttpResult result = client->graphql(
            QStringLiteral("query($w: LabelWhere!) { data: labels(where: $w, first: 500, skip: 0) "
                           "{ modelName } }"),
            {{QStringLiteral("w"), projectWhere({{QStringLiteral("typeIn"),
                                                  QJsonArray{QStringLiteral("PREDICTION")}}})}});
        const QJsonArray labels = result.data().toArray();
        for (const QJsonValue& label : labels)
            n += label.toObject().value(QLatin1String("modelName")).toString() == model;
        return n;
    }

    std::unique_ptr<SandboxServer> server;
    std::unique_ptr<SandboxClient> client;
    QString project;
    QStringList assetIds;
};

} // namespace

TEST_F(SandboxMutations, AppendPredictionsReturnsCreatedLabels) {
    const int before = count({});
    const HttpResult result =
        append(QStringLiteral("PREDICTION"), {item(assetIds.at(0), QStringLiteral("m1")),
                                              item(assetIds.at(1), QStringLiteral("m1"))});
    ASSERT_TRUE(result.errors().isEmpty()) << result.body.toStdString();
    const QJsonArray created = result.data().toArray();
    ASSERT_EQ(created.size(), 2);
    const QJsonObject first = created.first().toObject();
    EXPECT_EQ(first.value(QLatin1String("labelType")).toString(), QStringLiteral("PREDICTION"));
    EXPECT_EQ(first.value(QLatin1String("modelName")).toString(), QStringLiteral("m1"));
    EXPECT_EQ(first.value(QLatin1String("jsonResponse")).toString(),
              response(QStringLiteral("TESLA"), 77));
    EXPECT_EQ(first.value(QLatin1String("labelOf"))
                  .toObject()
                  .value(QLatin1String("externalId"))
                  .toString(),
              QStringLiteral("car-01"));
    EXPECT_FALSE(first.value(QLatin1String("author"))
                     .toObject()
                     .value(QLatin1String("email"))
                     .toString()
                     .isEmpty());
    EXPECT_EQ(count({}), before + 2);
}

TEST_F(SandboxMutations, PredictionsAndInferencesNeedAModelName) {
    const int before = count({});
    for (const QString& type : {QStringLiteral("PREDICTION"), QStringLiteral("INFERENCE")}) {
        const HttpResult result = append(type, {item(assetIds.at(0), QStringLiteral("m")),
                                                item(assetIds.at(1), QJsonValue::Null)});
        EXPECT_EQ(result.firstErrorCode(), QStringLiteral("OPERATION_RESOLUTION_FAILURE"));
        EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("modelName")));
        EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("labelsData[1]")));
        EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("-- This can be due to:")));
    }
    EXPECT_EQ(count({}), before);
    // Human labels do not need one.
    EXPECT_TRUE(append(QStringLiteral("DEFAULT"), {item(assetIds.at(29), QJsonValue::Null)})
                    .errors()
                    .isEmpty());
}

TEST_F(SandboxMutations, OverwriteReplacesSameTypeAndModelOnly) {
    ASSERT_TRUE(append(QStringLiteral("PREDICTION"), {item(assetIds.at(0), QStringLiteral("a")),
                                                      item(assetIds.at(1), QStringLiteral("a"))})
                    .errors()
                    .isEmpty());
    ASSERT_TRUE(append(QStringLiteral("PREDICTION"), {item(assetIds.at(0), QStringLiteral("b"))})
                    .errors()
                    .isEmpty());
    const int demoModel = predictions(QStringLiteral("v0.0.1"));
    EXPECT_EQ(predictions(QStringLiteral("a")), 2);
    // Without overwrite: added next to the earlier ones.
    ASSERT_TRUE(append(QStringLiteral("PREDICTION"), {item(assetIds.at(0), QStringLiteral("a"))})
                    .errors()
                    .isEmpty());
    EXPECT_EQ(predictions(QStringLiteral("a")), 3);
    // With overwrite on asset 0: both "a" labels of asset 0 go, asset 1 keeps its own.
    ASSERT_TRUE(append(QStringLiteral("PREDICTION"),
                       {item(assetIds.at(0), QStringLiteral("a"), QStringLiteral("PORSCHE"))}, true)
                    .errors()
                    .isEmpty());
    EXPECT_EQ(predictions(QStringLiteral("a")), 2);
    EXPECT_EQ(predictions(QStringLiteral("b")), 1);
    EXPECT_EQ(predictions(QStringLiteral("v0.0.1")), demoModel);
}

TEST_F(SandboxMutations, UnknownAssetFailsTheWholeCall) {
    const int before = count({});
    const HttpResult result =
        append(QStringLiteral("PREDICTION"),
               {item(assetIds.at(0), QStringLiteral("m")),
                item(QStringLiteral("cnotanasset000000000000000"), QStringLiteral("m"))});
    EXPECT_TRUE(result.firstErrorMessage().startsWith(QLatin1String("[accessDenied]")));
    EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("cnotanasset000000000000000")));
    EXPECT_EQ(result.errors().first().toObject().value(QLatin1String("path")).toArray(),
              QJsonArray{QStringLiteral("data")});
    EXPECT_EQ(count({}), before);
    // An asset of another project does not match `where` either.
    const QString other = client->projectId(QStringLiteral("Street objects"));
    const HttpResult otherAsset = client->graphql(
        QStringLiteral(
            "query($w: AssetWhere!) { data: assets(where: $w, first: 1, skip: 0) { id } }"),
        {{QStringLiteral("w"),
          QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), other}}}}}});
    const QString foreign =
        otherAsset.data().toArray().first().toObject().value(QLatin1String("id")).toString();
    EXPECT_FALSE(append(QStringLiteral("PREDICTION"), {item(foreign, QStringLiteral("m"))})
                     .errors()
                     .isEmpty());
    EXPECT_EQ(count({}), before);
}

TEST_F(SandboxMutations, AtMostOneHundredLabelsPerCall) {
    QJsonArray items;
    for (int i = 0; i < 101; ++i)
        items.append(item(assetIds.at(i % 30), QStringLiteral("m")));
    const HttpResult tooMany = append(QStringLiteral("PREDICTION"), items);
    EXPECT_TRUE(tooMany.firstErrorMessage().contains(QLatin1String("100")));
    items.removeLast();
    const HttpResult hundred = append(QStringLiteral("PREDICTION"), items);
    EXPECT_TRUE(hundred.errors().isEmpty()) << hundred.body.toStdString();
    EXPECT_EQ(hundred.data().toArray().size(), 100);
}

TEST_F(SandboxMutations, HumanLabelsMoveTheStatus) {
    // car-25 (index 24) is TODO in the demo.
    const auto status = [&](const QString& id) {
        return client
            ->graphql(QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 1, "
                                     "skip: 0) { status } }"),
                      {{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), id}}}})
            .data()
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("status"))
            .toString();
    };
    EXPECT_EQ(status(assetIds.at(24)), QStringLiteral("TODO"));
    ASSERT_TRUE(append(QStringLiteral("PREDICTION"), {item(assetIds.at(24), QStringLiteral("m"))})
                    .errors()
                    .isEmpty());
    EXPECT_EQ(status(assetIds.at(24)), QStringLiteral("TODO"));
    ASSERT_TRUE(append(QStringLiteral("DEFAULT"), {item(assetIds.at(24), QJsonValue::Null)})
                    .errors()
                    .isEmpty());
    EXPECT_EQ(status(assetIds.at(24)), QStringLiteral("LABELED"));
    ASSERT_TRUE(append(QStringLiteral("REVIEW"), {item(assetIds.at(24), QJsonValue::Null)})
                    .errors()
                    .isEmpty());
    EXPECT_EQ(status(assetIds.at(24)), QStringLiteral("REVIEWED"));
}

TEST_F(SandboxMutations, DeleteOnlyPredictionsAndInferences) {
    const QJsonArray created =
        append(QStringLiteral("INFERENCE"), {item(assetIds.at(0), QStringLiteral("m")),
                                             item(assetIds.at(1), QStringLiteral("m"))})
            .data()
            .toArray();
    ASSERT_EQ(created.size(), 2);
    const QString inference = created.at(0).toObject().value(QLatin1String("id")).toString();
    const QJsonArray human =
        append(QStringLiteral("DEFAULT"), {item(assetIds.at(2), QJsonValue::Null)})
            .data()
            .toArray();
    const QString defaultLabel = human.first().toObject().value(QLatin1String("id")).toString();
    const int before = count({});

    const HttpResult refused = client->graphql(
        deleteMutation, {{QStringLiteral("ids"), QJsonArray{inference, defaultLabel}}});
    EXPECT_TRUE(refused.firstErrorMessage().contains(QLatin1String("PREDICTION and INFERENCE")));
    EXPECT_TRUE(refused.firstErrorMessage().contains(defaultLabel));
    EXPECT_EQ(count({}), before);
    const HttpResult unknown = client->graphql(
        deleteMutation, {{QStringLiteral("ids"), QJsonArray{QStringLiteral("nope")}}});
    EXPECT_FALSE(unknown.errors().isEmpty());
    EXPECT_EQ(count({}), before);

    const HttpResult deleted =
        client->graphql(deleteMutation, {{QStringLiteral("ids"), QJsonArray{inference}}});
    EXPECT_EQ(deleted.data().toArray(), QJsonArray{inference});
    EXPECT_EQ(count({}), before - 1);
}

TEST(SandboxPersistence, FileDatabaseSurvivesARestart) {
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    SandboxOptions options;
    options.dbPath = folder.filePath(QStringLiteral("sandbox.sqlite"));
    options.seedDemo = true;
    QString key;
    QString labelId;
    {
        SandboxServer server(options);
        QString error;
        ASSERT_TRUE(server.start(&error)) << error.toStdString();
        key = server.apiKey();
        SandboxClient client(server);
        const QString project = client.projectId(QStringLiteral("Porsche or Tesla"));
        const HttpResult page = client.graphql(
            QStringLiteral(
                "query($w: AssetWhere!) { data: assets(where: $w, first: 1, skip: 0) { id } }"),
            {{QStringLiteral("w"), QJsonObject{{QStringLiteral("project"),
                                                QJsonObject{{QStringLiteral("id"), project}}}}}});
        const QString asset =
            page.data().toArray().first().toObject().value(QLatin1String("id")).toString();
        const HttpResult created = client.graphql(
            appendMutation,
            {{QStringLiteral("data"),
              QJsonObject{{QStringLiteral("labelType"), QStringLiteral("PREDICTION")},
                          {QStringLiteral("labelsData"),
                           QJsonArray{item(asset, QStringLiteral("persisted"))}}}},
             {QStringLiteral("where"), QJsonObject{{QStringLiteral("idIn"), QJsonArray{asset}}}}});
        labelId = created.data().toArray().first().toObject().value(QLatin1String("id")).toString();
        ASSERT_FALSE(labelId.isEmpty()) << created.body.toStdString();
    }
    SandboxServer again(options);
    QString error;
    ASSERT_TRUE(again.start(&error)) << error.toStdString();
    EXPECT_EQ(again.apiKey(), key);
    EXPECT_EQ(again.projectIds().size(), 3); // seeded once, not twice
    SandboxClient client(again);
    const HttpResult found = client.graphql(
        QStringLiteral(
            "query($w: LabelWhere!) { data: labels(where: $w, first: 1, skip: 0) { modelName } }"),
        {{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), labelId}}}});
    EXPECT_EQ(
        found.data().toArray().first().toObject().value(QLatin1String("modelName")).toString(),
        QStringLiteral("persisted"));
}

TEST_F(SandboxMutations, LegacyCreatePredictionsByExternalId) {
    const HttpResult result = client->graphql(
        QStringLiteral(
            "mutation($projectID: ID!, $externalIDArray: [ID!]!, $modelNameArray: [String!]!,"
            " $jsonResponseArray: [String!]!) { createPredictions(projectID: $projectID,"
            " externalIDArray: $externalIDArray, modelNameArray: $modelNameArray,"
            " jsonResponseArray: $jsonResponseArray) { id labelType modelName labelOf { externalId "
            "} } }"),
        {{QStringLiteral("projectID"), project},
         {QStringLiteral("externalIDArray"),
          QJsonArray{QStringLiteral("car-03"), QStringLiteral("car-04")}},
         {QStringLiteral("modelNameArray"),
          QJsonArray{QStringLiteral("legacy"), QStringLiteral("legacy")}},
         {QStringLiteral("jsonResponseArray"), QJsonArray{response(QStringLiteral("PORSCHE"), 60),
                                                          response(QStringLiteral("TESLA"), 70)}}});
    ASSERT_TRUE(result.errors().isEmpty()) << result.body.toStdString();
    const QJsonArray created = result.data(QStringLiteral("createPredictions")).toArray();
    ASSERT_EQ(created.size(), 2);
    EXPECT_EQ(created.at(1)
                  .toObject()
                  .value(QLatin1String("labelOf"))
                  .toObject()
                  .value(QLatin1String("externalId"))
                  .toString(),
              QStringLiteral("car-04"));
    EXPECT_EQ(predictions(QStringLiteral("legacy")), 2);
}
