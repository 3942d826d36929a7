// kili-desk-cli against an in-process sandbox: every command, the exit codes, the report, resume
// after lost answers and after a server restart, rollback.
#include "clifixture.h"
#include "sandbox/faultinjector.h"

#include <QCoreApplication>
#include <QTimer>

using namespace kili::testing;

TEST_F(Cli, UsageAndMissingKey) {
    QString out, err;
    QTextStream o(&out), e(&err);
    CliRunner runner(o, e);
    EXPECT_EQ(runner.run({}), 1);
    qunsetenv("KILI_API_KEY");
    EXPECT_EQ(runner.run({s("--endpoint"), m_server->graphqlUrl().toString(), s("projects")}), 1);
    e.flush();
    EXPECT_TRUE(err.contains(s("no API key"))) << err.toStdString();
    EXPECT_EQ(runner.run({s("--help")}), 0);
    o.flush();
    EXPECT_TRUE(out.contains(s("import PROJECT_ID --model NAME")));
}

TEST_F(Cli, ProjectsInterfaceAndLabels) {
    const CliResult projects = cli({s("projects"), s("--json")});
    ASSERT_EQ(projects.code, 0) << projects.err.toStdString();
    EXPECT_TRUE(projects.out.contains(m_projectId));
    const CliResult table = cli({s("projects")});
    EXPECT_TRUE(table.out.contains(s("Generated: 60")));
    const CliResult interface = cli({s("interface"), m_projectId});
    ASSERT_EQ(interface.code, 0) << interface.err.toStdString();
    EXPECT_TRUE(interface.out.contains(s("CLASSIFICATION_JOB  CLASSIFICATION / radio")))
        << interface.out.toStdString();
    const CliResult labels = cli({s("labels"), m_projectId, s("--type"), s("DEFAULT,REVIEW")});
    EXPECT_EQ(labels.code, 0);
    EXPECT_TRUE(labels.out.contains(s("DEFAULT")));
    EXPECT_EQ(cli({s("labels"), m_projectId, s("--type"), s("NOPE")}).code, 1);
    EXPECT_EQ(cli({s("interface"), s("no-such-project")}).code, 1);
}

TEST_F(Cli, ImportReportResumeRollback) {
    const QString withUnknown = writePredictions(30, true);
    const QString report = m_dir.filePath(s("report.json"));

    // an unknown external id: nothing is sent, exit 2, the report says why
    const CliResult strict = cli({s("import"), m_projectId, s("--model"), s("cli-test"),
                                  s("--report"), report, withUnknown});
    EXPECT_EQ(strict.code, 2) << strict.err.toStdString();
    EXPECT_TRUE(strict.err.contains(s("no asset of project"))) << strict.err.toStdString();
    EXPECT_EQ(readReport(report).value(s("unknownIds")).toArray().first().toString(),
              s("no-such-photo"));
    EXPECT_EQ(labelsOfModel(s("cli-test")), 0);

    const CliResult dry = cli({s("import"), m_projectId, s("--model"), s("cli-test"),
                               s("--dry-run"), s("--skip-invalid"), withUnknown});
    EXPECT_EQ(dry.code, 2);
    EXPECT_TRUE(dry.out.contains(s("30 prediction(s) would be created"))) << dry.out.toStdString();
    EXPECT_EQ(labelsOfModel(s("cli-test")), 0);

    const CliResult lenient = cli({s("import"), m_projectId, s("--model"), s("cli-test"),
                                   s("--skip-invalid"), s("--report"), report, withUnknown});
    EXPECT_EQ(lenient.code, 2) << lenient.err.toStdString();
    const QJsonObject json = readReport(report);
    EXPECT_EQ(json.value(s("created")).toInt(), 30);
    EXPECT_EQ(json.value(s("labelIds")).toArray().size(), 30);
    EXPECT_EQ(json.value(s("invalid")).toArray().size(), 1);
    const QJsonObject invalid = json.value(s("invalid")).toArray().first().toObject();
    EXPECT_EQ(invalid.value(s("line")).toInt(), 31);
    EXPECT_EQ(invalid.value(s("externalId")).toString(), s("no-such-photo"));
    EXPECT_EQ(labelsOfModel(s("cli-test")), 30);

    // again, without the unknown line: everything is already there
    const CliResult again =
        cli({s("import"), m_projectId, s("--model"), s("cli-test"), writePredictions(30)});
    EXPECT_EQ(again.code, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(s("30 already present"))) << again.out.toStdString();
    EXPECT_EQ(labelsOfModel(s("cli-test")), 30);

    const CliResult list = cli({s("imports"), s("--json")});
    const QJsonArray imports = QJsonDocument::fromJson(list.out.toUtf8()).array();
    ASSERT_EQ(imports.size(), 1) << list.out.toStdString();
    const QString importId = json.value(s("importId")).toString();
    EXPECT_EQ(imports.first().toObject().value(s("importId")).toString(), importId);

    const CliResult rolledBack = cli({s("rollback"), importId});
    EXPECT_EQ(rolledBack.code, 0) << rolledBack.err.toStdString();
    EXPECT_TRUE(rolledBack.out.contains(s("30 label(s) deleted")));
    EXPECT_EQ(labelsOfModel(s("cli-test")), 0);
}

TEST_F(Cli, FlakyServerCreatesEverythingExactlyOnce) {
    // a third of the connections dropped (answers lost after the server acted), 503s besides
    m_server->faults().setDropRate(0.3);
    m_server->faults().setFailRate(0.2);
    const QString file = writePredictions(60);
    const QString report = m_dir.filePath(s("flaky.json"));
    CliResult result =
        cli({s("import"), m_projectId, s("--model"), s("flaky"), s("--report"), report, file});
    const QString importId = readReport(report).value(s("importId")).toString();
    for (int attempt = 0; attempt < 6 && result.code == 3; ++attempt)
        result = cli({s("resume"), importId, s("--report"), report});
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    m_server->faults().setDropRate(0);
    m_server->faults().setFailRate(0);
    EXPECT_EQ(readReport(report).value(s("created")).toInt(), 60);
    EXPECT_EQ(labelsOfModel(s("flaky")), 60); // nothing twice, nothing lost
}

TEST_F(Cli, ServerRestartMidImportThenResume) {
    SandboxOptions persistent = options();
    persistent.dbPath = m_dir.filePath(s("sandbox.db"));
    persistent.latencyMs = 100;
    persistent.generateAssets = 200;
    m_projectId.clear();
    startServer(persistent);
    SandboxOptions again = persistent;
    again.port = m_server->port();
    again.apiKey = m_server->apiKey();
    again.generateAssets = 0;
    const QString file = writePredictions(200);
    // The server stops while requests are in flight and comes back on the same port and database;
    // the client's retries reach the new one.
    bool restarted = false;
    QTimer::singleShot(250, [&] {
        m_server.reset();
        startServer(again);
        restarted = true;
    });
    const QString report = m_dir.filePath(s("restart.json"));
    CliResult result =
        cli({s("import"), m_projectId, s("--model"), s("restart"), s("--report"), report, file});
    while (!restarted)
        QCoreApplication::processEvents();
    const QString importId = readReport(report).value(s("importId")).toString();
    for (int attempt = 0; attempt < 4 && result.code == 3; ++attempt)
        result = cli({s("resume"), importId, s("--report"), report});
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(labelsOfModel(s("restart")), 200); // nothing twice, nothing lost
}

// A path that is not there is a usage error (exit 1), found before anything is asked of the
// server; it used to be printed and then end with exit 0 ("Nothing to send.").
TEST_F(Cli, MissingInputFileIsAUsageError) {
    const QString good = writePredictions(3);
    const QString missing = m_dir.filePath(s("missing.jsonl"));
    const CliResult result =
        cli({s("import"), m_projectId, s("--model"), s("missing"), good, missing});
    EXPECT_EQ(result.code, 1) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(missing + s(" does not exist"))) << result.err.toStdString();
    EXPECT_EQ(labelsOfModel(s("missing")), 0);
}

// Files without any prediction used to end with exit 0 and nothing on stderr.
TEST_F(Cli, FileWithoutAnyPredictionIsInvalidInput) {
    const std::pair<const char*, QByteArray> files[] = {
        {"empty.jsonl", QByteArray()},
        {"whitespace-only.jsonl", QByteArray(" \n\t\n\r\n")},
        {"only-bom.jsonl", QByteArray("\xEF\xBB\xBF")},
        {"empty-array.json", QByteArray("[]")},
    };
    for (const auto& [name, bytes] : files) {
        const QString path = m_dir.filePath(QString::fromUtf8(name));
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const CliResult result = cli({s("import"), m_projectId, s("--model"), s("empty"), path});
        EXPECT_EQ(result.code, 2) << name << "\n" << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(QString::fromUtf8(name))) << result.err.toStdString();
        EXPECT_TRUE(result.err.contains(s("the file holds no prediction")))
            << result.err.toStdString();
    }
}

// A problem about a whole file (here: YOLO labels without --target-job) used to be printed while
// the exit code stayed 0.
TEST_F(Cli, YoloFilesWithoutTargetJobAreAnError) {
    const QString path = m_dir.filePath(s("photo-0000001.txt"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("0 0.5 0.5 0.2 0.2\n");
    file.close();
    const CliResult result = cli({s("import"), m_projectId, s("--model"), s("yolo"), path});
    EXPECT_EQ(result.code, 2) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(s("photo-0000001.txt: YOLO files need a target job")))
        << result.err.toStdString();
}
