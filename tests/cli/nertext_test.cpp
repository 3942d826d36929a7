// kili-desk-cli import on the TEXT demo project ("News entities"): named-entity offsets are checked
// against the asset's text once the assets are matched, end to end through the in-process sandbox.
#include "demofixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <gtest/gtest.h>

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

class NerText : public kili::testing::DemoCli {
protected:
    QString textProjectId() { return demoProjectId(s("inputType"), s("TEXT")); }
};

} // namespace

TEST_F(NerText, EntityNotAtItsOffsetInTheTextIsInvalidAndTheRightOneIsPlanned) {
    const QString projectId = textProjectId();
    ASSERT_FALSE(projectId.isEmpty());
    const QString input = m_dir.filePath(s("ner.jsonl"));
    QFile file(input);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    // news-01: "Alice Martin joined Kili Technology in Paris …": "Kili Technology" is at 20..35.
    file.write(R"({"externalId":"news-01","jsonResponse":{"NAMED_ENTITIES_RECOGNITION_JOB":)"
               R"({"annotations":[{"categories":[{"name":"ORGANIZATION"}],"beginOffset":20,)"
               R"("endOffset":35,"content":"Kili Technology","mid":"b2-1"}]}}})"
               "\n");
    // news-02: "Tesla opened a new factory near Berlin, …": "Berlin" is at 32, not 31.
    file.write(R"({"externalId":"news-02","jsonResponse":{"NAMED_ENTITIES_RECOGNITION_JOB":)"
               R"({"annotations":[{"categories":[{"name":"LOCATION"}],"beginOffset":31,)"
               R"("endOffset":37,"content":"Berlin","mid":"b2-2"}]}}})"
               "\n");
    file.close();

    const QString reportPath = m_dir.filePath(s("report.json"));
    QString out;
    const int code = cli({s("import"), projectId, s("--model"), s("b2-ner"), s("--dry-run"),
                          s("--report"), reportPath, input},
                         &out);
    EXPECT_EQ(code, 2) << out.toStdString() << m_err.toStdString();
    QFile reportFile(reportPath);
    ASSERT_TRUE(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(reportFile.readAll()).object();
    reportFile.close();
    EXPECT_EQ(report[s("planned")].toInt(), 1) << QJsonDocument(report).toJson().toStdString();
    const QJsonArray invalid = report[s("invalid")].toArray();
    ASSERT_EQ(invalid.size(), 1) << QJsonDocument(report).toJson().toStdString();
    const QJsonObject problem = invalid[0].toObject();
    EXPECT_TRUE(problem[s("file")].toString().endsWith(s("ner.jsonl")));
    EXPECT_EQ(problem[s("line")].toInt(), 2);
    EXPECT_EQ(problem[s("externalId")].toString(), s("news-02"));
    EXPECT_EQ(problem[s("job")].toString(), s("NAMED_ENTITIES_RECOGNITION_JOB"));
    EXPECT_TRUE(problem[s("message")].toString().contains(s("Berlin")))
        << problem[s("message")].toString().toStdString();

    // With --skip-invalid the right one is created, the wrong one is not sent.
    EXPECT_EQ(cli({s("import"), projectId, s("--model"), s("b2-ner"), s("--skip-invalid"),
                   s("--report"), reportPath, input},
                  &out),
              2)
        << out.toStdString() << m_err.toStdString();
    ASSERT_TRUE(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject sent = QJsonDocument::fromJson(reportFile.readAll()).object();
    EXPECT_EQ(sent[s("created")].toInt(), 1) << QJsonDocument(sent).toJson().toStdString();
    EXPECT_EQ(sent[s("invalid")].toArray().size(), 1);
}
