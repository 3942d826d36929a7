// The API key lives in the connection only: it must never show up in an error message, a log line
// (every category, debug included) or a debug string, whatever goes wrong.
#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/countjobs.h"
#include "api/labeljobs.h"
#include "api/ratelimiter.h"
#include "api/userjobs.h"
#include "jobwatch.h"
#include "scriptedserver.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkReply>
#include <gtest/gtest.h>

using namespace kili::api;
using namespace std::chrono_literals;

namespace {

const QString kKey = QStringLiteral("SECRET-kili-key-must-never-leak-42");

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(message);
    }
    if (g_previous && type >= QtWarningMsg)
        g_previous(type, context, message);
}

class Secrecy : public ::testing::Test {
protected:
    void SetUp() override {
        g_log.clear();
        g_previous = qInstallMessageHandler(captureMessage);
        QLoggingCategory::setFilterRules(QStringLiteral("kili.*=true\nqt.network.*=true"));
        ASSERT_TRUE(server.listen());
        connection = std::make_unique<Connection>(server.url(), kKey);
        RetryPolicy fast;
        fast.initialBackoff = 5ms;
        fast.maxBackoff = 10ms;
        fast.maxRetries = 1;
        connection->setRetryPolicy(fast);
    }
    void TearDown() override {
        qInstallMessageHandler(g_previous);
        QLoggingCategory::setFilterRules(QString());
    }

    void expectNoKey(const QString& text) {
        EXPECT_FALSE(text.contains(kKey)) << text.toStdString();
        EXPECT_FALSE(text.contains(kKey.left(20))) << text.toStdString();
    }

    void runAndCheck(BaseJob* job) {
        JobWatch watch(job);
        job->start();
        ASSERT_TRUE(watch.wait());
        expectNoKey(watch.error.message);
        QString debugText;
        QDebug(&debugText) << watch.error;
        expectNoKey(debugText);
        for (const ResponseError& e : watch.error.graphQLErrors)
            Q_UNUSED(e);
    }

    ScriptedServer server;
    std::unique_ptr<Connection> connection;
};

} // namespace

TEST_F(Secrecy, KeyNeverInErrorsLogsOrDebugStrings) {
    // A server that echoes the key back in its error text.
    server.enqueue(ScriptedReply::json(
        QByteArray(R"({"errors": [{"message": "[accessDenied] bad key )") + kKey.toUtf8()
        + QByteArray(R"( -- This can be due to: key )") + kKey.toUtf8()
        + QByteArray(R"( | trace : x", "extensions": {"code": "401"}}]})")));
    server.enqueue(ScriptedReply::json("", 401));
    server.enqueue(ScriptedReply::json("<html>" + kKey.toUtf8() + "</html>"));
    server.enqueue(ScriptedReply::json("busy", 503));
    server.enqueue(ScriptedReply::json("busy", 503));
    server.enqueue(ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QJsonArray()}}));

    SignInJob signIn(connection.get());
    runAndCheck(&signIn);
    EXPECT_EQ(signIn.error().kind, ApiError::Authentication);
    ViewerJob viewer(connection.get());
    runAndCheck(&viewer);
    CountProjectsJob projects(connection.get());
    runAndCheck(&projects);
    CountProjectsJob overloaded(connection.get());
    runAndCheck(&overloaded);
    ApiKeyExpiryJob expiry(connection.get());
    runAndCheck(&expiry);
    // The expiry query carries the key as a variable: the connection added it to the body…
    EXPECT_EQ(server.requests.last()
                  .variables()
                  .value(QLatin1String("where"))
                  .toObject()
                  .value(QLatin1String("key"))
                  .toString(),
              kKey);

    // …and a timeout and a TLS failure on the side.
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    CountProjectsJob slow(connection.get());
    slow.setTimeout(50ms);
    runAndCheck(&slow);

    QString debugText;
    QDebug(&debugText) << connection.get();
    expectNoKey(debugText);
    EXPECT_TRUE(debugText.contains(QStringLiteral("key set")));

    QMutexLocker lock(&g_logMutex);
    EXPECT_FALSE(g_log.isEmpty()); // the categories were on
    for (const QString& line : std::as_const(g_log))
        expectNoKey(line);
}

TEST_F(Secrecy, RedactedReplacesTheKey) {
    EXPECT_EQ(connection->redacted(QStringLiteral("a ") + kKey + QStringLiteral(" b")),
              QStringLiteral("a **** b"));
    EXPECT_FALSE(
        Connection::requestBody(GraphQLRequest{QStringLiteral("apiKeys"),
                                               QStringLiteral("query { x }"),
                                               {},
                                               false,
                                               {},
                                               {QStringLiteral("where"), QStringLiteral("key")}})
            .contains(kKey.toUtf8()));
}

TEST(ConnectionSettings, EnvironmentAndDefaults) {
    EXPECT_EQ(Connection::defaultEndpoint().toString(),
              QStringLiteral("https://cloud.kili-technology.com/api/label/v2/graphql"));
    qunsetenv("KILI_API_ENDPOINT");
    qunsetenv("KILI_API_KEY");
    std::unique_ptr<Connection> byDefault(Connection::fromEnvironment());
    EXPECT_EQ(byDefault->endpoint(), Connection::defaultEndpoint());
    EXPECT_FALSE(byDefault->hasApiKey());
    EXPECT_EQ(byDefault->pageSize(), 100);
    EXPECT_EQ(byDefault->rateLimiter()->callsPerMinute(), 500);

    qputenv("KILI_API_ENDPOINT", "https://kili.example.org/api/label/v2/graphql");
    qputenv("KILI_API_KEY", "  env-key  ");
    std::unique_ptr<Connection> fromEnv(Connection::fromEnvironment());
    EXPECT_EQ(fromEnv->endpoint().host(), QStringLiteral("kili.example.org"));
    EXPECT_TRUE(fromEnv->hasApiKey());
    EXPECT_EQ(fromEnv->versionUrl().toString(),
              QStringLiteral("https://kili.example.org/api/label/v2/version"));
    EXPECT_EQ(fromEnv->serverName(), QStringLiteral("kili.example.org"));
    qunsetenv("KILI_API_ENDPOINT");
    qunsetenv("KILI_API_KEY");
}

TEST_F(Secrecy, DownloadsCarryTheKeyOnlyUnderTheApiBase) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::json("{}"); };
    // Same server, under /api/label/v2: asset content served by Kili itself.
    QNetworkReply* own = connection->get(server.url(QStringLiteral("/api/label/v2/files/a1")));
    QSignalSpy ownDone(own, &QNetworkReply::finished);
    ASSERT_TRUE(ownDone.wait());
    own->deleteLater();
    // Another origin (localhost is not 127.0.0.1 for this check): signed storage URLs and such.
    QUrl other = server.url(QStringLiteral("/bucket/a1.jpg"));
    other.setHost(QStringLiteral("localhost"));
    QNetworkReply* third = connection->get(other);
    QSignalSpy thirdDone(third, &QNetworkReply::finished);
    ASSERT_TRUE(thirdDone.wait());
    third->deleteLater();
    // Same host but outside the API base.
    QNetworkReply* outside = connection->get(server.url(QStringLiteral("/public/a1.jpg")));
    QSignalSpy outsideDone(outside, &QNetworkReply::finished);
    ASSERT_TRUE(outsideDone.wait());
    outside->deleteLater();

    ASSERT_EQ(server.requests.size(), 3);
    EXPECT_EQ(server.requests[0].headers.value("authorization"), "X-API-Key: " + kKey.toUtf8());
    EXPECT_FALSE(server.requests[1].headers.contains("authorization"));
    EXPECT_FALSE(server.requests[2].headers.contains("authorization"));
}

// A server that answers with a redirect to another origin must not receive the key (nor the
// body) there: the request is not followed, and the error says where it pointed.
TEST_F(Secrecy, ApiRequestsAreNeverRedirectedWithTheKey) {
    ScriptedServer elsewhere;
    ASSERT_TRUE(elsewhere.listen());
    elsewhere.fallback = [](const RecordedRequest&) { return ScriptedReply::json("{}"); };
    const QByteArray target = elsewhere.url().toString().toUtf8();
    for (const int status : {301, 302, 307, 308}) {
        server.fallback = [status, target](const RecordedRequest&) {
            return ScriptedReply::json("", status).header("Location", target);
        };
        for (const bool write : {false, true}) {
            AssetFilter filter;
            filter.projectId = QStringLiteral("P");
            std::unique_ptr<BaseJob> job;
            if (write)
                job = std::make_unique<DeleteLabelsJob>(connection.get(),
                                                        QStringList{QStringLiteral("L1")});
            else
                job = std::make_unique<CountAssetsJob>(connection.get(), filter);
            JobWatch watch(job.get());
            job->start();
            ASSERT_TRUE(watch.wait()) << status;
            EXPECT_TRUE(watch.failedOnce()) << status << " was taken for an answer";
            EXPECT_TRUE(watch.error.message.contains(
                QStringLiteral("redirected the request to %1").arg(QString::fromUtf8(target))))
                << status << ": " << watch.error.message.toStdString();
            expectNoKey(watch.error.message);
        }
    }
    EXPECT_TRUE(elsewhere.requests.isEmpty())
        << "a redirect was followed to another origin: the key and body went there";
}

TEST_F(Secrecy, DownloadsFollowRedirectsWithTheKeyOnlyWithinTheirOrigin) {
    ScriptedServer elsewhere;
    ASSERT_TRUE(elsewhere.listen());
    elsewhere.fallback = [](const RecordedRequest&) { return ScriptedReply::json("{}"); };
    const QByteArray sameOrigin =
        server.url(QStringLiteral("/api/label/v2/files/moved")).toString().toUtf8();
    const QByteArray otherOrigin =
        elsewhere.url(QStringLiteral("/bucket/a1.jpg")).toString().toUtf8();
    server.fallback = [&](const RecordedRequest& request) {
        if (request.path.endsWith("/moved"))
            return ScriptedReply::json("{}");
        return ScriptedReply::json("", 302).header(
            "Location", request.path.endsWith("/a1") ? sameOrigin : otherOrigin);
    };
    QNetworkReply* within = connection->get(server.url(QStringLiteral("/api/label/v2/files/a1")));
    QSignalSpy withinDone(within, &QNetworkReply::finished);
    ASSERT_TRUE(withinDone.wait());
    EXPECT_EQ(within->error(), QNetworkReply::NoError) << within->errorString().toStdString();
    within->deleteLater();
    ASSERT_EQ(server.requests.size(), 2) << "the same-origin redirect was not followed";
    EXPECT_EQ(server.requests[1].headers.value("authorization"), "X-API-Key: " + kKey.toUtf8());

    QNetworkReply* away = connection->get(server.url(QStringLiteral("/api/label/v2/files/a2")));
    QSignalSpy awayDone(away, &QNetworkReply::finished);
    ASSERT_TRUE(awayDone.wait());
    away->deleteLater();
    for (const RecordedRequest& request : std::as_const(elsewhere.requests))
        EXPECT_FALSE(request.headers.contains("authorization"))
            << "the key followed a redirect to another origin";
}
