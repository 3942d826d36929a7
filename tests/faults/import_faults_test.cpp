// Imports of 10,000 predictions (3,000 for the further fault seeds) through the real client
// (kili-desk-cli, a separate process) into a kili-sandbox process that fails 10% of requests, drops
// 5% of connections, allows 300 calls a minute, adds 20 ms to every answer and loses 2% of answers
// after doing the work: once plainly, once with the sandbox restarted in the middle (file database,
// same port and key), once with the client killed (SIGKILL) in the middle and then resumed; and
// once under a storm of 429 answers. Every run must end with exactly the expected labels on the
// server, counted over GraphQL by the test's own probe against a fault-free sandbox on the same
// database: none lost, none duplicated, each with the content that was sent.
#include "graphqlprobe.h"
#include "processes.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <gtest/gtest.h>

using namespace kili::testing;

namespace {

const QString kKey = QStringLiteral("faults-suite-key-5e2d");
const QString kModel = QStringLiteral("faults-model");
const char* const kAnimals[] = {"CAT", "DOG", "BIRD", "HORSE"};

// The faulty scenarios run once per seed of the sandbox's fault injection (--fault-seed): each
// seed is a different, repeatable sequence of failures, drops and lost answers. The first seed
// imports 10,000 predictions, the others 3,000 (the same fault rates per request, a shorter run).
const quint32 kSeeds[] = {7, 2026, 90001};

int predictionCount(quint32 seed) {
    // KILI_FAULTS_PREDICTIONS lets a developer run a smaller or bigger import by hand.
    const int configured = qEnvironmentVariableIntValue("KILI_FAULTS_PREDICTIONS");
    if (configured > 0)
        return configured;
    return seed == kSeeds[0] ? 10000 : 3000;
}

QString externalId(int i) {
    return QStringLiteral("photo-%1").arg(i, 7, 10, QLatin1Char('0'));
}

QJsonObject expectedResponse(int i) {
    return QJsonObject{{QStringLiteral("CLASSIFICATION_JOB"),
                        QJsonObject{{QStringLiteral("categories"),
                                     QJsonArray{QJsonObject{
                                         {QStringLiteral("name"), QLatin1String(kAnimals[i % 4])},
                                         {QStringLiteral("confidence"), i % 101}}}}}}};
}

quint16 freePort() {
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost) ? server.serverPort() : 0;
}

class ImportFaultsBase : public ::testing::Test {
protected:
    // The seed of the fault injection; 0: random (the rate-limit storm has no random faults).
    virtual quint32 seed() const { return 0; }

    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("sandbox.sqlite"));
        m_port = freePort();
        ASSERT_NE(m_port, 0);
        m_environment = cliEnvironment(m_dir.path());
        m_count = predictionCount(seed());

        // The project: generated once into the file database, without faults.
        SandboxProcess setup(arguments(false)
                             << QStringLiteral("--generate") << QString::number(m_count));
        QString error;
        ASSERT_TRUE(setup.start(&error)) << qPrintable(error);
        GraphQLProbe probe(setup.graphqlUrl(), kKey);
        m_projectId = probe.projectId(QStringLiteral("Generated:"), &error);
        ASSERT_FALSE(m_projectId.isEmpty()) << qPrintable(error);
        m_labelsBefore = probe.countLabels(m_projectId, {}, &error);
        ASSERT_GE(m_labelsBefore, 0) << qPrintable(error);
        for (const QJsonValue& asset : probe.assets(m_projectId, &error))
            m_externalIdOf.insert(asset[QStringLiteral("id")].toString(),
                                  asset[QStringLiteral("externalId")].toString());
        ASSERT_EQ(m_externalIdOf.size(), m_count) << qPrintable(error);
        ASSERT_TRUE(setup.stop());

        QByteArray text;
        for (int i = 1; i <= m_count; ++i) {
            text +=
                QJsonDocument(QJsonObject{{QStringLiteral("externalId"), externalId(i)},
                                          {QStringLiteral("jsonResponse"), expectedResponse(i)}})
                    .toJson(QJsonDocument::Compact);
            text += '\n';
        }
        m_predictions = m_dir.filePath(QStringLiteral("predictions.jsonl"));
        QFile file(m_predictions);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        ASSERT_EQ(file.write(text), text.size());
    }

    // The sandbox's command line on the fixed port, key and database, with or without faults.
    QStringList arguments(bool faults) const {
        QStringList list{QStringLiteral("--db"),      m_db,
                         QStringLiteral("--port"),    QString::number(m_port),
                         QStringLiteral("--api-key"), kKey};
        if (faults) {
            list << QStringLiteral("--fail-rate") << QStringLiteral("0.1")
                 << QStringLiteral("--drop-rate") << QStringLiteral("0.05")
                 << QStringLiteral("--rate-limit") << QStringLiteral("300")
                 << QStringLiteral("--latency-ms")
                 << QStringLiteral("20")
                 // Beyond issue 8's list: answers lost after the work is done, the case where
                 // a blind re-send duplicates.
                 << QStringLiteral("--lost-answer-rate") << QStringLiteral("0.02");
            if (seed() != 0)
                list << QStringLiteral("--fault-seed") << QString::number(seed());
        }
        return list;
    }

    std::unique_ptr<SandboxProcess> startFaultySandbox() { return startSandbox(arguments(true)); }

    std::unique_ptr<SandboxProcess> startSandbox(const QStringList& arguments) {
        auto sandbox = std::make_unique<SandboxProcess>(arguments);
        QString error;
        // The port was just freed by the previous instance: a few attempts.
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (sandbox->start(&error))
                return sandbox;
            QThread::msleep(500);
        }
        ADD_FAILURE() << "the sandbox did not start: " << qPrintable(error);
        return nullptr;
    }

    QString endpoint() const {
        return QStringLiteral("http://127.0.0.1:%1/api/label/v2/graphql").arg(m_port);
    }

    QStringList cliArguments(const QStringList& command) const {
        return QStringList{QStringLiteral("--endpoint"), endpoint(), QStringLiteral("--api-key"),
                           kKey}
               + command;
    }

    QStringList importCommand() const {
        return cliArguments({QStringLiteral("import"), m_projectId, QStringLiteral("--model"),
                             kModel, QStringLiteral("--format"), QStringLiteral("jsonl"),
                             m_predictions});
    }

    QString journalDir() const { return m_dir.filePath(QStringLiteral("journals")); }

    // The one import recorded in the journal folder.
    QString importId() const {
        const QStringList journals =
            QDir(journalDir()).entryList({QStringLiteral("*.journal")}, QDir::Files);
        EXPECT_EQ(journals.size(), 1) << qPrintable(journals.join(QStringLiteral(", ")));
        return journals.isEmpty() ? QString() : journals.first().section(QLatin1Char('.'), 0, 0);
    }

    // Batches the journal records as sent so far.
    int sentBatches() const {
        int sent = 0;
        const QStringList journals =
            QDir(journalDir()).entryList({QStringLiteral("*.journal")}, QDir::Files);
        for (const QString& name : journals) {
            QFile file(journalDir() + QLatin1Char('/') + name);
            if (file.open(QIODevice::ReadOnly))
                sent += int(file.readAll().count("\"r\":\"sent\""));
        }
        return sent;
    }

    // Waits (bounded) until the journal shows `batches` sent batches or the process ended.
    bool waitForSentBatches(QProcess& process, int batches) const {
        for (int i = 0; i < 3000; ++i) {
            if (sentBatches() >= batches)
                return true;
            if (process.waitForFinished(100))
                return false;
        }
        return false;
    }

    // Finishes an import the way a person would: exit 3 (batches failed after retries) asks for
    // `resume`; exit 1 (a read answered 500, which the client does not retry, or the server gone)
    // means "run it again". Before the journal exists that is the same `import` command (already
    // present predictions are not sent twice), after it `resume`. Bounded.
    void finishImport(ProcessResult result) {
        for (int round = 0; round < 12; ++round) {
            if (result.exitedWith(0))
                return;
            ASSERT_TRUE(result.exitedWith(1) || result.exitedWith(3))
                << "the import failed in a way a retry does not fix\n"
                << result.describe();
            const QStringList journals =
                QDir(journalDir()).entryList({QStringLiteral("*.journal")}, QDir::Files);
            result =
                journals.isEmpty()
                    ? runCli(importCommand(), m_environment)
                    : runCli(cliArguments({QStringLiteral("resume"), importId()}), m_environment);
        }
        FAIL() << "the import did not finish after 12 retries; last:\n" << result.describe();
    }

    void importToTheEnd() { finishImport(runCli(importCommand(), m_environment)); }

    // The end state, seen by a fault-free sandbox on the same database.
    void expectExactlyTheImportedLabels() {
        SandboxProcess clean(arguments(false));
        QString error;
        bool started = false;
        for (int attempt = 0; attempt < 20 && !started; ++attempt) {
            started = clean.start(&error);
            if (!started)
                QThread::msleep(500);
        }
        ASSERT_TRUE(started) << qPrintable(error);
        GraphQLProbe probe(clean.graphqlUrl(), kKey);
        const QJsonArray labels = probe.labels(m_projectId, {QStringLiteral("PREDICTION")}, &error);
        ASSERT_TRUE(error.isEmpty()) << qPrintable(error);
        QHash<QString, int> perAsset;
        int mismatched = 0;
        QString firstMismatch;
        for (const QJsonValue& label : labels) {
            if (label[QStringLiteral("modelName")].toString() != kModel)
                continue;
            const QString assetId = label[QStringLiteral("assetId")].toString();
            ++perAsset[assetId];
            const QString external = m_externalIdOf.value(assetId);
            const int index = external.mid(6).toInt();
            const QJsonObject response =
                QJsonDocument::fromJson(label[QStringLiteral("jsonResponse")].toString().toUtf8())
                    .object();
            if (response != expectedResponse(index)) {
                if (++mismatched == 1)
                    firstMismatch = external + QStringLiteral(": ")
                                    + label[QStringLiteral("jsonResponse")].toString();
            }
        }
        int duplicated = 0;
        for (auto it = perAsset.cbegin(); it != perAsset.cend(); ++it)
            duplicated += it.value() > 1 ? it.value() - 1 : 0;
        const int lost = m_count - int(perAsset.size());
        EXPECT_EQ(lost, 0) << lost << " prediction(s) lost";
        EXPECT_EQ(duplicated, 0) << duplicated << " prediction(s) duplicated";
        EXPECT_EQ(mismatched, 0) << mismatched << " label(s) with other content, first "
                                 << qPrintable(firstMismatch);
        EXPECT_EQ(probe.countLabels(m_projectId, {}, &error), m_labelsBefore + m_count)
            << "countLabels disagrees " << qPrintable(error);
    }

    QTemporaryDir m_dir;
    QString m_db;
    quint16 m_port = 0;
    QProcessEnvironment m_environment;
    int m_count = 0;
    QString m_projectId;
    int m_labelsBefore = 0;
    QHash<QString, QString> m_externalIdOf; // asset id → external id
    QString m_predictions;
};

class ImportFaults : public ImportFaultsBase, public ::testing::WithParamInterface<quint32> {
protected:
    quint32 seed() const override { return GetParam(); }
};

class ImportFaultsStorm : public ImportFaultsBase {};

TEST_P(ImportFaults, ThousandsOfPredictionsUnderFaults) {
    auto sandbox = startFaultySandbox();
    ASSERT_TRUE(sandbox);
    importToTheEnd();
    ASSERT_TRUE(sandbox->stop());
    expectExactlyTheImportedLabels();
}

// A SIGKILL can land after a batch is committed and before its answer leaves: the client must
// neither lose that batch nor let its HTTP layer send it a second time to the restarted server.
TEST_P(ImportFaults, SandboxRestartedInTheMiddle) {
    auto sandbox = startFaultySandbox();
    ASSERT_TRUE(sandbox);
    auto client = startCli(importCommand(), m_environment);
    ASSERT_TRUE(client->waitForStarted(30000));
    const bool midway = waitForSentBatches(*client, m_count / 100 / 3);
    // Stop the server under the client's feet (SIGKILL: no graceful end for open requests),
    // then bring it back on the same port and database.
    sandbox->kill();
    sandbox.reset();
    QThread::msleep(1000);
    sandbox = startFaultySandbox();
    ASSERT_TRUE(sandbox);
    client->waitForFinished(600000);
    ProcessResult first;
    first.exitCode = client->exitCode();
    first.crashed = client->exitStatus() == QProcess::CrashExit;
    first.out = client->readAllStandardOutput();
    first.err = client->readAllStandardError();
    EXPECT_TRUE(midway) << "the import ended before the restart; it did not test much\n"
                        << first.describe();
    finishImport(first);
    ASSERT_TRUE(sandbox->stop());
    expectExactlyTheImportedLabels();
}

// A 429 storm: the sandbox allows 20 calls per 4 s (300 a minute, in short windows) while the
// client's own limiter allows 500 a minute, so most bursts are refused with Retry-After. Every
// refused batch must be retried or resumed, never lost, never doubled.
TEST_F(ImportFaultsStorm, RateLimitStorm) {
    auto sandbox = startSandbox(arguments(false)
                                << QStringLiteral("--rate-limit") << QStringLiteral("20")
                                << QStringLiteral("--rate-window-ms") << QStringLiteral("4000"));
    ASSERT_TRUE(sandbox);
    importToTheEnd();
    ASSERT_TRUE(sandbox->stop());
    expectExactlyTheImportedLabels();
}

TEST_P(ImportFaults, ClientKilledInTheMiddleThenResumed) {
    auto sandbox = startFaultySandbox();
    ASSERT_TRUE(sandbox);
    auto client = startCli(importCommand(), m_environment);
    ASSERT_TRUE(client->waitForStarted(30000));
    ASSERT_TRUE(waitForSentBatches(*client, m_count / 100 / 3))
        << "the import ended before it could be killed\n"
        << client->readAllStandardError().constData();
    client->kill(); // SIGKILL
    client->waitForFinished(30000);
    EXPECT_EQ(client->exitStatus(), QProcess::CrashExit);
    const int sentBeforeKill = sentBatches();
    EXPECT_LT(sentBeforeKill, m_count / 100) << "everything was sent before the kill";
    ProcessResult killed;
    killed.exitCode = 3; // the journal exists: resume
    finishImport(killed);
    ASSERT_TRUE(sandbox->stop());
    expectExactlyTheImportedLabels();
}

INSTANTIATE_TEST_SUITE_P(Seeds, ImportFaults, ::testing::ValuesIn(kSeeds),
                         [](const ::testing::TestParamInfo<quint32>& info) {
                             return "seed" + std::to_string(info.param);
                         });

} // namespace
