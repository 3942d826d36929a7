// The sandbox under abuse: documents too costly to run, requests answered in parallel, and bodies
// refused from their headers before they are read.
#include "api/documents.h"
#include "graphql/introspection.h"
#include "sandbox/querycost.h"
#include "sandboxclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const qint64 costLimit = QueryCostLimits{}.maxCost;

// `count` aliases of one paged root field.
QString aliases(int count, const QString& field) {
    QString query = QStringLiteral("query {");
    for (int i = 0; i < count; ++i)
        query += QStringLiteral(" a%1: %2").arg(i).arg(field);
    return query + QStringLiteral(" }");
}

// One HTTP/1.1 answer read off a raw socket.
struct RawAnswer {
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString code() const {
        return json()
            .value(QLatin1String("errors"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("extensions"))
            .toObject()
            .value(QLatin1String("code"))
            .toString();
    }
};

// Writes `bytes` as they are on a connection of its own and reads `count` answers, spinning the
// event loop (the sandbox runs in this thread). Stops early, with what it has, when the server
// hangs up or after 20 s — a server that waits for a body that never comes fails the test there.
QList<RawAnswer> exchange(quint16 port, const QByteArray& bytes, int count = 1,
                          bool* hungUp = nullptr) {
    QTcpSocket socket;
    QByteArray received;
    QList<RawAnswer> answers;
    QEventLoop loop;
    const auto parse = [&] {
        for (;;) {
            const qsizetype end = received.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            RawAnswer answer;
            answer.head = received.left(end);
            answer.status = answer.head.mid(9, 3).toInt();
            qint64 length = 0;
            for (const QByteArray& line : answer.head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (received.size() < end + 4 + length)
                return;
            answer.body = received.mid(end + 4, length);
            received.remove(0, end + 4 + length);
            answers.append(answer);
            if (answers.size() == count)
                loop.quit();
        }
    };
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        parse();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        if (hungUp)
            *hungUp = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    loop.exec();
    return answers;
}

QByteArray postHead(const QByteArray& authorization, qint64 contentLength) {
    return "POST /api/label/v2/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/json\r\nAuthorization: "
           + authorization + "\r\nContent-Length: " + QByteArray::number(contentLength)
           + "\r\n\r\n";
}

QByteArray post(const QByteArray& authorization, const QString& query) {
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("query"), query}}).toJson(QJsonDocument::Compact);
    return postHead(authorization, body.size()) + body;
}

class SandboxAbuse : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        SandboxOptions options;
        options.seedDemo = true;
        options.generateAssets = 500; // one full page of assets for the slow query
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
    }
    static void TearDownTestSuite() {
        delete client;
        delete server;
    }

    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
};

} // namespace

TEST_F(SandboxAbuse, AliasesOfLargePagesAreRefusedUnrun) {
    const HttpResult result = client->graphql(
        aliases(2000, QStringLiteral("labels(where: {}, first: 500, skip: 0) { id }")));
    EXPECT_EQ(result.status, 400) << result.body.left(500).toStdString();
    EXPECT_EQ(result.firstErrorCode().toStdString(), "QUERY_TOO_COMPLEX");
    EXPECT_TRUE(result.firstErrorMessage().startsWith(QLatin1String("[queryTooComplex]")))
        << result.firstErrorMessage().toStdString();
    EXPECT_FALSE(result.json.contains(QLatin1String("data")))
        << "a refused document must not have run";
    EXPECT_GT(result.header("x-complexity").toLongLong(), costLimit)
        << "x-complexity: " << result.header("x-complexity").toStdString();
}

TEST_F(SandboxAbuse, FragmentFanOutIsRefusedUnrun) {
    // Each fragment reaches the labels of every label's asset twice, under two aliases: the
    // response doubles, times the labels per asset, with every fragment.
    QString query = QStringLiteral("query { data: labels(where: {}, first: 10, skip: 0) { ...f8 } }"
                                   " fragment f0 on Label { id labelType }");
    for (int i = 1; i <= 8; ++i) {
        query += QStringLiteral(" fragment f%1 on Label { a: labelOf { labels { ...f%2 } }"
                                " b: labelOf { labels { ...f%2 } } }")
                     .arg(i)
                     .arg(i - 1);
    }
    ASSERT_LT(query.size(), 1024);
    const HttpResult result = client->graphql(query);
    EXPECT_EQ(result.status, 400) << result.body.left(500).toStdString();
    EXPECT_EQ(result.firstErrorCode().toStdString(), "QUERY_TOO_COMPLEX")
        << result.body.left(500).toStdString();
}

// The limit must let through every operation Kili Desk sends, at the largest page the sandbox
// serves, and the schema introspection it runs when it connects.
TEST_F(SandboxAbuse, EveryClientOperationFitsTheLimit) {
    const QJsonObject variables{{QStringLiteral("where"), QJsonObject()},
                                {QStringLiteral("first"), 500},
                                {QStringLiteral("skip"), 0}};
    QList<QPair<QString, QString>> documents;
    for (const auto& operation : kili::api::documents::all())
        documents.append({operation.operation, operation.text});
    documents.append({QStringLiteral("IntrospectionQuery"), kili::graphql::introspectionQuery()});
    for (const auto& [name, text] : std::as_const(documents)) {
        // Mutations are sent without their data: they fail validation, after the cost check.
        const HttpResult result = client->graphql(text, variables);
        EXPECT_NE(result.firstErrorCode().toStdString(), "QUERY_TOO_COMPLEX")
            << name.toStdString() << ": " << result.firstErrorMessage().toStdString();
        const qint64 cost = result.header("x-complexity").toLongLong();
        EXPECT_GT(cost, 0) << name.toStdString() << " was answered without x-complexity";
        EXPECT_LE(cost, costLimit) << name.toStdString();
    }
}

TEST_F(SandboxAbuse, CostCountsPagesFromVariables) {
    const QString query = QStringLiteral("query q($n: PageSize!) { data: labels(where: {}, first: "
                                         "$n, skip: 0) { id labelType } }");
    const HttpResult small = client->graphql(query, QJsonObject{{QStringLiteral("n"), 10}});
    const HttpResult large = client->graphql(query, QJsonObject{{QStringLiteral("n"), 100}});
    EXPECT_EQ(small.header("x-complexity").toStdString(), "31"); // 1 + 10 × (1 + 2)
    EXPECT_EQ(large.header("x-complexity").toStdString(), "301");
}

TEST_F(SandboxAbuse, ACheapQueryIsAnsweredWhileACostlyOneRuns) {
    const QString project = server->createdProjectIds().constLast();
    // Just under the limit: 195 pages of 500 assets, each read and written out.
    const QString costly = aliases(
        195, QStringLiteral("assets(where: {project: {id: \"%1\"}}, first: 500, skip: 0) { id }")
                 .arg(project));
    QNetworkAccessManager network;
    const auto send = [&](const QString& query) {
        QNetworkRequest request(server->graphqlUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"), client->authorization());
        return network.post(request, QJsonDocument(QJsonObject{{QStringLiteral("query"), query}})
                                         .toJson(QJsonDocument::Compact));
    };
    QNetworkReply* slow = send(costly);
    QNetworkReply* cheap = nullptr;
    // The cheap one leaves once the costly one is on its way (sent whole, or surely arrived).
    const auto sendCheap = [&] {
        if (!cheap)
            cheap = send(QStringLiteral("query { viewer { id } }"));
    };
    QObject::connect(slow, &QNetworkReply::uploadProgress, &network,
                     [&](qint64 sent, qint64 total) {
                         if (total > 0 && sent == total)
                             sendCheap();
                     });
    QTimer::singleShot(500, &network, sendCheap);
    QEventLoop loop;
    bool slowDoneFirst = false;
    QObject::connect(slow, &QNetworkReply::finished, &loop, [&] {
        slowDoneFirst = !cheap || !cheap->isFinished();
        if (cheap && cheap->isFinished())
            loop.quit();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cheap && cheap->isFinished() && slow->isFinished())
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    ASSERT_NE(cheap, nullptr) << "the costly request was never sent whole";
    ASSERT_TRUE(cheap->isFinished() && slow->isFinished()) << "a request was never answered";
    EXPECT_FALSE(slowDoneFirst)
        << "the cheap query waited for the costly one: requests are answered one at a time";
    EXPECT_EQ(cheap->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    EXPECT_EQ(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200)
        << slow->readAll().left(300).toStdString();
}

TEST_F(SandboxAbuse, AnOversizedBodyIsRefusedFromItsHeaders) {
    // 100 MB announced, none of it sent: the answer can only come from the headers.
    const QList<RawAnswer> answers =
        exchange(server->port(), postHead(client->authorization(), 100 * 1024 * 1024) + "{\"qu");
    ASSERT_EQ(answers.size(), 1) << "no answer before the body arrived";
    EXPECT_EQ(answers.first().status, 413) << answers.first().head.toStdString();
    EXPECT_EQ(answers.first().code().toStdString(), "PAYLOAD_TOO_LARGE");
}

TEST_F(SandboxAbuse, AStrangersBodyIsRefusedFromItsHeaders) {
    // Under the size limit, but not worth reading for a wrong key.
    const QList<RawAnswer> answers = exchange(
        server->port(), postHead(QByteArrayLiteral("X-API-Key: not-the-key"), 1024 * 1024));
    ASSERT_EQ(answers.size(), 1) << "no answer before the body arrived";
    EXPECT_EQ(answers.first().status, 401) << answers.first().head.toStdString();
    EXPECT_EQ(answers.first().code().toStdString(), "401");
}

TEST_F(SandboxAbuse, AChunkedBodyNeedsALength) {
    const QByteArray head = "POST /api/label/v2/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Authorization: "
                            + client->authorization()
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"que\r\n";
    const QList<RawAnswer> answers = exchange(server->port(), head);
    ASSERT_EQ(answers.size(), 1) << "no answer to a chunked body";
    EXPECT_EQ(answers.first().status, 411) << answers.first().head.toStdString();
}

TEST_F(SandboxAbuse, EndlessHeadersAreRefused) {
    QByteArray head = "GET /api/label/v2/version HTTP/1.1\r\n";
    while (head.size() < 100 * 1024)
        head += "X-Padding: " + QByteArray(1000, 'x') + "\r\n";
    const QList<RawAnswer> answers = exchange(server->port(), head);
    ASSERT_EQ(answers.size(), 1) << "no answer to 100 KB of headers";
    EXPECT_EQ(answers.first().status, 431) << answers.first().head.toStdString();
}

// Not HTTP at all (a TLS ClientHello on the plain port): answered 400 and hung up on at once, not
// waited on for a request line.
TEST_F(SandboxAbuse, BytesThatAreNotHttpAreHungUpOn) {
    bool hungUp = false;
    const QByteArray clientHello =
        QByteArray::fromHex("160301020001000200fe0303") + QByteArray(64, '\x01');
    // Asks for 2 answers so that only the hang-up (or the 20 s guard) ends the exchange.
    const QList<RawAnswer> answers = exchange(server->port(), clientHello, 2, &hungUp);
    ASSERT_EQ(answers.size(), 1);
    EXPECT_EQ(answers.first().status, 400) << answers.first().head.toStdString();
    EXPECT_TRUE(hungUp) << "the server kept waiting for an HTTP request line";
}

// Answers are computed in parallel; on one connection they must still come in request order.
TEST_F(SandboxAbuse, PipelinedRequestsAreAnsweredInOrder) {
    const QString project = server->createdProjectIds().constLast();
    const QByteArray slower =
        post(client->authorization(),
             aliases(50, QStringLiteral("assets(where: {project: {id: \"%1\"}}, first: 500, "
                                        "skip: 0) { id }")
                             .arg(project)));
    const QByteArray quick = post(client->authorization(), QStringLiteral("{ viewer { id } }"));
    const QList<RawAnswer> answers = exchange(server->port(), slower + quick + quick, 3);
    ASSERT_EQ(answers.size(), 3);
    const QJsonObject first = answers.at(0).json().value(QLatin1String("data")).toObject();
    EXPECT_TRUE(first.contains(QLatin1String("a0"))) << answers.at(0).body.left(200).toStdString();
    for (int i = 1; i < 3; ++i) {
        EXPECT_TRUE(answers.at(i)
                        .json()
                        .value(QLatin1String("data"))
                        .toObject()
                        .contains(QLatin1String("viewer")))
            << "answer " << i << ": " << answers.at(i).body.left(200).toStdString();
    }
}

// Keep-alive still works behind the gate: several requests, one connection, all answered.
TEST_F(SandboxAbuse, OneConnectionCarriesManyRequests) {
    QByteArray requests;
    for (int i = 0; i < 5; ++i)
        requests += post(client->authorization(), QStringLiteral("{ viewer { id } }"));
    const QList<RawAnswer> answers = exchange(server->port(), requests, 5);
    ASSERT_EQ(answers.size(), 5);
    for (const RawAnswer& answer : answers)
        EXPECT_EQ(answer.status, 200) << answer.body.toStdString();
}
