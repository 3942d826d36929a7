// The desk's import panel and kili-desk-cli import, given the same file, the same category
// mapping (saved by the desk, used by the CLI without --map) and the same minimum confidence,
// plan the same and put the same labels on the server.
#include "cli/clirunner.h"
#include "importfixture.h"
#include "predictions/importsettingsstore.h"
#include "ui/import/confidencehistogram.h"
#include "ui/import/importpanel.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTextStream>

using namespace kili;
using namespace kili::ui;

namespace {

class DeskAndCli : public kili::testing::ImportWindowTest {};

// car-01 … car-10 with the model's own class names and confidences 35, 45, … 95, 5, 15, 25.
QByteArray modelFile() {
    QByteArray lines;
    for (int i = 1; i <= 10; ++i)
        lines += QStringLiteral(R"({"externalId":"car-%1","jsonResponse":{"CLASSIFICATION_JOB":)"
                                R"({"categories":[{"name":"%2","confidence":%3}]}}})")
                     .arg(i, 2, 10, QLatin1Char('0'))
                     .arg(i % 2 ? QStringLiteral("porsche-911") : QStringLiteral("model-s"))
                     .arg(25 + 10 * i > 100 ? 25 + 10 * i - 100 : 25 + 10 * i)
                     .toUtf8()
                 + '\n';
    return lines;
}

TEST_F(DeskAndCli, TheSameFileMappingAndMinimumGiveTheSameLabels) {
    openProject(porsche());
    const QString file = writeFile(QStringLiteral("model.jsonl"), modelFile());
    predictions::ImportSettingsStore(porsche()).setCategoryMapping(
        {{QStringLiteral("CLASSIFICATION_JOB"),
          {{QStringLiteral("porsche-911"), QStringLiteral("PORSCHE")},
           {QStringLiteral("model-s"), QStringLiteral("TESLA")}}}});

    // The desk: drop, minimum 50, check, upload.
    ImportPanel* panel = m_desk->panel();
    panel->addInputs({file});
    panel->modelNameEdit()->setText(QStringLiteral("desk"));
    panel->histogram()->thresholdEnabled()->setChecked(true);
    panel->histogram()->thresholdBox()->setValue(50);
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    QSignalSpy idle(panel, &ImportPanel::idle);
    panel->upload();
    ASSERT_TRUE(idle.count() > 0 || idle.wait(30000)) << panel->statusText().toStdString();

    // The CLI, in-process against the same sandbox: the saved mapping applies without --map.
    const QString reportPath = m_dir.filePath(QStringLiteral("cli-report.json"));
    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    cli::CliRunner runner(outStream, errStream);
    const int code = runner.run(
        {QStringLiteral("--endpoint"), m_server->graphqlUrl().toString(),
         QStringLiteral("--api-key"), m_server->apiKey(), QStringLiteral("import"), porsche(),
         QStringLiteral("--model"), QStringLiteral("cli"), QStringLiteral("--min-confidence"),
         QStringLiteral("50"), QStringLiteral("--report"), reportPath, file});
    outStream.flush();
    errStream.flush();
    ASSERT_EQ(code, 0) << err.toStdString();

    // The same plan: what was created, dropped and mapped, in the two reports.
    QFile reportFile(reportPath);
    ASSERT_TRUE(reportFile.open(QIODevice::ReadOnly)) << err.toStdString();
    const QJsonObject cliReport = QJsonDocument::fromJson(reportFile.readAll()).object();
    const QJsonObject deskReport = panel->report().toJson();
    for (const char* key :
         {"created", "alreadyPresent", "invalidItems", "droppedBelowConfidence", "mapped"})
        EXPECT_EQ(deskReport.value(QLatin1String(key)), cliReport.value(QLatin1String(key)))
            << key << ": desk " << QJsonDocument(deskReport).toJson().toStdString() << "cli "
            << QJsonDocument(cliReport).toJson().toStdString();
    EXPECT_EQ(
        cliReport[QStringLiteral("droppedBelowConfidence")][QStringLiteral("categories")].toInt(),
        5);
    EXPECT_EQ(
        cliReport[QStringLiteral("mapped")][QStringLiteral("CLASSIFICATION_JOB: model-s → TESLA")]
            .toInt(),
        5);
    // The same labels, asset by asset.
    QStringList cars;
    for (int i = 1; i <= 10; ++i)
        cars << QStringLiteral("car-%1").arg(i, 2, 10, QLatin1Char('0'));
    QHash<QString, QJsonObject> desk, cli;
    for (const Asset& asset : serverAssets(porsche(), cars)) {
        for (const Label& label : asset.labels) {
            if (label.modelName == QLatin1String("desk"))
                desk.insert(asset.externalId, label.jsonResponse);
            else if (label.modelName == QLatin1String("cli"))
                cli.insert(asset.externalId, label.jsonResponse);
        }
    }
    EXPECT_EQ(desk.size(), 5) << "5 of 10 predictions are below 50";
    EXPECT_EQ(desk, cli) << "the desk and the CLI put different labels on the server";
}

} // namespace
