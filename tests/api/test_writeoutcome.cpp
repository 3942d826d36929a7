// What an answer to appendManyLabels proves. Only a clean success that names the created labels,
// or a refusal before anything ran (a 400 that failed validation, a refused key), is certain; an
// error answer after the write may have committed (HTTP 500 with errors, a gateway's 200 with
// errors) leaves the batch in doubt, to be settled by reading the server before anything is
// sent again.
#include "api/connection.h"
#include "api/ratelimiter.h"
#include "predictions/kiliapibackend.h"
#include "scriptedserver.h"

#include <QEventLoop>
#include <QTimer>
#include <gtest/gtest.h>

using namespace kili::api;
using namespace kili::predictions;
using namespace std::chrono_literals;

namespace {

struct Answer {
    const char* name;
    int status;
    const char* body;
    bool inDoubt;
};

void PrintTo(const Answer& answer, std::ostream* os) {
    *os << answer.name;
}

class WriteOutcome : public ::testing::TestWithParam<Answer> {};

TEST_P(WriteOutcome, OnlyACertainAnswerSettlesTheBatch) {
    const Answer& answer = GetParam();
    ScriptedServer server;
    ASSERT_TRUE(server.listen());
    Connection connection(server.url(), QStringLiteral("test-key"));
    connection.rateLimiter()->setRate(100000, 1000);
    RetryPolicy fast;
    fast.initialBackoff = 5ms;
    fast.maxBackoff = 10ms;
    fast.maxRetries = 2;
    connection.setRetryPolicy(fast);
    server.fallback = [&answer](const RecordedRequest&) {
        return ScriptedReply::json(QByteArray(answer.body), answer.status);
    };
    KiliApiBackend backend(&connection);
    AppendRequest request;
    request.projectId = QStringLiteral("P");
    request.labelType = kili::LabelType::fromString(QStringLiteral("PREDICTION"));
    request.modelName = QStringLiteral("m");
    request.assetIds = {QStringLiteral("a1")};
    request.jsonResponses = {QByteArrayLiteral("{}")};
    std::optional<BackendFailure> failure;
    bool done = false;
    QEventLoop loop;
    backend.appendLabels(request, [&](QStringList, std::optional<BackendFailure> result) {
        failure = result;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    ASSERT_TRUE(done) << answer.name << ": the write never ended";
    ASSERT_TRUE(failure) << answer.name << ": an error answer was taken for a success";
    EXPECT_EQ(failure->outcomeUnknown, answer.inDoubt)
        << answer.name << ": "
        << (answer.inDoubt ? "an answer that may follow a commit was trusted as a refusal"
                           : "a certain refusal was left in doubt")
        << "\n"
        << failure->message.toStdString();
    EXPECT_EQ(server.requests.size(), 1) << answer.name << ": the write was sent again";
}

const Answer kAnswers[] = {
    {"http500WithErrors", 500,
     R"({"errors":[{"message":"[internalError] Something went wrong"}],"data":null})", true},
    {"gateway200WithErrors", 200,
     R"({"errors":[{"message":"upstream request timeout"}],"data":null})", true},
    {"http200WithErrorsAndNoData", 200, R"({"errors":[{"message":"timeout"}]})", true},
    {"validationFailed400", 400,
     R"({"errors":[{"message":"Unknown argument","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]})",
     false},
    {"keyRefused401", 401, R"({"errors":[{"message":"[invalidApiKey] no such key"}]})", false},
};

INSTANTIATE_TEST_SUITE_P(Answers, WriteOutcome, ::testing::ValuesIn(kAnswers),
                         [](const auto& info) { return std::string(info.param.name); });

} // namespace
