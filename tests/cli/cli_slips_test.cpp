// A slip of the hand never costs data: mistyped commands, malformed or foreign import ids, 0–1
// scores among 0–100 confidences, files that are not files, text that would rewrite the terminal.
// Each case checks the exit code, what is said, and that the server's labels did not change.
#include "clifixture.h"

#include <QDir>
#include <QFileInfo>
#include <gmock/gmock.h>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <sys/types.h>
#endif

using namespace kili::testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

class CliSlips : public Cli {
protected:
    QStringList journalFolderEntries() {
        return QDir(ImportJournal::directory())
            .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    }

    static std::string text(const QString& value) { return value.toStdString(); }
};

TEST_F(CliSlips, MistypedCommandsRunNothingAndChangeNothing) {
    const QString importId = importSome(s("slips"));
    const QJsonArray before = allLabels();
    ASSERT_EQ(labelsOfModel(s("slips")), 30);
    const std::pair<QStringList, const char*> slips[] = {
        {{s("resme"), importId}, "did you mean \"resume\""},
        {{s("rollbak"), importId}, "did you mean \"rollback\""},
        {{s("Rollback"), importId}, "did you mean \"rollback\""},
        {{s("projets")}, "did you mean \"projects\""},
        {{s("delete"), importId}, "unknown command \"delete\""},
        {{s("import-all"), m_projectId}, "unknown command"},
    };
    for (const auto& [arguments, expected] : slips) {
        const CliResult result = cli(arguments);
        EXPECT_EQ(result.code, 1) << "`" << text(arguments.join(u' ')) << "` should be refused\n"
                                  << text(result.out) << text(result.err);
        EXPECT_THAT(text(result.err), HasSubstr(expected)) << text(arguments.join(u' '));
        EXPECT_THAT(text(result.out), Not(HasSubstr("deleted")));
    }
    EXPECT_EQ(allLabels(), before) << "a mistyped command changed the project's labels";
}

TEST_F(CliSlips, ImportIdsAreCheckedBeforeAnyFileIsMade) {
    importSome(s("ids"));
    const QStringList entriesBefore = journalFolderEntries();
    const QString outside = QFileInfo(ImportJournal::directory()).path() + s("/x.journal");
    const QJsonArray before = allLabels();
    const std::pair<QString, const char*> ids[] = {
        {s("no-such-id"), "is not an import id"},
        {s("../x"), "is not an import id"},
        {s("../../../x"), "is not an import id"},
        {s("20200101-000000-abcdef"), "there is no import 20200101-000000-abcdef"},
    };
    for (const auto& [id, expected] : ids) {
        for (const char* command : {"resume", "rollback"}) {
            const CliResult result = cli({s(command), id});
            EXPECT_EQ(result.code, 1) << command << " " << text(id) << "\n" << text(result.err);
            EXPECT_THAT(text(result.err), HasSubstr(expected)) << command << " " << text(id);
            EXPECT_THAT(text(result.err), Not(HasSubstr("damaged"))) << command << " " << text(id);
        }
    }
    EXPECT_EQ(journalFolderEntries(), entriesBefore) << "a wrong import id made or changed files";
    EXPECT_FALSE(QFileInfo::exists(outside)) << "a path given as an id made " << text(outside);
    EXPECT_EQ(allLabels(), before);
}

TEST_F(CliSlips, JournalsLiveInOneFolderPrivateToTheUser) {
    qunsetenv("KILI_DESK_JOURNAL_DIR");
    EXPECT_THAT(text(ImportJournal::directory()), HasSubstr("/kili-desk/imports"));
    EXPECT_THAT(text(ImportJournal::directory()), Not(HasSubstr("kili-desk/kili-desk")));
    qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(s("journals")).toUtf8());
    const QString importId = importSome(s("private"));
    const QFileInfo journal(ImportJournal::directory() + u'/' + importId + s(".journal"));
    ASSERT_TRUE(journal.isFile()) << text(journal.filePath());
    EXPECT_EQ(journal.permissions()
                  & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
              QFile::Permissions())
        << "the journal holds the project's predictions: others must not read it";
    const QFileInfo folder(ImportJournal::directory());
    EXPECT_EQ(folder.permissions() & (QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup),
              QFile::Permissions())
        << "the journal folder is open to others";
}

TEST_F(CliSlips, AnImportIsResumedOrRolledBackOnlyThroughItsOwnServer) {
    const QString importId = importSome(s("foreign"));
    SandboxOptions otherOptions = options();
    SandboxServer other(otherOptions);
    QString error;
    ASSERT_TRUE(other.start(&error)) << text(error);
    const QString home = m_server->graphqlUrl().authority();
    for (const char* command : {"rollback", "resume"}) {
        const CliResult result = cli({s(command), importId}, &other);
        EXPECT_EQ(result.code, 1) << command << "\n" << text(result.out) << text(result.err);
        EXPECT_THAT(text(result.err), HasSubstr("was sent to " + text(home))) << command;
        EXPECT_THAT(text(result.out), Not(HasSubstr("deleted"))) << command;
    }
    EXPECT_EQ(labelsOfModel(s("foreign")), 30) << "the import's labels changed";

    const CliResult table = cli({s("imports")});
    EXPECT_THAT(text(table.out), HasSubstr("SERVER"));
    EXPECT_THAT(text(table.out), HasSubstr(text(home)));
    const QJsonArray json =
        QJsonDocument::fromJson(cli({s("imports"), s("--json")}).out.toUtf8()).array();
    ASSERT_EQ(json.size(), 1);
    EXPECT_EQ(json.first()[s("server")].toString(), home);
}

TEST_F(CliSlips, ConfidencesThatKiliWouldMisreadAreProblems) {
    QByteArray lines;
    const char* confidences[] = {"80", "0.8", "1e308", "-3", "55.5"};
    for (int i = 0; i < 5; ++i) {
        lines += QStringLiteral(R"({"externalId":"photo-%1","jsonResponse":{"CLASSIFICATION_JOB":)"
                                R"({"categories":[{"name":"CAT","confidence":%2}]}}})")
                     .arg(i + 1, 7, 10, QLatin1Char('0'))
                     .arg(QLatin1String(confidences[i]))
                     .toUtf8()
                 + "\n";
    }
    const QString file = writeFile(s("mixed.jsonl"), lines);
    const CliResult result = cli({s("import"), m_projectId, s("--model"), s("mixed"), file});
    EXPECT_EQ(result.code, 2) << text(result.err);
    EXPECT_THAT(text(result.err),
                HasSubstr("mixed.jsonl:2 photo-0000002 CLASSIFICATION_JOB: confidence 0.8 looks "
                          "like a 0–1 score; Kili takes whole numbers 0–100: use "
                          "--scale-confidence"));
    EXPECT_THAT(text(result.err), HasSubstr("mixed.jsonl:3 photo-0000003 CLASSIFICATION_JOB: "
                                            "confidence 1e+308 is outside 0–100"));
    EXPECT_THAT(text(result.err), HasSubstr("confidence -3 is outside 0–100"));
    EXPECT_THAT(text(result.err), HasSubstr("confidence 55.5 is not a whole number"));
    EXPECT_THAT(text(result.err), Not(HasSubstr("internal error")));
    EXPECT_EQ(labelsOfModel(s("mixed")), 0) << "nothing may be sent while items are invalid";

    // Scaled on request, and nothing then advises the option that was given.
    const QString scores = writeFile(
        s("scores.jsonl"),
        R"({"externalId":"photo-0000001","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAT","confidence":0.8}]}}})"
        "\n");
    const QString report = m_dir.filePath(s("scaled.json"));
    const CliResult scaled = cli({s("import"), m_projectId, s("--model"), s("scaled"),
                                  s("--scale-confidence"), s("--report"), report, scores});
    EXPECT_EQ(scaled.code, 0) << text(scaled.err);
    EXPECT_THAT(text(scaled.err), Not(HasSubstr("--scale-confidence")));
    EXPECT_FALSE(QJsonDocument(readReport(report)).toJson().contains("--scale-confidence"))
        << "the report still advises --scale-confidence after it was applied";
    const QJsonArray created = allLabels();
    bool found = false;
    for (const QJsonValue& label : created) {
        if (label[s("modelName")].toString() != s("scaled"))
            continue;
        found = true;
        EXPECT_EQ(
            label[s("jsonResponse")][s("CLASSIFICATION_JOB")][s("categories")][0][s("confidence")]
                .toInt(),
            80);
    }
    EXPECT_TRUE(found) << "the scaled prediction was not created";
}

TEST_F(CliSlips, AnUnknownProjectIsAnErrorEverywhere) {
    for (const QStringList& arguments :
         {QStringList{s("labels"), s("no-such-project")},
          QStringList{s("interface"), s("no-such-project")},
          QStringList{s("import"), s("no-such-project"), s("--model"), s("m"), s("--dry-run"),
                      writePredictions(2)}}) {
        const CliResult result = cli(arguments);
        EXPECT_EQ(result.code, 1) << text(arguments.join(u' ')) << "\n" << text(result.err);
        EXPECT_THAT(text(result.err), HasSubstr("no-such-project"));
        EXPECT_THAT(text(result.out), Not(HasSubstr("CREATED")))
            << "a table was printed for a project that does not exist";
    }
}

TEST_F(CliSlips, LabelsNameTheAssetsExternalIdAndNarrowOnTheServer) {
    importSome(s("named"), 3);
    const CliResult one = cli({s("labels"), m_projectId, s("--type"), s("PREDICTION"), s("--model"),
                               s("named"), s("--external-id"), s("photo-0000002"), s("--json")});
    ASSERT_EQ(one.code, 0) << text(one.err);
    const QJsonArray labels = QJsonDocument::fromJson(one.out.toUtf8()).array();
    ASSERT_EQ(labels.size(), 1) << text(one.out);
    EXPECT_EQ(labels.first()[s("externalId")].toString(), s("photo-0000002"));
    EXPECT_FALSE(labels.first()[s("assetId")].toString().isEmpty());

    const CliResult table =
        cli({s("labels"), m_projectId, s("--type"), s("PREDICTION"), s("--model"), s("named")});
    EXPECT_THAT(text(table.out), HasSubstr("EXTERNAL ID"));
    EXPECT_THAT(text(table.out), HasSubstr("photo-0000003"));

    const CliResult future =
        cli({s("labels"), m_projectId, s("--created-from"), s("2999-01-01"), s("--json")});
    EXPECT_EQ(future.code, 0) << text(future.err);
    EXPECT_EQ(QJsonDocument::fromJson(future.out.toUtf8()).array().size(), 0) << text(future.out);
    EXPECT_EQ(cli({s("labels"), m_projectId, s("--created-from"), s("yesterday")}).code, 1);
}

TEST_F(CliSlips, ControlCharactersFromFilesNeverReachTheTerminal) {
    const QString file = writeFile(
        s("ansi.jsonl"),
        "{\"externalId\":\"evil\\u001b[2J\\u001b[31m\\r\\u009b7m\",\"jsonResponse\":"
        "{\"CLASSIFICATION_JOB\":{\"categories\":[{\"name\":\"CAT\\u001b]0;owned\\u0007\"}]}}}\n");
    const CliResult result =
        cli({s("import"), m_projectId, s("--model"), s("ansi"), s("--dry-run"), file});
    EXPECT_EQ(result.code, 2) << text(result.err);
    for (const char16_t c : {u'\x1b', u'\r', u'\x07', char16_t(0x9b)}) {
        EXPECT_FALSE(result.err.contains(QChar(c)) || result.out.contains(QChar(c)))
            << "control character " << int(c) << " reached the terminal:\n"
            << text(result.err);
    }
    EXPECT_THAT(text(result.err), HasSubstr("evil\\e[2J\\e[31m\\r\\x9b7m"));
}

#ifdef Q_OS_UNIX
TEST_F(CliSlips, APipeIsRefusedInsteadOfBlockingForever) {
    const QString fifo = m_dir.filePath(s("predictions.fifo"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const CliResult result = cli({s("import"), m_projectId, s("--model"), s("fifo"), fifo});
    EXPECT_EQ(result.code, 1) << text(result.err);
    EXPECT_THAT(text(result.err), HasSubstr("is not a regular file or folder"));
    const CliResult classes = cli({s("import"), m_projectId, s("--model"), s("fifo"),
                                   s("--classes"), fifo, writePredictions(1)});
    EXPECT_EQ(classes.code, 1) << text(classes.err);
}
#endif

TEST_F(CliSlips, ADeadServerIsNamedAtOnce) {
    const CliResult result = runCli({s("--endpoint"), s("http://127.0.0.1:1/api/label/v2/graphql"),
                                     s("--api-key"), s("some-key"), s("projects")});
    EXPECT_EQ(result.code, 1) << text(result.err);
    EXPECT_THAT(text(result.err), HasSubstr("the connection to 127.0.0.1:1 was refused"));
    EXPECT_THAT(text(result.err), HasSubstr("It still failed after 4 attempts"))
        << "a refused connection is tried a few times, not ten with minutes of backoff";
}

} // namespace
