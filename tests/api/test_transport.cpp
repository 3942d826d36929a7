// Transport behaviour of BaseJob against a scripted loopback server: headers, retries,
// Retry-After, timeouts, unknown-outcome writes, error typing, TLS failure, cancellation.
#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/countjobs.h"
#include "api/labeljobs.h"
#include "api/ratelimiter.h"
#include "api/userjobs.h"
#include "jobwatch.h"
#include "scriptedserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>
#include <optional>
#include <ostream>
#include <vector>

using namespace kili::api;
using namespace std::chrono_literals;

namespace {

const QString kKey = QStringLiteral("kili-test-key-0123456789abcdef");

class Transport : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(server.listen());
        connection = std::make_unique<Connection>(server.url(), kKey);
        RetryPolicy fast;
        fast.initialBackoff = 5ms;
        fast.maxBackoff = 20ms;
        fast.maxRetries = 3;
        connection->setRetryPolicy(fast);
        connection->rateLimiter()->setRate(100000, 1000);
    }

    std::unique_ptr<CountAssetsJob> countJob() {
        AssetFilter filter;
        filter.projectId = QStringLiteral("P");
        return std::make_unique<CountAssetsJob>(connection.get(), filter);
    }

    std::unique_ptr<DeleteLabelsJob> writeJob() {
        return std::make_unique<DeleteLabelsJob>(connection.get(),
                                                 QStringList{QStringLiteral("L1")});
    }

    // The exchange most tests script: start the job under a watch and wait until it finishes
    // (or 15 s pass: the test then checks `finished`). The watch lives as long as the test.
    JobWatch& run(BaseJob* job) {
        JobWatch& watch = *watches.emplace_back(std::make_unique<JobWatch>(job));
        job->start();
        watch.wait();
        return watch;
    }

    // The connection's endpoint becomes a loopback port nobody listens on (connection refused).
    void pointAtAClosedPort() {
        QTcpServer closed;
        ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        QUrl url = server.url();
        url.setPort(port);
        connection->setEndpoint(url);
    }

    ScriptedServer server;
    std::unique_ptr<Connection> connection;
    std::vector<std::unique_ptr<JobWatch>> watches;
};

ScriptedReply count(int n) {
    return ScriptedReply::data(QJsonObject{{QStringLiteral("data"), n}});
}

} // namespace

TEST_F(Transport, SendsKiliHeadersAndBody) {
    server.enqueue(count(7));
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job->count(), 7);
    ASSERT_EQ(server.requests.size(), 1);
    const RecordedRequest& request = server.requests.first();
    EXPECT_EQ(request.method, QByteArray("POST"));
    EXPECT_EQ(request.path, QByteArray("/api/label/v2/graphql"));
    EXPECT_EQ(request.headers.value("authorization"), "X-API-Key: " + kKey.toUtf8());
    EXPECT_EQ(request.headers.value("content-type"), QByteArray("application/json"));
    EXPECT_EQ(request.headers.value("accept"), QByteArray("application/json"));
    EXPECT_EQ(request.headers.value("apollographql-client-name"), QByteArray("kili-desk"));
    EXPECT_FALSE(request.headers.value("apollographql-client-version").isEmpty());
    EXPECT_EQ(request.headers.value("kili-client-name"), QByteArray("kili-desk"));
    EXPECT_EQ(request.headers.value("kili-client-method-name"), QByteArray("countAssets"));
    EXPECT_TRUE(request.headers.value("kili-client-call-time").endsWith('Z'));
    EXPECT_FALSE(request.headers.value("kili-client-call-uuid").isEmpty());
    EXPECT_TRUE(request.json()
                    .value(QLatin1String("query"))
                    .toString()
                    .contains(QLatin1String("data: countAssets")));
    EXPECT_EQ(request.variables()
                  .value(QLatin1String("where"))
                  .toObject()
                  .value(QLatin1String("project"))
                  .toObject()
                  .value(QLatin1String("id"))
                  .toString(),
              QStringLiteral("P"));
}

TEST_F(Transport, VariablesLeftOutWhenEmpty) {
    server.enqueue(ScriptedReply::data(QJsonObject{
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), QStringLiteral("u1")},
                                             {QStringLiteral("email"), QStringLiteral("e")}}}}));
    ViewerJob job(connection.get());
    JobWatch& watch = run(&job);
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job.user().id, QStringLiteral("u1"));
    EXPECT_FALSE(server.requests.first().json().contains(QLatin1String("variables")));
}

TEST_F(Transport, RetriesOverloadThenSucceeds) {
    server.enqueue(ScriptedReply::json("busy", 503));
    server.enqueue(ScriptedReply::json("bad gateway", 502));
    server.enqueue(count(3));
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job->count(), 3);
    EXPECT_EQ(watch.retries.count(), 2);
    EXPECT_EQ(server.requests.size(), 3);
    EXPECT_EQ(job->requestCount(), 3);
}

TEST_F(Transport, HonoursRetryAfter) {
    server.enqueue(ScriptedReply::json("slow down", 429).header("Retry-After", "1"));
    server.enqueue(count(1));
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.succeededOnce());
    ASSERT_EQ(watch.retries.count(), 1);
    EXPECT_EQ(watch.retries.first().at(1).toLongLong(), 1000);
}

TEST_F(Transport, GivesUpAfterMaxRetries) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::json("down", 504); };
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::HttpStatus);
    EXPECT_EQ(server.requests.size(), 4); // 1 + maxRetries
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("after 4 attempts")));
}

TEST_F(Transport, QueryTimeoutIsRetriedThenReported) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    auto job = countJob();
    job->setTimeout(100ms);
    job->setMaxRetries(1);
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Timeout);
    EXPECT_EQ(server.requests.size(), 2);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("did not answer within")));
}

TEST_F(Transport, WriteTimeoutIsUnknownOutcomeAndNotResent) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    auto job = writeJob();
    job->setTimeout(100ms);
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::UnknownOutcome);
    EXPECT_EQ(server.requests.size(), 1);
    EXPECT_EQ(watch.retries.count(), 0);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("not sent again")));
}

TEST_F(Transport, WriteWithDroppedConnectionIsUnknownOutcome) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::close(); };
    auto job = writeJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_EQ(watch.error.kind, ApiError::UnknownOutcome);
    EXPECT_EQ(watch.retries.count(), 0);
    EXPECT_EQ(job->requestCount(), 1);
    // Qt 6.4's HTTP/1.1 channel itself re-sends a request once when the connection closes before
    // any answer (QHttpNetworkConnectionChannel reconnect attempts); the job never adds to that.
    EXPECT_LE(server.requests.size(), 2);
}

TEST_F(Transport, WriteWithGatewayErrorIsUnknownOutcome) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::json("gw", 502); };
    auto job = writeJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_EQ(watch.error.kind, ApiError::UnknownOutcome);
    EXPECT_EQ(watch.error.httpStatus, 502);
    EXPECT_EQ(server.requests.size(), 1);
}

TEST_F(Transport, WriteRefusedWith429IsRetried) {
    server.enqueue(ScriptedReply::json("slow", 429).header("Retry-After", "0"));
    server.enqueue(ScriptedReply::data(
        QJsonObject{{QStringLiteral("data"), QJsonArray{QStringLiteral("L1")}}}));
    auto job = writeJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job->deletedIds(), QStringList{QStringLiteral("L1")});
    EXPECT_EQ(server.requests.size(), 2);
}

TEST_F(Transport, GraphQLErrorsAreTypedSplitAndNeverRetried) {
    server.enqueue(ScriptedReply::json(
        R"({"errors": [{"message": "[accessDenied] Access denied. Please verify your credentials or contact Kili support. -- This can be due to: The data you are trying to mutate does not exist or is not accessible | trace : false",
        "locations": [{"line": 8, "column": 3}], "path": ["data"], "extensions": {"code": "FORBIDDEN"}}],
        "data": {"data": null}})"));
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::GraphQL);
    EXPECT_EQ(server.requests.size(), 1);
    ASSERT_EQ(watch.error.graphQLErrors.size(), 1);
    const ResponseError& e = watch.error.graphQLErrors.first();
    EXPECT_EQ(e.code, QStringLiteral("FORBIDDEN"));
    EXPECT_EQ(e.path.first().toString(), QStringLiteral("data"));
    EXPECT_EQ(e.kili.code, QStringLiteral("accessDenied"));
    EXPECT_EQ(e.kili.text, QStringLiteral("Access denied. Please verify your credentials or "
                                          "contact Kili support."));
    EXPECT_EQ(e.kili.cause, QStringLiteral("The data you are trying to mutate does not exist or "
                                           "is not accessible"));
    EXPECT_EQ(e.kili.trace, QStringLiteral("false"));
    EXPECT_TRUE(
        watch.error.message.startsWith(QStringLiteral("Could not count the assets of project P")));
    EXPECT_FALSE(watch.error.message.contains(QStringLiteral("trace")));
}

// One answer that fails a query at once, never retried: the error's kind, HTTP status and the
// part of its message that tells a person what to do.
struct FailingAnswer {
    const char* name;
    ScriptedReply reply;
    ApiError::Kind kind;
    std::optional<int> httpStatus;
    QString messagePart;
};

// Names the case in test listings (instead of a dump of the struct's bytes).
void PrintTo(const FailingAnswer& answer, std::ostream* out) {
    *out << answer.name;
}

std::vector<FailingAnswer> failingAnswers() {
    return {
        {"RetryAfterBeyondTheLimit",
         ScriptedReply::json("come back tomorrow", 503).header("Retry-After", "86400"),
         ApiError::HttpStatus, 503, QStringLiteral("86400 s")},
        {"ValidationErrorWithHttp400IsGraphQL",
         ScriptedReply::json(
             R"({"errors": [{"message": "Field \"x\" is not defined by type \"AssetWhere\".",
             "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]})",
             400),
         ApiError::GraphQL, 400, QStringLiteral("update Kili Desk")},
        {"Http401IsAuthentication", ScriptedReply::json("", 401), ApiError::Authentication, 401,
         QStringLiteral("API key")},
        {"ErrorCode401IsAuthentication",
         ScriptedReply::json(
             R"({"errors": [{"message": "[accessDenied] Access denied.", "extensions": {"code": "401"}}], "data": null})"),
         ApiError::Authentication,
         std::nullopt,
         {}},
        {"HtmlIsMalformed", ScriptedReply::json("<html><body>Welcome to nginx</body></html>"),
         ApiError::Malformed, std::nullopt, QStringLiteral("not a Kili API")},
        {"NullDataIsMalformed",
         ScriptedReply::json(R"({"data": null})"),
         ApiError::Malformed,
         std::nullopt,
         {}},
        {"WrongTypeIsMalformed",
         ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QStringLiteral("x")}}),
         ApiError::Malformed,
         std::nullopt,
         {}},
        {"NotFoundStatusPointsAtTheEndpoint", ScriptedReply::json("no such page", 404),
         ApiError::HttpStatus, 404, QStringLiteral("/api/label/v2/graphql")},
    };
}

class FailingTransport : public Transport, public ::testing::WithParamInterface<FailingAnswer> {};

TEST_P(FailingTransport, QueryFailsOnceWithTheRightError) {
    const FailingAnswer& answer = GetParam();
    server.enqueue(answer.reply);
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, answer.kind);
    if (answer.httpStatus) {
        EXPECT_EQ(watch.error.httpStatus, *answer.httpStatus);
    }
    EXPECT_TRUE(watch.error.message.contains(answer.messagePart))
        << watch.error.message.toStdString();
    EXPECT_EQ(server.requests.size(), 1);
}

INSTANTIATE_TEST_SUITE_P(Answers, FailingTransport, ::testing::ValuesIn(failingAnswers()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(Transport, ConnectionRefusedIsNetworkAndRetried) {
    pointAtAClosedPort();
    auto job = countJob();
    job->setMaxRetries(2);
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Network);
    EXPECT_EQ(watch.retries.count(), 2);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("refused")));
}

// A server that is down or a wrong port is said within seconds: a few quick tries (enough for a
// restart), not the ten tries with minutes of backoff that an overloaded server gets.
TEST_F(Transport, ConnectionRefusedIsTriedOnlyAFewTimesWithShortWaits) {
    pointAtAClosedPort();
    RetryPolicy patient;
    patient.maxRetries = 10;
    patient.initialBackoff = 5000ms;
    patient.maxBackoff = 30000ms;
    patient.maxUnreachableRetries = 3;
    patient.maxUnreachableBackoff = 10ms;
    connection->setRetryPolicy(patient);
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1) << "the job did not end after the unreachable retries";
    EXPECT_EQ(watch.error.kind, ApiError::Network);
    EXPECT_EQ(watch.retries.count(), 3) << "a refused connection took the overload retry count";
    for (const QList<QVariant>& retry : std::as_const(watch.retries))
        EXPECT_LE(retry.at(1).toLongLong(), 10) << "a refused connection waited the long backoff";
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("It still failed after 4 attempts")))
        << watch.error.message.toStdString();
}

TEST_F(Transport, TlsHandshakeFailureIsTls) {
    server.setGarbage("HTTP/1.1 200 OK\r\nthis is not TLS at all\r\n\r\n");
    QUrl url = server.url();
    url.setScheme(QStringLiteral("https"));
    connection->setEndpoint(url);
    auto job = countJob();
    JobWatch& watch = run(job.get());
    ASSERT_EQ(watch.finished.count(), 1);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Tls) << watch.error.message.toStdString();
    EXPECT_EQ(watch.retries.count(), 0);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("secure (TLS) connection")));
}

TEST_F(Transport, CancelEmitsFailedAndFinishedOnceThenNothing) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    auto job = countJob();
    JobWatch watch(job.get());
    job->start();
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    ASSERT_TRUE(received.wait());
    job->cancel();
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Cancelled);
    job->cancel();
    QTest::qWait(100);
    EXPECT_EQ(watch.events.size(), 2);
}

TEST_F(Transport, CancelBeforeStartAndAfterFinish) {
    auto job = countJob();
    JobWatch watch(job.get());
    job->cancel();
    job->start();
    QTest::qWait(50);
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(server.requests.size(), 0);

    server.enqueue(count(2));
    auto done = countJob();
    JobWatch& watch2 = run(done.get());
    ASSERT_EQ(watch2.finished.count(), 1);
    done->cancel();
    EXPECT_TRUE(watch2.succeededOnce());
}

TEST_F(Transport, CancelDuringRetryWaitStopsTheRetry) {
    RetryPolicy slow = connection->retryPolicy();
    slow.initialBackoff = 60000ms;
    slow.maxBackoff = 60000ms;
    connection->setRetryPolicy(slow);
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::json("busy", 503); };
    auto job = countJob();
    JobWatch watch(job.get());
    job->start();
    ASSERT_TRUE(watch.retries.wait());
    job->cancel();
    EXPECT_TRUE(watch.failedOnce());
    QTest::qWait(50);
    EXPECT_EQ(server.requests.size(), 1);
}

TEST_F(Transport, DeletingARunningJobIsSilent) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    auto job = countJob();
    job->start();
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    ASSERT_TRUE(received.wait());
    job.reset();
    QTest::qWait(50); // nothing may crash when the aborted reply finishes
}

TEST_F(Transport, RateLimiterDelaysStartsButAllowsSeveralInFlight) {
    // A burst of three and almost no refill: three requests start at once and are all in flight
    // together (the server holds its answers); the fourth waits for a token until the rate rises.
    connection->rateLimiter()->setRate(1, 3);
    server.setHolding(true);
    server.fallback = [](const RecordedRequest&) { return count(1); };
    std::vector<std::unique_ptr<CountAssetsJob>> jobs;
    std::vector<std::unique_ptr<JobWatch>> watches;
    for (int i = 0; i < 4; ++i) {
        jobs.push_back(countJob());
        watches.push_back(std::make_unique<JobWatch>(jobs.back().get()));
        jobs.back()->start();
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.pendingCount(), 3, 10000);
    EXPECT_EQ(connection->rateLimiter()->waitingCount(), 1);
    EXPECT_EQ(server.requests.size(), 3);
    server.release();
    connection->rateLimiter()->setRate(600000, 3);
    for (auto& watch : watches)
        ASSERT_TRUE(watch->wait());
    for (auto& watch : watches)
        EXPECT_TRUE(watch->succeededOnce());
    EXPECT_EQ(server.requests.size(), 4);
}

TEST(RateLimiter, TokenBucketOrderAndCancel) {
    RateLimiter limiter(60000, 2); // one token per millisecond after the burst
    QStringList order;
    limiter.acquire([&] { order.append(QStringLiteral("a")); });
    limiter.acquire([&] { order.append(QStringLiteral("b")); });
    EXPECT_EQ(order, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    const auto c = limiter.acquire([&] { order.append(QStringLiteral("c")); });
    limiter.acquire([&] { order.append(QStringLiteral("d")); });
    EXPECT_EQ(limiter.waitingCount(), 2);
    limiter.cancel(c);
    QTRY_COMPARE_WITH_TIMEOUT(limiter.waitingCount(), 0, 2000);
    EXPECT_EQ(order, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}));
    EXPECT_EQ(limiter.grantedCount(), 3);
}

TEST_F(Transport, ConnectionGoneFailsTheJobInsteadOfHanging) {
    server.fallback = [](const RecordedRequest&) { return ScriptedReply::hang(); };
    auto job = countJob();
    JobWatch watch(job.get());
    job->start();
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    ASSERT_TRUE(received.wait());
    connection.reset();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Network);
}
