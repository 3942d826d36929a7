// The fixture of the in-process CLI tests: kili-desk-cli's runner against an in-process sandbox
// (real HTTP, SQLite, GraphQL) of 60 generated photos, journals in a temporary folder.
#pragma once

#include "cli/clirunner.h"
#include "predictions/importjournal.h"
#include "sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using kili::cli::CliRunner;
using kili::sandbox::SandboxOptions;
using kili::sandbox::SandboxServer;

namespace kili::testing {

inline QString s(const char* text) {
    return QString::fromUtf8(text);
}

struct CliResult {
    int code = -1;
    QString out;
    QString err;
};

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(s("journals")).toUtf8());
        startServer(options());
    }

    SandboxOptions options() {
        SandboxOptions options;
        options.generateAssets = 60;
        options.faultSeed = 7;
        return options;
    }

    void startServer(SandboxOptions options) {
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
        if (m_projectId.isEmpty())
            m_projectId = m_server->createdProjectIds().first();
    }

    // The runner on exactly these arguments (no endpoint or key added).
    CliResult runCli(const QStringList& arguments) {
        CliResult result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        CliRunner runner(out, err);
        result.code = runner.run(arguments);
        out.flush();
        err.flush();
        return result;
    }

    // The runner against `server` (the fixture's own by default).
    // (A test may restart the fixture's server while the command runs: its key is read again.)
    CliResult cli(QStringList arguments, SandboxServer* server = nullptr) {
        SandboxServer* target = server ? server : m_server.get();
        const QString key = target->apiKey();
        arguments =
            QStringList{s("--endpoint"), target->graphqlUrl().toString(), s("--api-key"), key}
            + arguments;
        const CliResult result = runCli(arguments);
        for (const QString& secret : {key, (server ? server : m_server.get())->apiKey()}) {
            EXPECT_FALSE(result.out.contains(secret));
            EXPECT_FALSE(result.err.contains(secret));
        }
        return result;
    }

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
        file.write(bytes);
        return path;
    }

    // Every label of the project, as `labels --json` prints them.
    QJsonArray allLabels() {
        const CliResult result = cli({s("labels"), m_projectId, s("--json")});
        EXPECT_EQ(result.code, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).array();
    }

    // photo-0000001 … photo-<count>, one CLASSIFICATION_JOB prediction each; `unknown` adds an
    // external id that is not in the project.
    QString writePredictions(int count, bool unknown = false) {
        const QString path =
            m_dir.filePath(QStringLiteral("preds-%1-%2.jsonl").arg(count).arg(unknown));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= count; ++i) {
            file.write(
                QStringLiteral(
                    R"({"externalId":"photo-%1","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"%2","confidence":%3}]}}})")
                    .arg(i, 7, 10, QLatin1Char('0'))
                    .arg(i % 2 ? s("CAT") : s("DOG"))
                    .arg(50 + i % 50)
                    .toUtf8()
                + "\n");
        }
        if (unknown)
            file.write(
                R"({"externalId":"no-such-photo","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAT"}]}}})"
                "\n");
        return path;
    }

    // Imports `count` predictions of `model` and returns the import's id.
    QString importSome(const QString& model, int count = 30) {
        const QString report = m_dir.filePath(model + s(".report.json"));
        const CliResult result = cli({s("import"), m_projectId, s("--model"), model, s("--report"),
                                      report, writePredictions(count)});
        EXPECT_EQ(result.code, 0) << result.err.toStdString();
        return readReport(report).value(s("importId")).toString();
    }

    int labelsOfModel(const QString& model) {
        const CliResult result = cli({s("labels"), m_projectId, s("--type"), s("PREDICTION"),
                                      s("--model"), model, s("--json")});
        EXPECT_EQ(result.code, 0) << result.err.toStdString();
        return int(QJsonDocument::fromJson(result.out.toUtf8()).array().size());
    }

    QJsonObject readReport(const QString& path) {
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly));
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_server;
    QString m_projectId;
};

} // namespace kili::testing
