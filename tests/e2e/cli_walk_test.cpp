// Every command that `kili-desk-cli --help` lists, run as the real program the way a person gets
// it wrong: a misspelled name, a wrong id, a wrong project, a dead server. Each must end with exit
// 1 and one sentence saying what was wrong (said once, not repeated by a log line), and the
// server's labels must be exactly what they were.
#include "graphqlprobe.h"
#include "processes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace kili::testing;
using ::testing::HasSubstr;

namespace {

QString q(const char* text) {
    return QString::fromUtf8(text);
}

class CliWalk : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        m_sandbox = std::make_unique<SandboxProcess>(
            QStringList{q("--db"), q(":memory:"), q("--seed"), q("demo")});
        QString error;
        ASSERT_TRUE(m_sandbox->start(&error)) << qPrintable(error);
        m_probe = std::make_unique<GraphQLProbe>(m_sandbox->graphqlUrl(), m_sandbox->apiKey());
        m_projectId = m_probe->projectId(q("Porsche or Tesla"), &error);
        ASSERT_FALSE(m_projectId.isEmpty()) << qPrintable(error);
        m_environment = cliEnvironment(m_dir.path());
        m_predictions = m_dir.filePath(q("preds.jsonl"));
        QFile file(m_predictions);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 30; ++i)
            file.write(QStringLiteral("{\"externalId\": \"car-%1\", \"jsonResponse\": "
                                      "{\"CLASSIFICATION_JOB\": {\"categories\": "
                                      "[{\"name\": \"TESLA\", \"confidence\": 70}]}}}\n")
                           .arg(i, 2, 10, QLatin1Char('0'))
                           .toUtf8());
    }

    ProcessResult cli(const QStringList& arguments, const QUrl& endpoint = {}) {
        return runCli(
            QStringList{q("--endpoint"),
                        (endpoint.isEmpty() ? m_sandbox->graphqlUrl() : endpoint).toString(),
                        q("--api-key"), m_sandbox->apiKey()}
                + arguments,
            m_environment);
    }

    // Every label of the project, by id and model, as the test's own probe reads them.
    QStringList labelIds() {
        QString error;
        const QJsonArray labels = m_probe->labels(m_projectId, {}, &error);
        EXPECT_TRUE(error.isEmpty()) << qPrintable(error);
        QStringList ids;
        for (const QJsonValue& label : labels)
            ids << label[q("id")].toString();
        ids.sort();
        return ids;
    }

    // The commands as the help lists them: the first word of each line under "Commands:".
    QStringList helpCommands() {
        const ProcessResult help = runCli({q("--help")}, m_environment);
        EXPECT_TRUE(help.exitedWith(0)) << help.describe();
        QStringList commands;
        const QString text = QString::fromUtf8(help.out);
        const QString listing = text.section(q("Commands:\n"), 1).section(q("\n\n"), 0, 0);
        static const QRegularExpression line(q("^  ([a-z]+) "));
        for (const QString& row : listing.split(u'\n')) {
            const QRegularExpressionMatch match = line.match(row);
            if (match.hasMatch())
                commands << match.captured(1);
        }
        return commands;
    }

    // The arguments that make `command` act on `id` (an import id or a project id).
    QStringList argumentsOf(const QString& command, const QString& id) {
        if (command == q("import"))
            return {command, id, q("--model"), q("walk"), m_predictions};
        if (command == q("evaluate"))
            return {command, id, q("--model"), q("v0.0.1")};
        if (command == q("projects") || command == q("imports"))
            return {command};
        return {command, id};
    }

    static void expectOneSentence(const ProcessResult& result, const std::string& what,
                                  const char* expected) {
        EXPECT_TRUE(result.exitedWith(1)) << what << "\n" << result.describe();
        const QString err = QString::fromUtf8(result.err);
        EXPECT_THAT(err.toStdString(), HasSubstr(expected)) << what;
        const QString first = err.section(u'\n', 0, 0);
        EXPECT_EQ(err.count(first.mid(first.indexOf(u':') + 1).trimmed()), 1)
            << what << ": the error is printed more than once\n"
            << result.describe();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<GraphQLProbe> m_probe;
    QString m_projectId;
    QString m_predictions;
    QProcessEnvironment m_environment;
};

TEST_F(CliWalk, EveryCommandMistypedWrongOrUnreachableChangesNothing) {
    const QString report = m_dir.filePath(q("report.json"));
    ProcessResult result = cli(
        {q("import"), m_projectId, q("--model"), q("walk"), q("--report"), report, m_predictions});
    ASSERT_TRUE(result.exitedWith(0)) << result.describe();
    QFile reportFile(report);
    ASSERT_TRUE(reportFile.open(QIODevice::ReadOnly));
    const QString importId =
        QJsonDocument::fromJson(reportFile.readAll()).object()[q("importId")].toString();
    const QStringList before = labelIds();
    ASSERT_GE(before.size(), 30);

    const QStringList commands = helpCommands();
    ASSERT_EQ(commands.size(), 8) << "the help lists " << qPrintable(commands.join(u' '));
    const QUrl dead(q("http://127.0.0.1:1/api/label/v2/graphql"));
    for (const QString& command : commands) {
        const std::string name = command.toStdString();
        const bool takesImport = command == q("resume") || command == q("rollback");
        const QString id = takesImport ? importId : m_projectId;

        QString misspelled = command;
        misspelled.remove(1, 1);
        expectOneSentence(cli(argumentsOf(misspelled, id)), name + " misspelled",
                          "unknown command");

        if (command != q("projects") && command != q("imports")) {
            const QString wrong = takesImport ? q("20200101-000000-abcdef") : q("no-such-project");
            expectOneSentence(cli(argumentsOf(command, wrong)), name + " with a wrong id",
                              wrong.toUtf8().constData());
        }
        if (command != q("imports")) {
            expectOneSentence(cli(argumentsOf(command, id), dead), name + " on a dead server",
                              takesImport ? "was sent to" : "127.0.0.1:1 was refused");
        }
        EXPECT_EQ(labelIds(), before) << name << " changed the project's labels";
    }
}

} // namespace
