// Every client document validates against resources/kili-schema.graphql, and the schema check on
// connect reports, per feature, what no longer matches a server's schema.
#include "api/connection.h"
#include "api/documentcheck.h"
#include "api/documents.h"
#include "api/ratelimiter.h"
#include "api/schemacheckjob.h"
#include "graphql/schema.h"
#include "jobwatch.h"
#include "scriptedserver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::api;

namespace {

QString schemaSdl() {
    QFile file(QStringLiteral(KILI_SCHEMA_FILE));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

kili::graphql::Schema schemaFrom(const QString& sdl) {
    QString error;
    kili::graphql::Schema schema = kili::graphql::Schema::fromSdl(sdl, &error);
    EXPECT_TRUE(schema.isValid()) << error.toStdString();
    return schema;
}

// The schema without appendManyLabels' `where` argument: a server whose import API moved.
QString schemaWithMovedImport() {
    QString sdl = schemaSdl();
    sdl.replace(QStringLiteral("appendManyLabels(data: AppendManyLabelsData!, where: AssetWhere!)"),
                QStringLiteral("appendManyLabels(data: AppendManyLabelsData!)"));
    return sdl;
}

} // namespace

TEST(Documents, EveryDocumentValidatesAgainstTheKiliSchema) {
    const QString sdl = schemaSdl();
    ASSERT_FALSE(sdl.isEmpty()) << KILI_SCHEMA_FILE;
    const QList<DocumentProblem> problems = checkDocuments(schemaFrom(sdl));
    for (const DocumentProblem& problem : problems)
        ADD_FAILURE() << problem.operation.toStdString() << ": " << problem.message.toStdString();
    EXPECT_GE(documents::all().size(), 14);
}

TEST(Documents, RootFieldsAreAliasedData) {
    for (const documents::OperationDocument& document : documents::all()) {
        if (document.operation == QLatin1String("signInCheck"))
            continue; // the SDK's own unaliased key check
        EXPECT_TRUE(document.text.contains(QLatin1String("{ data: ")))
            << document.operation.toStdString();
    }
}

TEST(Documents, MovedImportApiDisablesOnlyImport) {
    const QList<DocumentProblem> problems = checkDocuments(schemaFrom(schemaWithMovedImport()));
    ASSERT_FALSE(problems.isEmpty());
    EXPECT_EQ(unavailableFeatures(problems), QStringList{QStringLiteral("Import")});
    EXPECT_EQ(problems.first().operation, QStringLiteral("appendManyLabels"));
    const QStringList sentences = describeProblems(problems);
    ASSERT_EQ(sentences.size(), 1);
    EXPECT_TRUE(sentences.first().startsWith(QStringLiteral("Import is unavailable: ")));
    EXPECT_TRUE(sentences.first().contains(QStringLiteral("where")))
        << sentences.first().toStdString();
}

class SchemaCheck : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(server.listen());
        ASSERT_TRUE(cacheDir.isValid());
        connection = std::make_unique<Connection>(server.url(), QStringLiteral("k"));
        connection->rateLimiter()->setRate(100000, 1000);
    }

    // Serves /version and answers the introspection query from `sdl`.
    void serve(const QString& sdl, const QByteArray& version) {
        const QJsonObject introspection = schemaFrom(sdl).introspect();
        server.fallback = [introspection, version](const RecordedRequest& request) {
            if (request.path.endsWith("/version")) {
                if (version.isEmpty())
                    return ScriptedReply::json("not here", 404);
                return ScriptedReply::json("{\"version\": \"" + version + "\"}");
            }
            return ScriptedReply::data(introspection);
        };
    }

    int introspectionRequests() const {
        int count = 0;
        for (const RecordedRequest& request : server.requests)
            count += request.method == "POST" ? 1 : 0;
        return count;
    }

    std::unique_ptr<SchemaCheckJob> check() {
        auto job = std::make_unique<SchemaCheckJob>(connection.get());
        job->setCache(SchemaCache(cacheDir.path()));
        return job;
    }

    ScriptedServer server;
    QTemporaryDir cacheDir;
    std::unique_ptr<Connection> connection;
};

TEST_F(SchemaCheck, IntrospectsOnceThenUsesTheCachePerVersion) {
    serve(schemaSdl(), "2.130.1");
    auto first = check();
    JobWatch watch(first.get());
    first->start();
    ASSERT_TRUE(watch.wait());
    ASSERT_TRUE(watch.succeededOnce()) << watch.error.message.toStdString();
    EXPECT_TRUE(first->problems().isEmpty());
    EXPECT_FALSE(first->usedCache());
    EXPECT_EQ(first->serverVersion(), QStringLiteral("2.130.1"));
    EXPECT_EQ(introspectionRequests(), 1);
    EXPECT_TRUE(server.requests.first().path.endsWith("/api/label/v2/version"));
    EXPECT_TRUE(QFileInfo::exists(
        SchemaCache(cacheDir.path()).filePath(connection->endpoint(), QStringLiteral("2.130.1"))));

    auto second = check();
    JobWatch watch2(second.get());
    second->start();
    ASSERT_TRUE(watch2.wait());
    EXPECT_TRUE(watch2.succeededOnce());
    EXPECT_TRUE(second->usedCache());
    EXPECT_EQ(introspectionRequests(), 1);

    // A new server version is introspected again.
    serve(schemaSdl(), "2.131.0");
    auto third = check();
    JobWatch watch3(third.get());
    third->start();
    ASSERT_TRUE(watch3.wait());
    EXPECT_FALSE(third->usedCache());
    EXPECT_EQ(introspectionRequests(), 2);
}

TEST_F(SchemaCheck, ReportsWhatNoLongerMatchesAndKeepsTheRest) {
    serve(schemaWithMovedImport(), "");
    auto job = check();
    JobWatch watch(job.get());
    job->start();
    ASSERT_TRUE(watch.wait());
    ASSERT_TRUE(watch.succeededOnce()) << watch.error.message.toStdString();
    EXPECT_EQ(job->serverVersion(), QString());
    EXPECT_FALSE(job->isAvailable(QStringLiteral("Import")));
    EXPECT_TRUE(job->isAvailable(QStringLiteral("Browsing assets")));
    ASSERT_EQ(job->messages().size(), 1);
    EXPECT_TRUE(job->messages().first().startsWith(QStringLiteral("Import is unavailable")));
    QDir dir(cacheDir.path());
    EXPECT_TRUE(
        dir.entryList(QDir::Files | QDir::NoDotAndDotDot).isEmpty()); // no version, no cache
}

TEST_F(SchemaCheck, IntrospectionRefusedFailsTheCheckOnly) {
    server.fallback = [](const RecordedRequest& request) {
        if (request.path.endsWith("/version"))
            return ScriptedReply::json("{\"version\": \"1\"}");
        return ScriptedReply::json(
            R"({"errors": [{"message": "GraphQL introspection is not allowed", "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]})",
            400);
    };
    auto job = check();
    JobWatch watch(job.get());
    job->start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::GraphQL);
}
