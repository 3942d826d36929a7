// Queries against the demo projects: filters, paging, counts, page-size limits, labels, keys.
#include "sandboxclient.h"

#include <QRegularExpression>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const QString assetsQuery = QStringLiteral(
    "query assets($where: AssetWhere!, $first: PageSize!, $skip: Int!) {"
    " data: assets(where: $where, first: $first, skip: $skip) {"
    "  id externalId status createdAt labels { id labelType modelName author { email } } } }");
const QString countAssetsQuery =
    QStringLiteral("query countAssets($where: AssetWhere!) { data: countAssets(where: $where) }");
const QString labelsQuery =
    QStringLiteral("query labels($where: LabelWhere!, $first: PageSize!, $skip: Int!) {"
                   " data: labels(where: $where, first: $first, skip: $skip) {"
                   "  id labelType modelName jsonResponse labelOf { externalId } } }");
const QString countLabelsQuery =
    QStringLiteral("query countLabels($where: LabelWhere!) { data: countLabels(where: $where) }");

class SandboxQueries : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        SandboxOptions options;
        options.seedDemo = true;
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
        porsche = client->projectId(QStringLiteral("Porsche or Tesla"));
        street = client->projectId(QStringLiteral("Street objects"));
        news = client->projectId(QStringLiteral("News entities"));
    }
    static void TearDownTestSuite() {
        delete client;
        delete server;
    }

    static QJsonObject inProject(const QString& project, QJsonObject where = {}) {
        where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}});
        return where;
    }
    static QJsonArray assets(const QJsonObject& where, int first = 100, int skip = 0) {
        const HttpResult result =
            client->graphql(assetsQuery, QJsonObject{{QStringLiteral("where"), where},
                                                     {QStringLiteral("first"), first},
                                                     {QStringLiteral("skip"), skip}});
        EXPECT_TRUE(result.errors().isEmpty()) << result.body.toStdString();
        return result.data().toArray();
    }
    static int countAssets(const QJsonObject& where) {
        return client->graphql(countAssetsQuery, QJsonObject{{QStringLiteral("where"), where}})
            .data()
            .toInt(-1);
    }
    static QJsonArray labels(const QJsonObject& where, int first = 100, int skip = 0) {
        const HttpResult result =
            client->graphql(labelsQuery, QJsonObject{{QStringLiteral("where"), where},
                                                     {QStringLiteral("first"), first},
                                                     {QStringLiteral("skip"), skip}});
        EXPECT_TRUE(result.errors().isEmpty()) << result.body.toStdString();
        return result.data().toArray();
    }
    static int countLabels(const QJsonObject& where) {
        return client->graphql(countLabelsQuery, QJsonObject{{QStringLiteral("where"), where}})
            .data()
            .toInt(-1);
    }
    static QStringList externalIds(const QJsonArray& assets) {
        QStringList ids;
        for (const QJsonValue& asset : assets)
            ids.append(asset.toObject().value(QLatin1String("externalId")).toString());
        return ids;
    }

    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
    static inline QString porsche;
    static inline QString street;
    static inline QString news;
};

} // namespace

TEST_F(SandboxQueries, DemoProjects) {
    const HttpResult result = client->graphql(QStringLiteral(
        "query { data: projects(where: {}, first: 10, skip: 0) { id title inputType jsonInterface"
        " numberOfAssets numberOfRemainingAssets numberOfReviewedAssets } n: countProjects(where: "
        "{}) }"));
    const QJsonArray projects = result.data().toArray();
    ASSERT_EQ(projects.size(), 3);
    EXPECT_EQ(result.data(QStringLiteral("n")).toInt(), 3);
    const QJsonObject first = projects.first().toObject();
    EXPECT_EQ(first.value(QLatin1String("title")).toString(), QStringLiteral("Porsche or Tesla"));
    EXPECT_EQ(first.value(QLatin1String("numberOfAssets")).toInt(), 30);
    EXPECT_EQ(first.value(QLatin1String("numberOfReviewedAssets")).toInt(), 6);
    EXPECT_EQ(first.value(QLatin1String("numberOfRemainingAssets")).toInt(),
              6); // 5 TODO + 1 ONGOING
    EXPECT_TRUE(first.value(QLatin1String("jsonInterface"))
                    .toString()
                    .contains(QLatin1String("CLASSIFICATION_JOB")));
    EXPECT_EQ(projects.at(2).toObject().value(QLatin1String("inputType")).toString(),
              QStringLiteral("TEXT"));
}

TEST_F(SandboxQueries, ProjectWhere) {
    const HttpResult search =
        client->graphql(QStringLiteral("query { data: projects(where: {searchQuery: "
                                       "\"%porsche%\"}, first: 10, skip: 0) { title } }"));
    EXPECT_EQ(search.data().toArray().size(), 1);
    const HttpResult byId = client->graphql(
        QStringLiteral(
            "query($w: ProjectWhere!) { data: projects(where: $w, first: 1, skip: 0) { title } }"),
        QJsonObject{{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), street}}}});
    EXPECT_EQ(byId.data().toArray().first().toObject().value(QLatin1String("title")).toString(),
              QStringLiteral("Street objects"));
    const HttpResult unknown = client->graphql(QStringLiteral(
        "query { data: projects(where: {id: \"nope\"}, first: 1, skip: 0) { title } }"));
    EXPECT_TRUE(unknown.errors().isEmpty());
    EXPECT_EQ(unknown.data().toArray().size(), 0); // not found is an empty list
    const auto count = [](const char* where) {
        return client
            ->graphql(QStringLiteral("query { data: countProjects(where: %1) list: projects(where: "
                                     "%1, first: 10, skip: 0) { organizationId } }")
                          .arg(QLatin1String(where)))
            .data()
            .toInt(-1);
    };
    EXPECT_EQ(count("{starred: true}"), 0); // nobody stars sandbox projects
    EXPECT_EQ(count("{starred: false}"), 3);
    EXPECT_EQ(count("{organizationId: \"another-organization\"}"), 0);
    const QString organization =
        client
            ->graphql(QStringLiteral("query { data: projects(where: {}, "
                                     "first: 1, skip: 0) { organizationId } }"))
            .data()
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("organizationId"))
            .toString();
    ASSERT_FALSE(organization.isEmpty());
    EXPECT_EQ(
        count(QStringLiteral("{organizationId: \"%1\"}").arg(organization).toUtf8().constData()),
        3);
}

TEST_F(SandboxQueries, ViewerAndMe) {
    const HttpResult result =
        client->graphql(QStringLiteral("query { a: viewer { id email } b: me { id email } }"));
    EXPECT_EQ(result.data(QStringLiteral("a")), result.data(QStringLiteral("b")));
}

TEST_F(SandboxQueries, ApiKeyExpiry) {
    const HttpResult result = client->graphql(
        QStringLiteral(
            "query apiKeys($where: ApiKeyWhere!) { data: apiKeys(where: $where, skip: 0, "
            "first: 1) { expiryDate } }"),
        QJsonObject{
            {QStringLiteral("where"), QJsonObject{{QStringLiteral("key"), server->apiKey()}}}});
    const QString expiry =
        result.data().toArray().first().toObject().value(QLatin1String("expiryDate")).toString();
    EXPECT_TRUE(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"))
                    .match(expiry)
                    .hasMatch())
        << expiry.toStdString();
    const HttpResult none = client->graphql(QStringLiteral(
        "query { data: apiKeys(where: {key: \"other\"}, skip: 0, first: 1) { id } }"));
    EXPECT_EQ(none.data().toArray().size(), 0);
}

TEST_F(SandboxQueries, PagingInCreationOrderWithMatchingCounts) {
    const QJsonObject where =
        inProject(porsche, QJsonObject{{QStringLiteral("label"), QJsonObject()},
                                       {QStringLiteral("issue"), QJsonObject()}});
    EXPECT_EQ(countAssets(where), 30);
    QStringList paged;
    for (int skip = 0;; skip += 7) {
        const QJsonArray page = assets(where, 7, skip);
        paged += externalIds(page);
        if (page.size() < 7)
            break;
    }
    ASSERT_EQ(paged.size(), 30);
    for (int i = 0; i < 30; ++i)
        EXPECT_EQ(paged.at(i), QStringLiteral("car-%1").arg(i + 1, 2, 10, QLatin1Char('0')));
    EXPECT_EQ(assets(where, 10, 25).size(), 5);
    EXPECT_EQ(assets(where, 10, 300).size(), 0);
    EXPECT_EQ(assets(where, 0, 0).size(), 0);
}

TEST_F(SandboxQueries, AssetFilters) {
    EXPECT_EQ(countAssets(inProject(
                  porsche, {{QStringLiteral("statusIn"), QJsonArray{QStringLiteral("REVIEWED")}}})),
              6);
    EXPECT_EQ(countAssets(inProject(
                  porsche, {{QStringLiteral("statusIn"),
                             QJsonArray{QStringLiteral("TODO"), QStringLiteral("ONGOING")}}})),
              6);
    EXPECT_EQ(countAssets(inProject(porsche, {{QStringLiteral("statusIn"), QJsonValue::Null}})),
              30);
    const QJsonObject strictly =
        inProject(porsche, {{QStringLiteral("externalIdStrictlyIn"),
                             QJsonArray{QStringLiteral("car-01"), QStringLiteral("car-02"),
                                        QStringLiteral("car-0")}}});
    EXPECT_EQ(externalIds(assets(strictly)),
              (QStringList{QStringLiteral("car-01"), QStringLiteral("car-02")}));
    EXPECT_EQ(countAssets(inProject(porsche, {{QStringLiteral("externalIdIn"),
                                               QJsonArray{QStringLiteral("car-0")}}})),
              9);
    EXPECT_EQ(countAssets(inProject(porsche,
                                    {{QStringLiteral("externalIdIn"),
                                      QJsonArray{QStringLiteral("car-0"), QStringLiteral("-3")}}})),
              9 + 1);

    const QJsonArray two = assets(inProject(porsche), 2);
    const QString id0 = two.at(0).toObject().value(QLatin1String("id")).toString();
    const QString id1 = two.at(1).toObject().value(QLatin1String("id")).toString();
    EXPECT_EQ(externalIds(assets(QJsonObject{{QStringLiteral("id"), id1}})),
              QStringList{QStringLiteral("car-02")});
    EXPECT_EQ(countAssets(inProject(porsche, {{QStringLiteral("idIn"), QJsonArray{id0, id1}}})), 2);
    EXPECT_EQ(countAssets(inProject(porsche, {{QStringLiteral("idNotIn"), QJsonArray{id0, id1}}})),
              28);
    EXPECT_EQ(countAssets(inProject(porsche, {{QStringLiteral("idIn"), QJsonArray()}})), 0);

    EXPECT_EQ(countAssets(inProject(
                  porsche, {{QStringLiteral("createdAtGte"), QStringLiteral("2000-01-01")}})),
              30);
    EXPECT_EQ(countAssets(inProject(
                  porsche, {{QStringLiteral("createdAtLte"), QStringLiteral("2000-01-01")}})),
              0);
    const HttpResult badDate = client->graphql(
        countAssetsQuery,
        {{QStringLiteral("where"),
          inProject(porsche, {{QStringLiteral("createdAtGte"), QStringLiteral("yesterday")}})}});
    EXPECT_EQ(badDate.firstErrorCode(), QStringLiteral("OPERATION_RESOLUTION_FAILURE"));
    EXPECT_TRUE(badDate.firstErrorMessage().contains(QLatin1String("yesterday")));

    EXPECT_EQ(countAssets(
                  inProject(porsche, {{QStringLiteral("metadata"),
                                       QJsonObject{{QStringLiteral("index"), QJsonArray{1, 5}}}}})),
              5);
    EXPECT_EQ(countAssets(inProject(QStringLiteral("no-such-project"))), 0);
    EXPECT_EQ(countAssets(inProject(
                  porsche, {{QStringLiteral("issue"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("QUESTION")}}}})),
              2); // car-10 and car-27 (resources/demo/README.md)
    EXPECT_EQ(countAssets(inProject(
                  street, {{QStringLiteral("issue"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("QUESTION")}}}})),
              0);
}

TEST_F(SandboxQueries, LabelSubFilterKeepsAllLabels) {
    const QJsonObject predicted = inProject(
        porsche,
        {{QStringLiteral("label"),
          QJsonObject{{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("PREDICTION")}}}},
         {QStringLiteral("issue"), QJsonObject()}});
    const QJsonArray page = assets(predicted);
    EXPECT_EQ(page.size(), 10);
    EXPECT_EQ(countAssets(predicted), 10);
    // car-01 has its prediction and its human label; both come back.
    const QJsonArray firstLabels = page.first().toObject().value(QLatin1String("labels")).toArray();
    QStringList types;
    for (const QJsonValue& label : firstLabels)
        types.append(label.toObject().value(QLatin1String("labelType")).toString());
    EXPECT_EQ(types, (QStringList{QStringLiteral("PREDICTION"), QStringLiteral("DEFAULT")}));

    const QJsonObject reviewedByRita = inProject(
        porsche, {{QStringLiteral("label"),
                   QJsonObject{{QStringLiteral("authorIn"), QJsonArray{QStringLiteral("rita")}},
                               {QStringLiteral("typeIn"), QJsonArray{QStringLiteral("REVIEW")}}}}});
    EXPECT_EQ(countAssets(reviewedByRita), 6);
    const QJsonObject lateLabels = inProject(
        porsche, {{QStringLiteral("label"),
                   QJsonObject{{QStringLiteral("createdAtGte"), QStringLiteral("2026-11-04")}}}});
    EXPECT_EQ(countAssets(lateLabels), 6);
}

TEST_F(SandboxQueries, LabelsRootField) {
    EXPECT_EQ(countLabels(inProject(porsche)), 41);
    EXPECT_EQ(labels(inProject(porsche)).size(), 41);
    const QJsonObject reviews =
        inProject(porsche, {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("REVIEW")}}});
    EXPECT_EQ(countLabels(reviews), 6);
    EXPECT_EQ(labels(reviews, 4, 4).size(), 2);
    const QJsonObject ofCar02 = inProject(
        porsche,
        {{QStringLiteral("asset"), QJsonObject{{QStringLiteral("externalIdStrictlyIn"),
                                                QJsonArray{QStringLiteral("car-02")}},
                                               {QStringLiteral("label"), QJsonObject()},
                                               {QStringLiteral("issue"), QJsonObject()}}}});
    const QJsonArray car02 = labels(ofCar02);
    ASSERT_EQ(car02.size(), 2);
    EXPECT_EQ(car02.first()
                  .toObject()
                  .value(QLatin1String("labelOf"))
                  .toObject()
                  .value(QLatin1String("externalId"))
                  .toString(),
              QStringLiteral("car-02"));
    const QJsonObject twoModels =
        inProject(street, {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("PREDICTION")}}});
    EXPECT_EQ(countLabels(twoModels), 13);
    QSet<QString> models;
    const QJsonArray predictions = labels(twoModels);
    for (const QJsonValue& label : predictions)
        models.insert(label.toObject().value(QLatin1String("modelName")).toString());
    EXPECT_EQ(models, (QSet<QString>{QStringLiteral("yolo-v8-run3"), QStringLiteral("detr-r50")}));
    EXPECT_EQ(countLabels(inProject(
                  news, {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("DEFAULT")}}})),
              6);
}

TEST_F(SandboxQueries, LabelSearch) {
    const QJsonObject porscheDefaults = inProject(
        porsche,
        {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("DEFAULT")}},
         {QStringLiteral("search"), QStringLiteral("CLASSIFICATION_JOB.PORSCHE.count > 0")}});
    EXPECT_EQ(countLabels(porscheDefaults), 12);
    const QJsonObject either = inProject(
        porsche,
        {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("DEFAULT")}},
         {QStringLiteral("search"),
          QStringLiteral("(CLASSIFICATION_JOB.PORSCHE.count >= 1 OR CLASSIFICATION_JOB.TESLA.count "
                         "== 1) AND CLASSIFICATION_JOB.TESLA.count < 5")}});
    EXPECT_EQ(countLabels(either), 24);
    const HttpResult bad = client->graphql(
        countLabelsQuery,
        {{QStringLiteral("where"),
          inProject(porsche, {{QStringLiteral("search"), QStringLiteral("JOB.A.count >")}})}});
    EXPECT_TRUE(bad.firstErrorMessage().contains(QLatin1String("JOB.A.count >")))
        << bad.body.toStdString();
}

TEST_F(SandboxQueries, PageSizeChecks) {
    const HttpResult tooBig =
        client->graphql(assetsQuery, {{QStringLiteral("where"), inProject(porsche)},
                                      {QStringLiteral("first"), 501},
                                      {QStringLiteral("skip"), 0}});
    EXPECT_EQ(tooBig.firstErrorCode(), QStringLiteral("OPERATION_RESOLUTION_FAILURE"));
    EXPECT_TRUE(tooBig.firstErrorMessage().startsWith(QLatin1String("[")));
    EXPECT_TRUE(tooBig.firstErrorMessage().contains(QLatin1String("500")));
    EXPECT_TRUE(tooBig.data().isNull());
    const HttpResult object = client->graphql(
        QStringLiteral("query { data: assets(where: {}, first: {a: 1}, skip: 0) { id } }"));
    EXPECT_FALSE(object.errors().isEmpty());
    EXPECT_TRUE(object.firstErrorMessage().contains(QLatin1String("PageSize")))
        << object.body.toStdString();
    const HttpResult negative =
        client->graphql(assetsQuery, {{QStringLiteral("where"), inProject(porsche)},
                                      {QStringLiteral("first"), 10},
                                      {QStringLiteral("skip"), -1}});
    EXPECT_FALSE(negative.errors().isEmpty());
}

TEST_F(SandboxQueries, FilterExistingAssets) {
    const HttpResult result = client->graphql(
        QStringLiteral("query FilterExistingAssets($projectID: ID!, $externalIDs: [String!]!) {"
                       " external_ids: filterExistingAssets(projectID: $projectID, externalIDs: "
                       "$externalIDs) }"),
        {{QStringLiteral("projectID"), porsche},
         {QStringLiteral("externalIDs"),
          QJsonArray{QStringLiteral("car-01"), QStringLiteral("zzz"), QStringLiteral("car-30")}}});
    EXPECT_EQ(result.data(QStringLiteral("external_ids")).toArray(),
              (QJsonArray{QStringLiteral("car-01"), QStringLiteral("car-30")}));
}

TEST_F(SandboxQueries, TextAssetsCarryTheirText) {
    const QJsonArray page = assets(inProject(news), 1);
    const HttpResult result =
        client->graphql(QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 1, "
                                       "skip: 0) { content project { title } } }"),
                        {{QStringLiteral("w"), inProject(news)}});
    const QJsonObject asset = result.data().toArray().first().toObject();
    EXPECT_TRUE(
        asset.value(QLatin1String("content")).toString().startsWith(QLatin1String("Alice Martin")));
    EXPECT_EQ(
        asset.value(QLatin1String("project")).toObject().value(QLatin1String("title")).toString(),
        QStringLiteral("News entities"));
}

TEST(SandboxPageSize, Configurable) {
    SandboxOptions options;
    options.maxPageSize = 20;
    options.seedDemo = true;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error));
    SandboxClient client(server);
    const auto ask = [&](int first) {
        return client.graphql(
            QStringLiteral(
                "query($f: PageSize!) { data: assets(where: {}, first: $f, skip: 0) { id } }"),
            {{QStringLiteral("f"), first}});
    };
    EXPECT_EQ(ask(20).data().toArray().size(), 20);
    EXPECT_TRUE(ask(21).firstErrorMessage().contains(QLatin1String("20")));
}
