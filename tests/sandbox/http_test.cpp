// The HTTP surface: authentication, request shapes, transport-level errors, version and files.
#include "graphql/introspection.h"
#include "graphql/schema.h"
#include "sandbox/embeddedsandbox.h"
#include "sandboxclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const QString viewerQuery = QStringLiteral("query me { data: viewer { id email } }");

class SandboxHttp : public ::testing::Test {
protected:
    void SetUp() override {
        SandboxOptions options;
        options.seedDemo = true;
        options.maxBodyBytes = 64 * 1024;
        server = std::make_unique<SandboxServer>(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = std::make_unique<SandboxClient>(*server);
    }

    std::unique_ptr<SandboxServer> server;
    std::unique_ptr<SandboxClient> client;
};

} // namespace

TEST_F(SandboxHttp, ViewerWithTheRightKey) {
    const HttpResult result = client->graphql(viewerQuery);
    EXPECT_EQ(result.status, 200);
    const QJsonObject viewer = result.data().toObject();
    EXPECT_FALSE(viewer.value(QLatin1String("id")).toString().isEmpty());
    EXPECT_TRUE(viewer.value(QLatin1String("email")).toString().contains(QLatin1Char('@')));
    EXPECT_TRUE(result.errors().isEmpty());
}

TEST_F(SandboxHttp, UrlAndKeyShape) {
    EXPECT_EQ(server->graphqlUrl().host(), QStringLiteral("127.0.0.1"));
    EXPECT_EQ(server->graphqlUrl().path(), QStringLiteral("/api/label/v2/graphql"));
    EXPECT_GT(server->port(), 0);
    EXPECT_GE(server->apiKey().size(), 20);
}

TEST_F(SandboxHttp, WrongKeyIsKilis401AndTouchesNothing) {
    const QString mutation =
        QStringLiteral("mutation($ids: [ID!]!) { data: deleteLabels(ids: $ids) }");
    const HttpResult result = client->graphqlWithKey(
        mutation, QJsonObject{{QStringLiteral("ids"), QJsonArray{QStringLiteral("x")}}},
        QByteArrayLiteral("X-API-Key: not-the-key"));
    EXPECT_EQ(result.status, 401);
    EXPECT_EQ(result.firstErrorCode(), QStringLiteral("401"));
    EXPECT_TRUE(result.firstErrorMessage().startsWith(QLatin1String("[accessDenied]")));
    EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("-- This can be due to:")));
    EXPECT_EQ(result.errors().first().toObject().value(QLatin1String("path")).toArray(),
              QJsonArray{QStringLiteral("data")});
    EXPECT_TRUE(
        result.json.value(QLatin1String("data")).toObject().contains(QLatin1String("data")));
    EXPECT_FALSE(result.firstErrorMessage().contains(server->apiKey()));
}

TEST_F(SandboxHttp, MissingKeyAndWrongHeaderShape) {
    EXPECT_EQ(client->graphqlWithKey(viewerQuery, {}, QByteArray()).status, 401);
    // The value must literally start with "X-API-Key: ".
    EXPECT_EQ(client->graphqlWithKey(viewerQuery, {}, server->apiKey().toUtf8()).status, 401);
    EXPECT_EQ(client->graphqlWithKey(viewerQuery, {}, "Bearer " + server->apiKey().toUtf8()).status,
              401);
}

TEST_F(SandboxHttp, MalformedJsonBody) {
    const HttpResult result = client->post(server->graphqlUrl(), QByteArrayLiteral("{\"query\": "),
                                           client->authorization());
    EXPECT_EQ(result.status, 400);
    EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("not valid JSON")));
    const HttpResult notAnObject =
        client->post(server->graphqlUrl(), QByteArrayLiteral("[1, 2]"), client->authorization());
    EXPECT_EQ(notAnObject.status, 400);
    const HttpResult noQuery =
        client->post(server->graphqlUrl(), QByteArrayLiteral("{}"), client->authorization());
    EXPECT_EQ(noQuery.status, 400);
    EXPECT_TRUE(noQuery.firstErrorMessage().contains(QLatin1String("query")));
}

TEST_F(SandboxHttp, GetInsteadOfPost) {
    const HttpResult result = client->get(server->graphqlUrl(), client->authorization());
    EXPECT_EQ(result.status, 405);
    EXPECT_EQ(result.header("Allow"), QByteArrayLiteral("POST"));
    EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("POST")));
}

TEST_F(SandboxHttp, HugeBodyIsRefused) {
    QByteArray body = QByteArrayLiteral("{\"query\": \"{ viewer { id } }\", \"pad\": \"");
    body.append(QByteArray(200 * 1024, 'x'));
    body.append("\"}");
    const HttpResult result = client->post(server->graphqlUrl(), body, client->authorization());
    EXPECT_EQ(result.status, 413);
    EXPECT_EQ(result.firstErrorCode(), QStringLiteral("PAYLOAD_TOO_LARGE"));
}

TEST_F(SandboxHttp, DeepNestingIsAnErrorNotACrash) {
    QString query = QStringLiteral("query { viewer ");
    for (int i = 0; i < 500; ++i)
        query += QStringLiteral("{ id ");
    for (int i = 0; i < 500; ++i)
        query += QStringLiteral("} ");
    query += QLatin1Char('}');
    const HttpResult result = client->graphql(query);
    EXPECT_EQ(result.status, 400);
    EXPECT_FALSE(result.errors().isEmpty());
    EXPECT_EQ(result.firstErrorCode(), QStringLiteral("GRAPHQL_PARSE_FAILED"));
}

TEST_F(SandboxHttp, SyntaxAndValidationErrorCodes) {
    const HttpResult syntax = client->graphql(QStringLiteral("query { viewer { id "));
    EXPECT_EQ(syntax.firstErrorCode(), QStringLiteral("GRAPHQL_PARSE_FAILED"));
    const HttpResult unknown = client->graphql(QStringLiteral("query { viewer { emaiel } }"));
    EXPECT_EQ(unknown.firstErrorCode(), QStringLiteral("GRAPHQL_VALIDATION_FAILED"));
    EXPECT_TRUE(unknown.firstErrorMessage().contains(QLatin1String("emaiel")));
}

// GraphQL's serialized map ordering, on the wire: keys come in the order of the selection set
// (aliases, fragments and inline fragments included), not sorted.
TEST_F(SandboxHttp, ResponseKeysFollowTheSelectionOrder) {
    const QString projectId = client->projectId(QStringLiteral("Porsche or Tesla"));
    const HttpResult result = client->graphql(
        QStringLiteral("query($w: AssetWhere!) { zz: countAssets(where: $w)"
                       " data: assets(where: $w, first: 1, skip: 0) { status ...ids"
                       " ... on Asset { createdAt } labels { labelType id } } viewer { email id } }"
                       " fragment ids on Asset { id externalId }"),
        QJsonObject{
            {QStringLiteral("w"), QJsonObject{{QStringLiteral("project"),
                                               QJsonObject{{QStringLiteral("id"), projectId}}}}}});
    ASSERT_EQ(result.status, 200) << result.body.toStdString();
    const QByteArray& body = result.body;
    const QList<QByteArray> keys = {
        "\"data\":{\"zz\":",     "\"data\":[{\"status\":", "\"id\":",
        "\"externalId\":",       "\"createdAt\":",         "\"labels\":[{\"labelType\":",
        "\"viewer\":{\"email\":"};
    qsizetype at = 0;
    for (const QByteArray& key : keys) {
        const qsizetype found = body.indexOf(key, at);
        EXPECT_GE(found, at) << key.toStdString() << " out of order in " << body.toStdString();
        at = qMax(at, found);
    }
}

// Kili's error answers start with "errors" and their errors with "message".
TEST_F(SandboxHttp, ErrorAnswersPutErrorsAndMessageFirst) {
    const HttpResult denied =
        client->graphqlWithKey(viewerQuery, {}, QByteArrayLiteral("X-API-Key: wrong"));
    EXPECT_TRUE(denied.body.startsWith("{\"errors\":[{\"message\":\"[accessDenied]"))
        << denied.body.toStdString();
    EXPECT_TRUE(denied.body.endsWith(",\"data\":{\"data\":null}}")) << denied.body.toStdString();
    const HttpResult invalid = client->graphql(QStringLiteral("query { viewer { emaiel } }"));
    EXPECT_TRUE(invalid.body.startsWith("{\"errors\":[{\"message\":"))
        << invalid.body.toStdString();
    const HttpResult get = client->get(server->graphqlUrl(), client->authorization());
    EXPECT_TRUE(get.body.startsWith("{\"errors\":[{\"message\":")) << get.body.toStdString();
    EXPECT_TRUE(get.body.endsWith(",\"data\":null}")) << get.body.toStdString();
}

// Requests that cannot be executed are answered 400 with Apollo's codes, before any resolver runs.
TEST_F(SandboxHttp, RequestsThatCannotRunAre400WithACode) {
    const auto post = [&](const QByteArray& body) {
        return client->post(server->graphqlUrl(), body, client->authorization());
    };
    const HttpResult unknownOperation =
        post(R"({"query": "query a { viewer { id } }", "operationName": "b"})");
    EXPECT_EQ(unknownOperation.status, 400);
    EXPECT_EQ(unknownOperation.firstErrorCode(), QStringLiteral("OPERATION_RESOLUTION_FAILURE"));
    EXPECT_FALSE(unknownOperation.json.contains(QLatin1String("data")));
    const HttpResult twoOperations =
        post(R"({"query": "query a { viewer { id } } query b { me { id } }"})");
    EXPECT_EQ(twoOperations.status, 400);
    EXPECT_EQ(twoOperations.firstErrorCode(), QStringLiteral("OPERATION_RESOLUTION_FAILURE"));
    const HttpResult badVariable = post(
        R"({"query": "query q($f: PageSize!) { projects(where: {}, first: $f, skip: 0) { id } }",)"
        R"( "variables": {"f": {}}})");
    EXPECT_EQ(badVariable.status, 400);
    EXPECT_EQ(badVariable.firstErrorCode(), QStringLiteral("GRAPHQL_VALIDATION_FAILED"));
    EXPECT_TRUE(badVariable.firstErrorMessage().contains(
        QLatin1String("Bad type of input PageSize, expected type integer, got type object.")));
    const HttpResult missingVariable = post(
        R"({"query": "query q($f: PageSize!) { projects(where: {}, first: $f, skip: 0) { id } }"})");
    EXPECT_EQ(missingVariable.status, 400);
    EXPECT_EQ(missingVariable.firstErrorCode(), QStringLiteral("GRAPHQL_VALIDATION_FAILED"));
    // Deeply nested JSON in the body: refused by the JSON reader, not a crash.
    const QByteArray deep = "{\"query\": \"{ viewer { id } }\", \"variables\": {\"a\": "
                            + QByteArray(5000, '[') + QByteArray(5000, ']') + "}}";
    const HttpResult nested = post(deep);
    EXPECT_EQ(nested.status, 400);
    EXPECT_EQ(nested.firstErrorCode(), QStringLiteral("BAD_REQUEST"));
    // A batch (JSON array of requests) is not supported: one request per call.
    const HttpResult batch = post(R"([{"query": "{ viewer { id } }"}])");
    EXPECT_EQ(batch.status, 400);
    EXPECT_EQ(batch.firstErrorCode(), QStringLiteral("BAD_REQUEST"));
}

TEST_F(SandboxHttp, VersionEndpoint) {
    QUrl url = server->baseUrl();
    url.setPath(url.path() + QStringLiteral("/version"));
    const HttpResult result = client->get(url, QByteArray());
    EXPECT_EQ(result.status, 200);
    EXPECT_FALSE(result.json.value(QLatin1String("version")).toString().isEmpty());
}

TEST_F(SandboxHttp, AssetFilesNeedTheKey) {
    const QString project = client->projectId(QStringLiteral("Porsche or Tesla"));
    const HttpResult assets = client->graphql(
        QStringLiteral(
            "query($w: AssetWhere!) { data: assets(where: $w, first: 1, skip: 0) { content } }"),
        QJsonObject{
            {QStringLiteral("w"), QJsonObject{{QStringLiteral("project"),
                                               QJsonObject{{QStringLiteral("id"), project}}}}}});
    const QUrl content(
        assets.data().toArray().first().toObject().value(QLatin1String("content")).toString());
    ASSERT_TRUE(content.toString().startsWith(server->baseUrl().toString()));
    const HttpResult image = client->get(content, client->authorization());
    EXPECT_EQ(image.status, 200);
    EXPECT_EQ(image.header("Content-Type"), QByteArrayLiteral("image/png"));
    EXPECT_TRUE(image.body.startsWith("\x89PNG"));
    EXPECT_EQ(client->get(content, QByteArray()).status, 401);
    QUrl missing = server->baseUrl();
    missing.setPath(missing.path() + QStringLiteral("/files/nope"));
    EXPECT_EQ(client->get(missing, client->authorization()).status, 404);
}

TEST_F(SandboxHttp, UnknownPath) {
    QUrl url = server->graphqlUrl();
    url.setPath(QStringLiteral("/graphql"));
    const HttpResult result = client->post(url, QByteArrayLiteral("{}"), client->authorization());
    EXPECT_EQ(result.status, 404);
    EXPECT_TRUE(result.firstErrorMessage().contains(QLatin1String("/api/label/v2/graphql")));
}

TEST(SandboxServerStart, RefusesNonLoopbackHosts) {
    for (const char* host : {"0.0.0.0", "192.168.1.10", "example.com", "::"}) {
        SandboxOptions options;
        options.host = QString::fromLatin1(host);
        SandboxServer server(options);
        QString error;
        EXPECT_FALSE(server.start(&error)) << host;
        EXPECT_TRUE(error.contains(QLatin1String("loopback"))) << error.toStdString();
    }
    SandboxOptions localhost;
    localhost.host = QStringLiteral("localhost");
    SandboxServer server(localhost);
    QString error;
    EXPECT_TRUE(server.start(&error)) << error.toStdString();
}

TEST(SandboxServerStart, IntrospectionBuildsTheSchema) {
    SandboxServer server(SandboxOptions{});
    QString error;
    ASSERT_TRUE(server.start(&error));
    SandboxClient client(server);
    const HttpResult result = client.graphql(QStringLiteral(
        "query { __schema { queryType { name } mutationType { name } types { name kind } } }"));
    EXPECT_EQ(result.status, 200);
    const QJsonObject schema = result.data(QStringLiteral("__schema")).toObject();
    EXPECT_EQ(schema.value(QLatin1String("queryType")).toObject().value(QLatin1String("name")),
              QStringLiteral("Query"));
    QStringList names;
    const QJsonArray types = schema.value(QLatin1String("types")).toArray();
    for (const QJsonValue& type : types)
        names.append(type.toObject().value(QLatin1String("name")).toString());
    EXPECT_TRUE(names.contains(QStringLiteral("AssetWhere")));
    EXPECT_TRUE(names.contains(QStringLiteral("PageSize")));
}

TEST(SandboxServerStart, StandardIntrospectionQueryRebuildsTheSchema) {
    SandboxServer server(SandboxOptions{});
    QString error;
    ASSERT_TRUE(server.start(&error));
    SandboxClient client(server);
    const HttpResult result = client.graphql(kili::graphql::introspectionQuery({}));
    ASSERT_EQ(result.status, 200) << result.body.left(500).toStdString();
    ASSERT_TRUE(result.errors().isEmpty()) << result.body.left(500).toStdString();
    QString schemaError;
    const kili::graphql::Schema schema = kili::graphql::Schema::fromIntrospection(
        result.json.value(QLatin1String("data")).toObject(), &schemaError);
    EXPECT_TRUE(schemaError.isEmpty()) << schemaError.toStdString();
    EXPECT_NE(schema.type(QStringLiteral("AppendManyLabelsData")), nullptr);
}

TEST(EmbeddedSandboxThread, ServesFromItsOwnThread) {
    SandboxOptions options;
    options.seedDemo = true;
    EmbeddedSandbox sandbox(options);
    QString error;
    ASSERT_TRUE(sandbox.start(&error)) << error.toStdString();
    EXPECT_EQ(sandbox.createdProjectIds().size(), 3);
    QNetworkAccessManager network;
    QNetworkRequest request(sandbox.graphqlUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         QByteArrayLiteral("X-API-Key: ") + sandbox.apiKey().toUtf8());
    QNetworkReply* reply = network.post(
        request, QByteArrayLiteral("{\"query\": \"{ data: countProjects(where: {}) }\"}"));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_EQ(QJsonDocument::fromJson(reply->readAll())
                  .object()
                  .value(QLatin1String("data"))
                  .toObject()
                  .value(QLatin1String("data"))
                  .toInt(),
              3);
    delete reply;
    sandbox.stop();
}
