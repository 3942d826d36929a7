// Each operation's job against a scripted server: the request it sends and what it makes of the
// answer (paging, not-found, created ids, sign-in outcomes).
#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/labeljobs.h"
#include "api/projectjobs.h"
#include "api/ratelimiter.h"
#include "api/userjobs.h"
#include "domain/interface.h"
#include "jobwatch.h"
#include "scriptedserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace kili::api;
using namespace std::chrono_literals;

namespace {

class Jobs : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(server.listen());
        connection = std::make_unique<Connection>(server.url(), QStringLiteral("test-key"));
        connection->rateLimiter()->setRate(100000, 1000);
        RetryPolicy fast;
        fast.initialBackoff = 5ms;
        fast.maxBackoff = 10ms;
        fast.maxRetries = 2;
        connection->setRetryPolicy(fast);
    }

    // Serves `total` assets a0…a{total-1} honouring first/skip, like the real API.
    void serveAssets(int total) {
        server.fallback = [total](const RecordedRequest& request) {
            const QJsonObject vars = request.variables();
            const int first = vars.value(QLatin1String("first")).toInt();
            const int skip = vars.value(QLatin1String("skip")).toInt();
            QJsonArray page;
            for (int i = skip; i < std::min(total, skip + first); ++i) {
                page.append(
                    QJsonObject{{QStringLiteral("id"), QStringLiteral("a%1").arg(i)},
                                {QStringLiteral("externalId"), QStringLiteral("img-%1.jpg").arg(i)},
                                {QStringLiteral("jsonMetadata"), QStringLiteral("{}")},
                                {QStringLiteral("labels"), QJsonArray()}});
            }
            return ScriptedReply::data(QJsonObject{{QStringLiteral("data"), page}});
        };
    }

    ScriptedServer server;
    std::unique_ptr<Connection> connection;
};

QJsonObject viewerData(const char* id = "u1", const char* email = "ada@example.com") {
    return QJsonObject{
        {QStringLiteral("viewer"), QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                                               {QStringLiteral("email"), QLatin1String(email)}}}};
}

QJsonObject expiryData(const QDateTime& expiry) {
    return QJsonObject{
        {QStringLiteral("data"), QJsonArray{QJsonObject{{QStringLiteral("expiryDate"),
                                                         expiry.toString(Qt::ISODateWithMs)}}}}};
}

} // namespace

TEST_F(Jobs, AssetsStreamPagesUntilAShortPage) {
    serveAssets(5);
    AssetFilter filter;
    filter.projectId = QStringLiteral("P");
    filter.labelTypes = {kili::LabelType::Prediction};
    AssetsJob job(connection.get(), filter);
    job.setPageSize(2);
    job.setCollect(true);
    QList<int> skips;
    QList<int> sizes;
    QObject::connect(&job, &AssetsJob::pageReceived, &job,
                     [&](const QList<kili::Asset>& page, int skip) {
                         skips.append(skip);
                         sizes.append(int(page.size()));
                     });
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(skips, (QList<int>{0, 2, 4}));
    EXPECT_EQ(sizes, (QList<int>{2, 2, 1}));
    EXPECT_EQ(job.assets().size(), 5);
    EXPECT_EQ(job.assets().last().externalId, QStringLiteral("img-4.jpg"));
    EXPECT_EQ(server.requests.size(), 3);
    const QJsonObject vars = server.requests.first().variables();
    EXPECT_EQ(vars.value(QLatin1String("first")).toInt(), 2);
    EXPECT_TRUE(server.requests.first()
                    .json()
                    .value(QLatin1String("query"))
                    .toString()
                    .contains(QLatin1String("labels {")));
    EXPECT_EQ(vars.value(QLatin1String("where"))
                  .toObject()
                  .value(QLatin1String("label"))
                  .toObject()
                  .value(QLatin1String("typeIn"))
                  .toArray()
                  .first()
                  .toString(),
              QStringLiteral("PREDICTION"));
}

TEST_F(Jobs, AssetsExactMultipleEndsOnEmptyPageAndLimitStopsEarly) {
    serveAssets(4);
    AssetsJob all(connection.get(), AssetFilter{});
    all.setPageSize(2);
    JobWatch watch(&all);
    all.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(all.receivedCount(), 4);
    EXPECT_EQ(server.requests.size(), 3);

    server.requests.clear();
    AssetsJob limited(connection.get(), AssetFilter{});
    limited.setPageSize(2);
    limited.setSkip(1);
    limited.setLimit(3);
    JobWatch watch2(&limited);
    limited.start();
    ASSERT_TRUE(watch2.wait());
    EXPECT_EQ(limited.receivedCount(), 3);
    ASSERT_EQ(server.requests.size(), 2);
    EXPECT_EQ(server.requests[0].variables().value(QLatin1String("skip")).toInt(), 1);
    EXPECT_EQ(server.requests[1].variables().value(QLatin1String("skip")).toInt(), 3);
    EXPECT_EQ(server.requests[1].variables().value(QLatin1String("first")).toInt(), 1);
}

TEST_F(Jobs, DuplicateRowsFromShiftingPagesAreDropped) {
    auto row = [](const char* id) {
        return QJsonObject{{QStringLiteral("id"), QLatin1String(id)}};
    };
    server.enqueue(
        ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QJsonArray{row("a"), row("b")}}}));
    server.enqueue(
        ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QJsonArray{row("b"), row("c")}}}));
    server.enqueue(ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QJsonArray{}}}));
    AssetsJob job(connection.get(), AssetFilter{});
    job.setPageSize(2);
    job.setCollect(true);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    ASSERT_EQ(job.assets().size(), 3);
    EXPECT_EQ(job.assets()[2].id, QStringLiteral("c"));
}

TEST_F(Jobs, CancelFromAPageHandlerStopsPaging) {
    serveAssets(10);
    AssetsJob job(connection.get(), AssetFilter{});
    job.setPageSize(2);
    QObject::connect(&job, &AssetsJob::pageReceived, &job, [&] { job.cancel(); });
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.failedOnce());
    EXPECT_EQ(watch.error.kind, ApiError::Cancelled);
    QTest::qWait(50);
    EXPECT_EQ(server.requests.size(), 1);
    EXPECT_EQ(watch.events.size(), 2);
}

TEST_F(Jobs, ProjectsSearchAndById) {
    server.enqueue(ScriptedReply::data(
        QJsonObject{{QStringLiteral("data"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("p1")},
                                            {QStringLiteral("title"), QStringLiteral("Cars")}}}}}));
    ProjectFilter filter;
    filter.searchText = QStringLiteral("car");
    ProjectsJob search(connection.get(), filter);
    QSignalSpy pages(&search, &ProjectsJob::pageReceived);
    JobWatch watch(&search);
    search.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(pages.count(), 1);
    EXPECT_EQ(search.projects().first().title, QStringLiteral("Cars"));
    EXPECT_EQ(server.requests.first()
                  .variables()
                  .value(QLatin1String("where"))
                  .toObject()
                  .value(QLatin1String("searchQuery"))
                  .toString(),
              QStringLiteral("%car%"));
    EXPECT_FALSE(server.requests.first()
                     .json()
                     .value(QLatin1String("query"))
                     .toString()
                     .contains(QLatin1String("jsonInterface")));

    server.enqueue(ScriptedReply::data(
        QJsonObject{{QStringLiteral("data"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("p1")},
                                            {QStringLiteral("jsonInterface"),
                                             QStringLiteral(R"({"jobs":{"B":{},"A":{}}})")}}}}}));
    std::unique_ptr<ProjectsJob> byId(
        ProjectsJob::forProject(connection.get(), QStringLiteral("p1")));
    JobWatch watch2(byId.get());
    byId->start();
    ASSERT_TRUE(watch2.wait());
    ASSERT_EQ(byId->projects().size(), 1);
    EXPECT_EQ(byId->projects().first().interface().rootJobNames(),
              (QStringList{QStringLiteral("B"), QStringLiteral("A")}));
    EXPECT_TRUE(server.requests.last()
                    .json()
                    .value(QLatin1String("query"))
                    .toString()
                    .contains(QLatin1String("jsonInterface")));
    EXPECT_EQ(server.requests.last().variables().value(QLatin1String("first")).toInt(), 1);

    server.enqueue(ScriptedReply::data(QJsonObject{{QStringLiteral("data"), QJsonArray{}}}));
    std::unique_ptr<ProjectsJob> missing(
        ProjectsJob::forProject(connection.get(), QStringLiteral("nope")));
    JobWatch watch3(missing.get());
    missing->start();
    ASSERT_TRUE(watch3.wait());
    EXPECT_EQ(watch3.error.kind, ApiError::NotFound);
    EXPECT_TRUE(watch3.error.message.contains(QStringLiteral("nope")));
}

TEST_F(Jobs, LabelsWithFilter) {
    server.enqueue(ScriptedReply::data(QJsonObject{
        {QStringLiteral("data"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("l1")},
                                {QStringLiteral("labelType"), QStringLiteral("INFERENCE")},
                                {QStringLiteral("jsonResponse"), QStringLiteral("{\"J\":{}}")},
                                {QStringLiteral("labelOf"),
                                 QJsonObject{{QStringLiteral("id"), QStringLiteral("a9")}}}}}}}));
    LabelFilter filter;
    filter.projectId = QStringLiteral("P");
    filter.labelTypes = {kili::LabelType::Inference};
    LabelsJob job(connection.get(), filter);
    job.setCollect(true);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    ASSERT_EQ(job.labels().size(), 1);
    EXPECT_EQ(job.labels().first().assetId, QStringLiteral("a9"));
    EXPECT_EQ(job.labels().first().labelType.kind(), kili::LabelType::Inference);
    EXPECT_EQ(server.requests.first().variables().value(QLatin1String("first")).toInt(), 100);
}

TEST_F(Jobs, AppendManyLabelsSendsTheSdkShapeAndReturnsIds) {
    server.enqueue(ScriptedReply::data(
        QJsonObject{{QStringLiteral("data"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("n1")}},
                                QJsonObject{{QStringLiteral("id"), QStringLiteral("n2")}}}}}));
    const QJsonObject response{
        {QStringLiteral("JOB_0"),
         QJsonObject{{QStringLiteral("categories"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("A")}}}}}}};
    AppendManyLabelsJob job(
        connection.get(), QStringLiteral("P"), kili::LabelType::Prediction, QStringLiteral("yolo"),
        {{QStringLiteral("a1"), response, std::nullopt}, {QStringLiteral("a2"), response, 3.5}},
        true);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job.createdLabelIds(), (QStringList{QStringLiteral("n1"), QStringLiteral("n2")}));
    const QJsonObject vars = server.requests.first().variables();
    const QJsonObject data = vars.value(QLatin1String("data")).toObject();
    EXPECT_EQ(data.value(QLatin1String("labelType")).toString(), QStringLiteral("PREDICTION"));
    EXPECT_TRUE(data.value(QLatin1String("overwrite")).toBool());
    const QJsonObject first = data.value(QLatin1String("labelsData")).toArray().first().toObject();
    EXPECT_EQ(first.value(QLatin1String("assetID")).toString(), QStringLiteral("a1"));
    EXPECT_EQ(first.value(QLatin1String("modelName")).toString(), QStringLiteral("yolo"));
    EXPECT_TRUE(first.value(QLatin1String("authorID")).isNull());
    EXPECT_TRUE(first.value(QLatin1String("jsonResponse")).isString());
    EXPECT_EQ(
        QJsonDocument::fromJson(first.value(QLatin1String("jsonResponse")).toString().toUtf8())
            .object(),
        response);
    const QJsonObject where = vars.value(QLatin1String("where")).toObject();
    EXPECT_EQ(where.value(QLatin1String("idIn")).toArray().size(), 2);
    EXPECT_EQ(
        where.value(QLatin1String("project")).toObject().value(QLatin1String("id")).toString(),
        QStringLiteral("P"));
    EXPECT_TRUE(server.requests.first()
                    .json()
                    .value(QLatin1String("query"))
                    .toString()
                    .startsWith(QLatin1String("mutation")));
}

TEST_F(Jobs, PredictionWithoutModelNameIsRefusedBeforeSending) {
    AppendManyLabelsJob job(connection.get(), QStringLiteral("P"), kili::LabelType::Prediction,
                            QString(), {{QStringLiteral("a1"), QJsonObject(), std::nullopt}});
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(watch.error.kind, ApiError::InvalidRequest);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("model name")));
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(Jobs, LockReasonIsExplained) {
    server.enqueue(ScriptedReply::json(
        R"({"errors": [{"message": "locked", "extensions": {"code": "OPERATION_RESOLUTION_FAILURE", "context": {"reason": "AssetAlreadyLocked"}}}], "data": {"data": null}})"));
    AppendManyLabelsJob job(connection.get(), QStringLiteral("P"), kili::LabelType::Inference,
                            QString(), {{QStringLiteral("a1"), QJsonObject(), std::nullopt}});
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(watch.error.kind, ApiError::GraphQL);
    EXPECT_TRUE(watch.error.message.contains(QStringLiteral("being edited by another user")));
}

TEST_F(Jobs, DeleteLabelsAndFilterExistingAssets) {
    server.enqueue(ScriptedReply::data(QJsonObject{
        {QStringLiteral("data"), QJsonArray{QStringLiteral("l1"), QStringLiteral("l2")}}}));
    DeleteLabelsJob del(connection.get(), {QStringLiteral("l1"), QStringLiteral("l2")});
    JobWatch watch(&del);
    del.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(del.deletedIds().size(), 2);
    EXPECT_EQ(server.requests.first().variables().value(QLatin1String("ids")).toArray().size(), 2);

    server.enqueue(ScriptedReply::data(
        QJsonObject{{QStringLiteral("data"), QJsonArray{QStringLiteral("x.jpg")}}}));
    FilterExistingAssetsJob existing(connection.get(), QStringLiteral("P"),
                                     {QStringLiteral("x.jpg"), QStringLiteral("y.jpg")});
    JobWatch watch2(&existing);
    existing.start();
    ASSERT_TRUE(watch2.wait());
    EXPECT_EQ(existing.existingExternalIds(), QStringList{QStringLiteral("x.jpg")});
    const QJsonObject vars = server.requests.last().variables();
    EXPECT_EQ(vars.value(QLatin1String("projectID")).toString(), QStringLiteral("P"));
    EXPECT_EQ(vars.value(QLatin1String("externalIDs")).toArray().size(), 2);
}

TEST_F(Jobs, SignInSucceedsWithWarningUnderThirtyDays) {
    server.enqueue(ScriptedReply::data(viewerData()));
    server.enqueue(ScriptedReply::data(expiryData(QDateTime::currentDateTimeUtc().addDays(10))));
    SignInJob job(connection.get());
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_EQ(job.user().email, QStringLiteral("ada@example.com"));
    EXPECT_TRUE(job.warning().contains(QStringLiteral("expires")));
    EXPECT_TRUE(job.keyExpiryDate().has_value());
    EXPECT_TRUE(server.requests.first()
                    .json()
                    .value(QLatin1String("query"))
                    .toString()
                    .contains(QLatin1String("viewer { id email }")));
}

TEST_F(Jobs, SignInWithoutWarningWhenFarFromExpiry) {
    server.enqueue(ScriptedReply::data(viewerData()));
    server.enqueue(ScriptedReply::data(expiryData(QDateTime::currentDateTimeUtc().addDays(200))));
    SignInJob job(connection.get());
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_TRUE(job.warning().isEmpty());
}

TEST_F(Jobs, SignInFailures) {
    struct Case {
        const char* name;
        QList<ScriptedReply> replies;
        ApiError::Kind kind;
        const char* phrase;
    };
    const QList<Case> cases{
        {"wrong key (401)", {ScriptedReply::json("", 401)}, ApiError::Authentication, "API key"},
        {"wrong key (viewer null)",
         {ScriptedReply::data(QJsonObject{{QStringLiteral("viewer"), QJsonValue::Null}})},
         ApiError::Authentication,
         "does not accept this API key"},
        {"expired key",
         {ScriptedReply::data(viewerData()),
          ScriptedReply::data(expiryData(QDateTime::currentDateTimeUtc().addDays(-1)))},
         ApiError::Authentication,
         "expired"},
        {"not a Kili API (html)",
         {ScriptedReply::json("<!doctype html><title>Router</title>")},
         ApiError::Malformed,
         "not a Kili API"},
        {"not a Kili API (other json)",
         {ScriptedReply::data(
             QJsonObject{{QStringLiteral("viewer"), QJsonObject{{QStringLiteral("name"), 1}}}})},
         ApiError::Malformed,
         "not like a Kili API"},
        {"server error", {ScriptedReply::json("oops", 503)}, ApiError::HttpStatus, "HTTP 503"},
    };
    for (const Case& c : cases) {
        for (const ScriptedReply& reply : c.replies)
            server.enqueue(reply);
        SignInJob job(connection.get());
        JobWatch watch(&job);
        job.start();
        ASSERT_TRUE(watch.wait()) << c.name;
        EXPECT_TRUE(watch.failedOnce()) << c.name;
        EXPECT_EQ(watch.error.kind, c.kind) << c.name << ": " << watch.error.message.toStdString();
        EXPECT_TRUE(watch.error.message.contains(QLatin1String(c.phrase)))
            << c.name << ": " << watch.error.message.toStdString();
    }
}

TEST_F(Jobs, SignInToAnUnreachableHost) {
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    QUrl url = server.url();
    url.setPort(closed.serverPort());
    closed.close();
    connection->setEndpoint(url);
    SignInJob job(connection.get());
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(watch.error.kind, ApiError::Network);
    EXPECT_EQ(watch.retries.count(), 0); // a sign-in answers at once
    EXPECT_TRUE(watch.error.message.startsWith(QStringLiteral("Could not sign in to 127.0.0.1")));
}

TEST_F(Jobs, SignInWithoutKey) {
    connection->setApiKey(QString());
    SignInJob job(connection.get());
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_EQ(watch.error.kind, ApiError::Authentication);
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(Jobs, SignInToleratesAServerWithoutApiKeys) {
    server.enqueue(ScriptedReply::data(viewerData()));
    server.enqueue(ScriptedReply::json(
        R"({"errors": [{"message": "Cannot query field \"apiKeys\" on type \"Query\"."}]})"));
    SignInJob job(connection.get());
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait());
    EXPECT_TRUE(watch.succeededOnce());
    EXPECT_FALSE(job.keyExpiryDate().has_value());
}
