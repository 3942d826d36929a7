// The journal is the only memory of an import: one cut short is never taken for a finished
// import, two processes never write one journal at once, and listing writes nothing.
#include "clifixture.h"

#include <QFileInfo>
#include <cmath>
#include <gmock/gmock.h>

using namespace kili::testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

class CliJournal : public Cli {
protected:
    QString journalPath(const QString& importId) {
        return ImportJournal::directory() + u'/' + importId + s(".journal");
    }

    QByteArray readAll(const QString& path) {
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
        return file.readAll();
    }

    // The journal's header and first `batches` batch records: what a crash while the journal
    // was being written leaves behind.
    QByteArray cutShort(const QString& importId, int batches) {
        const QList<QByteArray> lines = readAll(journalPath(importId)).split('\n');
        QByteArray head;
        for (int i = 0; i <= batches && i < lines.size(); ++i)
            head += lines.at(i) + '\n';
        return head;
    }

    QJsonObject listed(const QString& importId) {
        const QJsonArray all =
            QJsonDocument::fromJson(cli({s("imports"), s("--json")}).out.toUtf8()).array();
        for (const QJsonValue& entry : all) {
            if (entry[s("importId")].toString() == importId)
                return entry.toObject();
        }
        return {};
    }
};

TEST_F(CliJournal, AJournalCutShortWhileBeingWrittenIsNeverComplete) {
    const QString model = s("cut");
    const QString importId = importSome(model, 60);
    const QByteArray head = cutShort(importId, 1);
    const CliResult rollback = cli({s("rollback"), importId});
    ASSERT_EQ(rollback.code, 0) << rollback.err.toStdString();
    ASSERT_EQ(labelsOfModel(model), 0);

    // As the journal is written now: a .part file that never got its plan, then renamed.
    QFile::remove(journalPath(importId));
    QFile part(journalPath(importId) + s(".part"));
    ASSERT_TRUE(part.open(QIODevice::WriteOnly));
    part.write(head);
    part.close();
    CliResult resume = cli({s("resume"), importId});
    EXPECT_EQ(resume.code, 1) << resume.out.toStdString() << resume.err.toStdString();
    EXPECT_THAT(resume.err.toStdString(), HasSubstr("was cut short before it was planned"));
    EXPECT_THAT(resume.out.toStdString(), Not(HasSubstr("created")));
    EXPECT_EQ(listed(importId)[s("state")].toString(), s("cut short"));

    // As earlier versions wrote it: in place, header and batches, no plan record.
    QFile::remove(journalPath(importId) + s(".part"));
    QFile journal(journalPath(importId));
    ASSERT_TRUE(journal.open(QIODevice::WriteOnly));
    journal.write(head);
    journal.close();
    resume = cli({s("resume"), importId});
    EXPECT_EQ(resume.code, 1) << resume.out.toStdString() << resume.err.toStdString();
    EXPECT_THAT(resume.err.toStdString(), HasSubstr("ends before its plan"));
    EXPECT_EQ(listed(importId)[s("state")].toString(), s("damaged"));
    EXPECT_EQ(labelsOfModel(model), 0) << "a journal cut short sent something";
}

TEST_F(CliJournal, OneProcessAtATimeWritesAJournal) {
    const QString model = s("locked");
    const QString importId = importSome(model, 30);
    QString error;
    std::unique_ptr<ImportJournal> held = ImportJournal::open(importId, &error);
    ASSERT_TRUE(held) << error.toStdString();
    for (const char* command : {"resume", "rollback"}) {
        const CliResult result = cli({s(command), importId});
        EXPECT_EQ(result.code, 1) << command << "\n" << result.err.toStdString();
        EXPECT_THAT(result.err.toStdString(), HasSubstr("is in use by")) << command;
    }
    EXPECT_EQ(labelsOfModel(model), 30);
    EXPECT_FALSE(ImportJournal::open(importId, &error)) << "a second writer got the journal";
    held.reset();
    const CliResult resumed = cli({s("resume"), importId});
    EXPECT_EQ(resumed.code, 0) << resumed.err.toStdString();
    EXPECT_EQ(labelsOfModel(model), 30);
}

TEST_F(CliJournal, ListingImportsWritesNoJournal) {
    const QString importId = importSome(s("listed"), 10);
    QFile journal(journalPath(importId));
    ASSERT_TRUE(journal.open(QIODevice::Append));
    journal.write("{\"r\":\"sent\",\"n\":0"); // a torn last record
    journal.close();
    const QByteArray before = readAll(journalPath(importId));
    const CliResult list = cli({s("imports")});
    EXPECT_EQ(list.code, 0) << list.err.toStdString();
    EXPECT_THAT(list.out.toStdString(), HasSubstr(importId.toStdString()));
    EXPECT_EQ(readAll(journalPath(importId)), before) << "`imports` changed a journal";
    EXPECT_FALSE(QFileInfo::exists(journalPath(importId) + s(".lock")))
        << "`imports` left a lock behind";
}

} // namespace

namespace {

// One polygon of `vertices` points on street-NN: a large, valid prediction (~30 bytes a vertex).
QByteArray bigPolygonLine(int asset, int vertices) {
    QByteArray points;
    for (int v = 0; v < vertices; ++v) {
        const double angle = 6.283185307 * v / vertices;
        points += (v ? "," : "")
                  + QStringLiteral("{\"x\":%1,\"y\":%2}")
                        .arg(0.5 + 0.4 * std::cos(angle), 0, 'f', 6)
                        .arg(0.5 + 0.4 * std::sin(angle), 0, 'f', 6)
                        .toUtf8();
    }
    return QStringLiteral(
               "{\"externalId\":\"street-%1\",\"jsonResponse\":{\"OBJECT_DETECTION_JOB\":"
               "{\"annotations\":[{\"type\":\"polygon\",\"categories\":[{\"name\":"
               "\"PEDESTRIAN\",\"confidence\":90}],\"boundingPoly\":[{\"normalizedVertices\":[")
               .arg(asset, 2, 10, QLatin1Char('0'))
               .toUtf8()
           + points + "]}]}]}}}\n";
}

class CliLargeBatches : public Cli {
protected:
    SandboxOptions largeOptions(qint64 maxBodyBytes) {
        SandboxOptions options;
        options.seedDemo = true;
        options.maxBodyBytes = maxBodyBytes;
        return options;
    }

    QString streetProject() {
        const QJsonArray projects =
            QJsonDocument::fromJson(cli({s("projects"), s("--json")}).out.toUtf8()).array();
        for (const QJsonValue& project : projects) {
            if (project[s("title")].toString().contains(s("Street")))
                return project[s("id")].toString();
        }
        return {};
    }
};

} // namespace

// A server that takes smaller requests than a batch (here 100 KB, the batch ~280 KB) answers
// 413: the batch is sent again in halves until each part fits, and every prediction is created
// exactly once — on the first run and on resume.
TEST_F(CliLargeBatches, ABatchRefusedAsTooLargeIsSentInParts) {
    m_projectId.clear();
    startServer(largeOptions(100 * 1024));
    const QString project = streetProject();
    ASSERT_FALSE(project.isEmpty());
    QByteArray lines;
    for (int asset = 1; asset <= 8; ++asset)
        lines += bigPolygonLine(asset, 1200);
    const QString file = writeFile(s("big.jsonl"), lines);
    const QString report = m_dir.filePath(s("big.json"));
    const CliResult result =
        cli({s("import"), project, s("--model"), s("big"), s("--report"), report, file});
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(readReport(report).value(s("created")).toInt(), 8) << result.err.toStdString();
    const QJsonArray labels =
        QJsonDocument::fromJson(cli({s("labels"), project, s("--type"), s("PREDICTION"),
                                     s("--model"), s("big"), s("--json")})
                                    .out.toUtf8())
            .array();
    EXPECT_EQ(labels.size(), 8) << "each large prediction must exist exactly once";
}

TEST_F(CliLargeBatches, BatchesAreSizedByBytesNotOnlyByCount) {
    m_projectId.clear();
    startServer(largeOptions(64 * 1024 * 1024));
    const QString project = streetProject();
    ASSERT_FALSE(project.isEmpty());
    QByteArray lines;
    for (int asset = 1; asset <= 8; ++asset)
        lines += bigPolygonLine(asset, 120000); // ~3.6 MB each, 29 MB in all
    const QString file = writeFile(s("huge.jsonl"), lines);
    const QString report = m_dir.filePath(s("huge.json"));
    const CliResult result =
        cli({s("import"), project, s("--model"), s("huge"), s("--report"), report, file});
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    QString error;
    const auto journal =
        ImportJournal::read(readReport(report).value(s("importId")).toString(), &error);
    ASSERT_TRUE(journal) << error.toStdString();
    EXPECT_GE(journal->batches().size(), 4) << "8 predictions of 3.6 MB went in one batch";
    for (const JournalBatch& batch : journal->batches()) {
        qint64 bytes = 0;
        for (const JournalItem& item : batch.items)
            bytes += item.jsonResponse.size();
        EXPECT_LE(bytes, ImportJournal::kMaxBatchBytes) << "batch " << batch.number;
    }
    EXPECT_EQ(readReport(report).value(s("created")).toInt(), 8);
}

// External ids of 20 KB: 500 of them in one lookup would be a 10 MB request, over this server's
// 2 MB. Lookups are sized by bytes too, so the import says which ids match no asset instead of
// failing on the request's size.
TEST_F(CliLargeBatches, LongExternalIdsStillMatch) {
    m_projectId.clear();
    startServer(largeOptions(2 * 1024 * 1024));
    const QString project = streetProject();
    ASSERT_FALSE(project.isEmpty());
    QByteArray lines;
    for (int i = 0; i < 600; ++i)
        lines += "{\"externalId\":\"" + QByteArray::number(i) + QByteArray(20000, 'x')
                 + "\",\"jsonResponse\":{}}\n";
    const QString file = writeFile(s("long-ids.jsonl"), lines);
    const CliResult result =
        cli({s("import"), project, s("--model"), s("long"), s("--dry-run"), file});
    EXPECT_EQ(result.code, 2) << result.err.left(2000).toStdString();
    EXPECT_TRUE(result.err.contains(s("no asset of project")))
        << result.err.left(2000).toStdString();
    EXPECT_FALSE(result.err.contains(s("413"))) << result.err.left(2000).toStdString();
}
