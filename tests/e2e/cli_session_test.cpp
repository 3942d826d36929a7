// A whole session the way a person runs it: kili-sandbox in one process, kili-desk-cli in
// another for every step (projects, interface, import, labels, imports, rollback), checking exit
// codes, what the CLI prints and what the server holds afterwards (counted over GraphQL by the
// test's own probe, not by the client under test).
#include "graphqlprobe.h"
#include "processes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::testing;

namespace {

const QString kModel = QStringLiteral("e2e-model");

class CliSession : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_sandbox = std::make_unique<SandboxProcess>(
            QStringList{QStringLiteral("--db"), QStringLiteral(":memory:"),
                        QStringLiteral("--seed"), QStringLiteral("demo")});
        QString error;
        ASSERT_TRUE(m_sandbox->start(&error)) << qPrintable(error);
        m_probe = std::make_unique<GraphQLProbe>(m_sandbox->graphqlUrl(), m_sandbox->apiKey());
        m_projectId = m_probe->projectId(QStringLiteral("Porsche or Tesla"), &error);
        ASSERT_FALSE(m_projectId.isEmpty()) << "demo project missing: " << qPrintable(error);
        m_environment = cliEnvironment(m_dir.path());
    }

    ProcessResult cli(QStringList arguments) {
        arguments = QStringList{QStringLiteral("--endpoint"), m_sandbox->graphqlUrl().toString(),
                                QStringLiteral("--api-key"), m_sandbox->apiKey()}
                    + arguments;
        return runCli(arguments, m_environment);
    }

    QString writeFile(const QString& name, const QByteArray& text) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text);
        return path;
    }

    // One prediction per demo asset (car-01 … car-30), alternating the two brands.
    QByteArray predictionsJsonl(int count) {
        QByteArray text;
        for (int i = 1; i <= count; ++i) {
            const char* brand = i % 2 ? "PORSCHE" : "TESLA";
            text += QStringLiteral("{\"externalId\": \"car-%1\", \"jsonResponse\": "
                                   "{\"CLASSIFICATION_JOB\": {\"categories\": [{\"name\": \"%2\", "
                                   "\"confidence\": %3}]}}}\n")
                        .arg(i, 2, 10, QLatin1Char('0'))
                        .arg(QLatin1String(brand))
                        .arg(50 + i)
                        .toUtf8();
        }
        return text;
    }

    QJsonArray modelLabels() {
        QString error;
        const QJsonArray all = m_probe->labels(m_projectId, {QStringLiteral("PREDICTION")}, &error);
        EXPECT_TRUE(error.isEmpty()) << qPrintable(error);
        QJsonArray mine;
        for (const QJsonValue& label : all) {
            if (label[QStringLiteral("modelName")].toString() == kModel)
                mine.append(label);
        }
        return mine;
    }

    QJsonObject readReport(const QString& path) {
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << "no report at " << qPrintable(path);
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<GraphQLProbe> m_probe;
    QString m_projectId;
    QProcessEnvironment m_environment;
};

TEST_F(CliSession, ProjectsInterfaceImportLabelsRollback) {
    QString error;
    // projects
    ProcessResult result = cli({QStringLiteral("projects"), QStringLiteral("--json")});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    const QJsonArray projects = QJsonDocument::fromJson(result.out).array();
    QStringList titles;
    for (const QJsonValue& project : projects)
        titles << project[QStringLiteral("title")].toString();
    EXPECT_EQ(projects.size(), 3) << result.describe();
    EXPECT_TRUE(titles.contains(QStringLiteral("Porsche or Tesla"))) << result.describe();

    // interface
    result = cli({QStringLiteral("interface"), m_projectId});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    for (const char* word : {"CLASSIFICATION_JOB", "PORSCHE", "TESLA", "radio"})
        EXPECT_TRUE(result.out.contains(word)) << word << "\n" << result.describe();

    const int before = m_probe->countLabels(m_projectId, {}, &error);
    ASSERT_GE(before, 0) << qPrintable(error);

    // a dry run sends nothing
    const QString predictions = writeFile(QStringLiteral("preds.jsonl"), predictionsJsonl(30));
    result = cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel,
                  QStringLiteral("--dry-run"), predictions});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    EXPECT_TRUE(result.out.contains("30")) << result.describe();
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before) << qPrintable(error);

    // the import
    const QString reportPath = m_dir.filePath(QStringLiteral("report.json"));
    result = cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel,
                  QStringLiteral("--report"), reportPath, predictions});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    const QJsonObject report = readReport(reportPath);
    EXPECT_EQ(report[QStringLiteral("created")].toInt(), 30) << result.describe();
    const QString importId = report[QStringLiteral("importId")].toString();
    ASSERT_FALSE(importId.isEmpty()) << result.describe();
    EXPECT_EQ(report[QStringLiteral("labelIds")].toArray().size(), 30);
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before + 30) << qPrintable(error);

    // exactly one label of the model per asset, with the content that was sent
    QJsonArray mine = modelLabels();
    EXPECT_EQ(mine.size(), 30);
    QSet<QString> assets;
    for (const QJsonValue& label : mine) {
        assets.insert(label[QStringLiteral("assetId")].toString());
        const QJsonObject response =
            QJsonDocument::fromJson(label[QStringLiteral("jsonResponse")].toString().toUtf8())
                .object();
        EXPECT_TRUE(response.contains(QStringLiteral("CLASSIFICATION_JOB")))
            << qPrintable(label[QStringLiteral("jsonResponse")].toString());
    }
    EXPECT_EQ(assets.size(), 30);

    // the same import again creates nothing
    result = cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel,
                  QStringLiteral("--report"), reportPath, predictions});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    const QJsonObject again = readReport(reportPath);
    EXPECT_EQ(again[QStringLiteral("created")].toInt(), 0) << result.describe();
    EXPECT_EQ(again[QStringLiteral("alreadyPresent")].toInt(), 30) << result.describe();
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before + 30) << qPrintable(error);

    // labels, as the CLI lists them
    result = cli({QStringLiteral("labels"), m_projectId, QStringLiteral("--type"),
                  QStringLiteral("PREDICTION"), QStringLiteral("--model"), kModel,
                  QStringLiteral("--json")});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    const QJsonArray listed = QJsonDocument::fromJson(result.out).array();
    EXPECT_EQ(listed.size(), 30) << result.describe();
    for (const QJsonValue& label : listed)
        EXPECT_EQ(label[QStringLiteral("modelName")].toString(), kModel);

    // the journal list knows the import
    result = cli({QStringLiteral("imports"), QStringLiteral("--json")});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    EXPECT_TRUE(result.out.contains(importId.toUtf8())) << result.describe();

    // rollback deletes exactly what the import created
    result = cli({QStringLiteral("rollback"), importId});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before) << qPrintable(error);
    EXPECT_EQ(modelLabels().size(), 0);
}

TEST_F(CliSession, InvalidItemsSendNothingUnlessSkipped) {
    QString error;
    const int before = m_probe->countLabels(m_projectId, {}, &error);
    ASSERT_GE(before, 0) << qPrintable(error);
    QByteArray text = predictionsJsonl(4);
    text += "{\"externalId\": \"car-05\", \"jsonResponse\": {\"CLASSIFICATION_JOB\": "
            "{\"categories\": [{\"name\": \"FERRARI\"}]}}}\n";
    text += "{\"externalId\": \"no-such-car\", \"jsonResponse\": {\"CLASSIFICATION_JOB\": "
            "{\"categories\": [{\"name\": \"TESLA\"}]}}}\n";
    const QString path = writeFile(QStringLiteral("mixed.jsonl"), text);

    ProcessResult result =
        cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel, path});
    EXPECT_TRUE(result.exitedWith(2)) << result.describe();
    EXPECT_TRUE(result.err.contains("mixed.jsonl:5")) << result.describe();
    EXPECT_TRUE(result.err.contains("FERRARI")) << result.describe();
    EXPECT_TRUE(result.err.contains("no-such-car")) << result.describe();
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before)
        << "invalid items without --skip-invalid must send nothing";

    result = cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel,
                  QStringLiteral("--skip-invalid"), path});
    EXPECT_TRUE(result.exitedWith(2)) << result.describe();
    EXPECT_EQ(m_probe->countLabels(m_projectId, {}, &error), before + 4) << qPrintable(error);
    EXPECT_EQ(modelLabels().size(), 4);
}

TEST_F(CliSession, UsageAndConnectionErrorsExitWithOne) {
    const QString predictions = writeFile(QStringLiteral("p.jsonl"), predictionsJsonl(2));
    // no --model
    ProcessResult result = cli({QStringLiteral("import"), m_projectId, predictions});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    EXPECT_TRUE(result.err.contains("--model")) << result.describe();
    // unknown command
    result = cli({QStringLiteral("frobnicate")});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    EXPECT_FALSE(result.err.isEmpty());
    // a project that does not exist
    result = cli({QStringLiteral("interface"), QStringLiteral("no-such-project")});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    EXPECT_TRUE(result.err.contains("no-such-project")) << result.describe();
    // resume and rollback of an import that was never recorded
    result = cli({QStringLiteral("rollback"), QStringLiteral("no-such-import")});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    result = cli({QStringLiteral("resume"), QStringLiteral("no-such-import")});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    // a server that is not there: stop the sandbox
    const QUrl url = m_sandbox->graphqlUrl();
    ASSERT_TRUE(m_sandbox->stop());
    result = cli({QStringLiteral("projects")});
    EXPECT_TRUE(result.exitedWith(1)) << result.describe();
    EXPECT_FALSE(result.err.isEmpty()) << result.describe();
}

// A file that does not exist is a usage error, named on stderr.
TEST_F(CliSession, MissingFileIsAnError) {
    const ProcessResult result =
        cli({QStringLiteral("import"), m_projectId, QStringLiteral("--model"), kModel,
             m_dir.filePath(QStringLiteral("missing.jsonl"))});
    EXPECT_TRUE(result.exitedWith(1) || result.exitedWith(2)) << result.describe();
    EXPECT_TRUE(result.err.contains("missing.jsonl")) << result.describe();
}

} // namespace
