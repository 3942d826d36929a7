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
    const ServerApi api = checkServerApi(schemaFrom(sdl), QString());
    for (const DocumentProblem& problem : api.problems())
        ADD_FAILURE() << problem.operation.toStdString() << ": " << problem.message.toStdString();
    EXPECT_TRUE(api.omittedFields().isEmpty())
        << "the client's schema lacks fields its documents select: "
        << api.omittedFields().join(QLatin1Char(' ')).toStdString();
    EXPECT_GE(documents::all().size(), 15);
}

TEST(Documents, RootFieldsAreAliasedData) {
    for (const documents::OperationDocument& document : documents::all()) {
        if (document.operation == QLatin1String("signInCheck"))
            continue; // the SDK's own unaliased key check
        if (document.operation == QLatin1String("countLabelsByType"))
            continue; // one alias per label type
        EXPECT_TRUE(document.text.contains(QLatin1String("{ data: ")))
            << document.operation.toStdString();
    }
}

TEST(Documents, MovedImportApiDisablesOnlyImport) {
    const ServerApi api = checkServerApi(schemaFrom(schemaWithMovedImport()), QStringLiteral("9"));
    ASSERT_FALSE(api.problems().isEmpty());
    EXPECT_EQ(api.unavailableFeatures(), QList<Feature>{Feature::Import});
    EXPECT_EQ(api.problems().first().operation, QStringLiteral("appendManyLabels"));
    EXPECT_FALSE(api.problems().first().rootFieldMissing);
    const QStringList sentences = api.messages();
    ASSERT_EQ(sentences.size(), 1);
    EXPECT_TRUE(sentences.first().startsWith(
        QStringLiteral("This server no longer accepts this version of Kili Desk's requests")))
        << sentences.first().toStdString();
    EXPECT_TRUE(sentences.first().contains(QStringLiteral("\"where\"")))
        << sentences.first().toStdString();
    EXPECT_TRUE(sentences.first().endsWith(
        QStringLiteral("so predictions cannot be imported; the rest works. Server version 9.")))
        << sentences.first().toStdString();
}

TEST(Documents, AMutationGoneIsNamedAndDisablesItsFeatureOnly) {
    QString sdl = schemaSdl();
    sdl.replace(QStringLiteral("deleteLabels(ids: [ID!]!): [ID!]"), QString());
    const ServerApi api = checkServerApi(schemaFrom(sdl), QString());
    EXPECT_EQ(api.unavailableFeatures(), QList<Feature>{Feature::Rollback});
    EXPECT_EQ(api.whyUnavailable(Feature::Rollback),
              QStringLiteral("This server no longer offers deleteLabels, so imported predictions "
                             "cannot be deleted (rolled back); the rest works."));
    EXPECT_TRUE(api.offers(Feature::Import));
    EXPECT_TRUE(api.whyUnavailable(Feature::Import).isEmpty());
}

TEST(Documents, ASelectedFieldGoneIsLeftOutInsteadOfDisablingTheFeature) {
    QString sdl = schemaSdl();
    // Label.honeypotMark is the second "honeypotMark: Float" of the SDL (Asset, Label, …): drop
    // the one inside `type Label`.
    const qsizetype label = sdl.indexOf(QStringLiteral("type Label "));
    ASSERT_GE(label, 0);
    const qsizetype field = sdl.indexOf(QStringLiteral("honeypotMark: Float"), label);
    ASSERT_GT(field, label);
    sdl.remove(field, QStringLiteral("honeypotMark: Float").size());
    const ServerApi api = checkServerApi(schemaFrom(sdl), QString());
    EXPECT_TRUE(api.problems().isEmpty()) << api.messages().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(api.omittedFields(), QStringList{QStringLiteral("Label.honeypotMark")});
    const QString labels = documents::labels(api.omittedFields());
    EXPECT_FALSE(labels.contains(QStringLiteral("honeypotMark"))) << labels.toStdString();
    // The asset's own honeypotMark stays selected.
    EXPECT_TRUE(documents::assetsWithLabels(api.omittedFields())
                    .contains(QStringLiteral("skipped createdAt consensusMark honeypotMark")));
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
    EXPECT_FALSE(job->isAvailable(Feature::Import));
    EXPECT_TRUE(job->isAvailable(Feature::BrowseAssets));
    ASSERT_EQ(job->messages().size(), 1);
    EXPECT_TRUE(job->messages().first().contains(QStringLiteral("predictions cannot be imported")));
    EXPECT_FALSE(connection->serverApi().offers(Feature::Import))
        << "the check gives the connection what the server offers";
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
