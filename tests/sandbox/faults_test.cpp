// Injected faults: 5xx, dropped connections, 429 with Retry-After, latency answered from a timer.
#include "sandbox/faultinjector.h"
#include "sandboxclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const QString viewerQuery = QStringLiteral("query me { data: viewer { id email } }");

std::unique_ptr<SandboxServer> startServer(const SandboxOptions& options) {
    auto server = std::make_unique<SandboxServer>(options);
    QString error;
    EXPECT_TRUE(server->start(&error)) << error.toStdString();
    return server;
}

} // namespace

TEST(SandboxFaults, FailRateAnswers5xx) {
    SandboxOptions options;
    options.failRate = 1.0;
    options.faultSeed = 7;
    auto server = startServer(options);
    SandboxClient client(*server);
    QSet<int> statuses;
    for (int i = 0; i < 20; ++i) {
        const HttpResult result = client.graphql(viewerQuery);
        statuses.insert(result.status);
        EXPECT_TRUE(result.status == 500 || result.status == 502 || result.status == 503)
            << result.status;
    }
    EXPECT_GE(statuses.size(), 2);
    server->faults().setFailRate(0);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
}

TEST(SandboxFaults, DropRateClosesWithoutAnswer) {
    SandboxOptions options;
    options.dropRate = 1.0;
    auto server = startServer(options);
    SandboxClient client(*server);
    const HttpResult result = client.graphql(viewerQuery);
    EXPECT_EQ(result.status, 0);
    EXPECT_NE(result.networkError, QNetworkReply::NoError);
    EXPECT_TRUE(result.body.isEmpty());
    server->faults().setDropRate(0);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
}

// That the request is handled before the answer is lost (a mutation applied once) is checked
// with the client in tests/api (Sandbox.WriteWhoseAnswerIsLostReachesTheServerOnce).
TEST(SandboxFaults, LostAnswerClosesWithoutAnswer) {
    SandboxOptions options;
    auto server = startServer(options);
    SandboxClient client(*server);
    server->faults().setLostAnswerRate(1.0);
    const HttpResult lost = client.graphql(viewerQuery);
    EXPECT_EQ(lost.status, 0);
    EXPECT_NE(lost.networkError, QNetworkReply::NoError);
    EXPECT_TRUE(lost.body.isEmpty());
    server->faults().setLostAnswerRate(0);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
}

TEST(SandboxFaults, RateWindowCanBeShortened) {
    SandboxOptions options;
    options.rateLimitPerMinute = 2;
    options.rateWindowMs = 400;
    auto server = startServer(options);
    SandboxClient client(*server);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
    const HttpResult limited = client.graphql(viewerQuery);
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.header("Retry-After").toInt(), 1); // rounded up to whole seconds
    QThread::msleep(450);                                // the window has passed
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
}

TEST(SandboxFaults, RateLimitAnswers429WithRetryAfter) {
    SandboxOptions options;
    options.rateLimitPerMinute = 3;
    auto server = startServer(options);
    SandboxClient client(*server);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(client.graphql(viewerQuery).status, 200);
    const HttpResult limited = client.graphql(viewerQuery);
    EXPECT_EQ(limited.status, 429);
    const int retryAfter = limited.header("Retry-After").toInt();
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 60);
    EXPECT_EQ(limited.firstErrorCode(), QStringLiteral("TOO_MANY_REQUESTS"));
}

TEST(SandboxFaults, LatencyKeepsRequestsConcurrentAndCorrect) {
    SandboxOptions options;
    options.latencyMs = 150;
    auto server = startServer(options);
    QNetworkAccessManager network;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 6; ++i) {
        QNetworkRequest request(server->graphqlUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("X-API-Key: ") + server->apiKey().toUtf8());
        replies.append(network.post(
            request, QJsonDocument(QJsonObject{{QStringLiteral("query"), viewerQuery}}).toJson()));
    }
    int finished = 0;
    QEventLoop loop;
    for (QNetworkReply* reply : replies) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&] {
            if (++finished == replies.size())
                loop.quit();
        });
    }
    loop.exec();
    for (QNetworkReply* reply : replies) {
        EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        EXPECT_TRUE(QJsonDocument::fromJson(reply->readAll())
                        .object()
                        .value(QLatin1String("data"))
                        .isObject());
        reply->deleteLater();
    }
}

TEST(SandboxFaults, FaultInjectorWindowSlides) {
    SandboxOptions options;
    options.rateLimitPerMinute = 2;
    FaultInjector faults(options);
    EXPECT_LT(faults.decide().retryAfterSecs, 0);
    EXPECT_LT(faults.decide().retryAfterSecs, 0);
    EXPECT_GE(faults.decide().retryAfterSecs, 59);
}

TEST(SandboxFaults, ClientLeavingDuringLatencyIsHarmless) {
    SandboxOptions options;
    options.latencyMs = 300;
    auto server = startServer(options);
    {
        QNetworkAccessManager network;
        QNetworkRequest request(server->graphqlUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("X-API-Key: ") + server->apiKey().toUtf8());
        QNetworkReply* reply = network.post(
            request, QJsonDocument(QJsonObject{{QStringLiteral("query"), viewerQuery}}).toJson());
        QEventLoop wait;
        QTimer::singleShot(50, &wait, &QEventLoop::quit);
        wait.exec();
        reply->abort(); // the socket closes while the server's timer is pending
        delete reply;
    }
    QEventLoop wait;
    QTimer::singleShot(400, &wait, &QEventLoop::quit); // let the answer timer fire
    wait.exec();
    server->faults().setLatencyMs(0);
    SandboxClient client(*server);
    EXPECT_EQ(client.graphql(viewerQuery).status, 200);
}
