// A write whose answer does not come in time may still be running on the server. Checking at
// once would find nothing and send it again; the import waits one request timeout before it
// settles the doubt, so a slow server (here: every mutation carried out 0.6 s after it arrived,
// the client giving up on a write after 0.4 s) still ends with each prediction once.
#include "api/connection.h"
#include "api/labeljobs.h"
#include "clifixture.h"
#include "predictions/kiliapibackend.h"
#include "predictions/predictionimport.h"
#include "sandbox/faultinjector.h"

#include <QEventLoop>
#include <QTimer>

using namespace kili::testing;
using namespace std::chrono_literals;

namespace {

class SlowCommit : public Cli {};

TEST_F(SlowCommit, ATimedOutWriteIsSettledOnlyAfterItHadTimeToLand) {
    m_server->faults().setSlowCommitMs(600);
    kili::api::Connection connection(m_server->graphqlUrl(), m_server->apiKey());
    connection.setRequestTimeout(200ms); // a write: 400 ms
    ASSERT_EQ(kili::api::AppendManyLabelsJob::timeoutOn(connection), 400ms);
    kili::api::RetryPolicy fast;
    fast.initialBackoff = 5ms;
    fast.maxBackoff = 10ms;
    connection.setRetryPolicy(fast);
    KiliApiBackend backend(&connection);
    PredictionImport import(backend);
    ImportRequest request;
    request.settings.projectId = m_projectId;
    request.settings.modelName = s("slow");
    request.inputs = {writePredictions(20)};
    QEventLoop loop;
    QObject::connect(&import, &PredictionImport::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    import.start(request);
    loop.exec();
    ASSERT_EQ(import.stage(), PredictionImport::Stage::Done) << "the import never ended";
    // A write sent twice would land up to 0.6 s after the import ended: count after that.
    QEventLoop settle;
    QTimer::singleShot(1500, &settle, &QEventLoop::quit);
    settle.exec();
    m_server->faults().setSlowCommitMs(0);
    EXPECT_EQ(import.exitCode(), PredictionImport::Success)
        << import.report().summaryText().toStdString();
    EXPECT_EQ(import.report().created, 20) << import.report().summaryText().toStdString();
    EXPECT_EQ(labelsOfModel(s("slow")), 20) << "a timed-out write was sent again before it landed";
    EXPECT_GE(backend.requestCount(), 1);
}

} // namespace
