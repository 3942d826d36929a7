// ServerVersionJob against the in-process sandbox (GET …/version over real HTTP), and the two
// ways it fails: a server that does not publish a version, and no server at all.
#include "api/connection.h"
#include "api/serverversionjob.h"
#include "jobwatch.h"
#include "sandbox/sandboxserver.h"

#include <QTcpServer>
#include <gtest/gtest.h>

using namespace kili::api;

namespace {

std::unique_ptr<kili::sandbox::SandboxServer> startSandbox() {
    auto server = std::make_unique<kili::sandbox::SandboxServer>(kili::sandbox::SandboxOptions{});
    QString error;
    if (!server->start(&error))
        ADD_FAILURE() << "the sandbox did not start: " << error.toStdString();
    return server;
}

// A loopback port nobody listens on: taken, then released.
quint16 closedPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

TEST(ServerVersionJob, ReadsTheSandboxVersion) {
    const auto server = startSandbox();
    Connection connection(server->graphqlUrl(), server->apiKey());
    ServerVersionJob job(&connection);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait(30000)) << "the job never finished";
    ASSERT_TRUE(watch.succeededOnce()) << watch.error.message.toStdString();
    EXPECT_TRUE(job.version().startsWith(QLatin1String("kili-sandbox")))
        << "unexpected version: " << job.version().toStdString();
}

TEST(ServerVersionJob, FailsWithTheStatusWhenTheServerHasNoVersion) {
    const auto server = startSandbox();
    QUrl endpoint = server->graphqlUrl();
    endpoint.setPath(QStringLiteral("/elsewhere/graphql")); // → /elsewhere/version: not served
    Connection connection(endpoint, server->apiKey());
    ServerVersionJob job(&connection);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait(30000)) << "the job never finished";
    ASSERT_TRUE(watch.failedOnce())
        << "expected one failure, got: " << watch.events.join(QLatin1Char(',')).toStdString();
    EXPECT_EQ(watch.error.kind, ApiError::HttpStatus) << watch.error.message.toStdString();
    EXPECT_TRUE(job.version().isEmpty());
}

TEST(ServerVersionJob, FailsAsANetworkErrorWithoutAServer) {
    QUrl endpoint(QStringLiteral("http://127.0.0.1/api/label/v2/graphql"));
    endpoint.setPort(closedPort());
    Connection connection(endpoint, QStringLiteral("key"));
    ServerVersionJob job(&connection);
    JobWatch watch(&job);
    job.start();
    ASSERT_TRUE(watch.wait(30000)) << "the job never finished";
    ASSERT_TRUE(watch.failedOnce())
        << "expected one failure, got: " << watch.events.join(QLatin1Char(',')).toStdString();
    EXPECT_EQ(watch.error.kind, ApiError::Network) << watch.error.message.toStdString();
}
