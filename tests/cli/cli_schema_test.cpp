// The schema check before a command: against a server whose API moved (the sandbox serving its
// schema without a mutation, a query argument or a selected field), the command that needs what
// is gone exits 1 with one sentence before sending anything, and every other command works.
#include "clifixture.h"

#include <gmock/gmock.h>

using namespace kili::testing;
using ::testing::HasSubstr;

namespace {

class CliAgainstAMovedApi : public Cli {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(s("journals")).toUtf8());
    }

    void serveWithout(const QStringList& elements) {
        SandboxOptions reduced = options();
        reduced.withoutSchema = elements;
        startServer(reduced);
    }
};

TEST_F(CliAgainstAMovedApi, ImportRefusesBeforeSendingWhenTheMutationIsGone) {
    serveWithout({s("Mutation.appendManyLabels")});
    const CliResult result =
        cli({s("import"), m_projectId, s("--model"), s("m1"), writePredictions(5)});
    EXPECT_EQ(result.code, 1) << result.err.toStdString();
    EXPECT_THAT(
        result.err.toStdString(),
        HasSubstr("This server no longer offers appendManyLabels, so predictions cannot "
                  "be imported; the rest works. Server version kili-sandbox-0.1.0-reduced-"));
    EXPECT_THAT(result.err.toStdString(), HasSubstr("Nothing was sent."));
    EXPECT_EQ(labelsOfModel(s("m1")), 0) << "a refused import created labels";
    QDir journals(m_dir.filePath(s("journals")));
    EXPECT_TRUE(journals.entryList({s("*.jsonl")}, QDir::Files).isEmpty())
        << "a refused import left a journal";

    // What does not need the mutation works: listing, the interface, a dry run.
    EXPECT_EQ(cli({s("projects")}).code, 0);
    EXPECT_EQ(cli({s("interface"), m_projectId}).code, 0);
    const CliResult dryRun =
        cli({s("import"), m_projectId, s("--model"), s("m1"), s("--dry-run"), writePredictions(5)});
    EXPECT_EQ(dryRun.code, 0) << dryRun.err.toStdString();
    EXPECT_THAT(dryRun.out.toStdString(), HasSubstr("5"));
}

TEST_F(CliAgainstAMovedApi, AQueryArgumentGoneDisablesOnlyWhatSendsIt) {
    serveWithout({s("Query.labels(skip)")});
    const CliResult labels = cli({s("labels"), m_projectId});
    EXPECT_EQ(labels.code, 1) << labels.out.toStdString();
    EXPECT_THAT(labels.err.toStdString(),
                HasSubstr("This server no longer accepts this version of Kili Desk's requests "
                          "(labels: Unknown argument \"skip\""));
    EXPECT_THAT(labels.err.toStdString(), HasSubstr("so labels cannot be listed or counted"));
    EXPECT_TRUE(labels.out.isEmpty()) << labels.out.toStdString();

    // The import reads assets and writes labels, never lists them: it works.
    const CliResult import =
        cli({s("import"), m_projectId, s("--model"), s("m1"), writePredictions(5)});
    EXPECT_EQ(import.code, 0) << import.err.toStdString();
    EXPECT_THAT(import.out.toStdString(), HasSubstr("5"));
}

TEST_F(CliAgainstAMovedApi, ASelectedFieldGoneIsLeftOutAndTheCommandWorks) {
    serveWithout({s("Label.honeypotMark"), s("Asset.consensusMark")});
    EXPECT_EQ(cli({s("import"), m_projectId, s("--model"), s("m1"), writePredictions(4)}).code, 0);
    // The sandbox validates what it receives: a labels request still selecting the field would
    // fail as a whole.
    EXPECT_EQ(labelsOfModel(s("m1")), 4);
}

TEST_F(CliAgainstAMovedApi, AMistypedElementStopsTheSandboxWithASentence) {
    SandboxOptions reduced = options();
    reduced.withoutSchema = {s("Mutation.appendManyLabel")};
    SandboxServer server(reduced);
    QString error;
    EXPECT_FALSE(server.start(&error));
    EXPECT_THAT(error.toStdString(), HasSubstr("\"Mutation.appendManyLabel\" names no field"));
}

} // namespace

namespace {

TEST_F(CliAgainstAMovedApi, EvaluateRefusesWhenLabelsCannotBeListed) {
    serveWithout({s("Query.labels(skip)")});
    const CliResult result = cli({s("evaluate"), m_projectId, s("--model"), s("m1")});
    EXPECT_EQ(result.code, 1) << result.out.toStdString();
    EXPECT_THAT(result.err.toStdString(), HasSubstr("so labels cannot be listed or counted"));
    EXPECT_THAT(result.err.toStdString(), HasSubstr("Nothing was sent."));
}

} // namespace
