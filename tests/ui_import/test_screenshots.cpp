// Screenshots of the import panel and the form in the real window, for the README. Runs only
// when KILI_SCREENSHOT_DIR names a folder (scripts call it under Xvfb or offscreen).
#include "importfixture.h"
#include "ui/import/importpanel.h"
#include "ui/import/predictionform.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace kili;
using namespace kili::ui;

class ImportScreenshots : public kili::testing::ImportWindowTest {
protected:
    void SetUp() override {
        if (qEnvironmentVariableIsEmpty("KILI_SCREENSHOT_DIR"))
            GTEST_SKIP() << "set KILI_SCREENSHOT_DIR to take screenshots";
        ImportWindowTest::SetUp();
    }
};

TEST_F(ImportScreenshots, PanelAndForm) {
    const QString folder = qEnvironmentVariable("KILI_SCREENSHOT_DIR");
    if (folder.isEmpty())
        GTEST_SKIP() << "set KILI_SCREENSHOT_DIR to take screenshots";
    openProject(porsche());
    QByteArray lines;
    for (int i = 1; i <= 12; ++i) {
        const QString name = i % 3 ? QStringLiteral("TESLA") : QStringLiteral("Porsche");
        lines +=
            QStringLiteral(
                R"({"externalId":"car-%1","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"%2","confidence":%3}]}}})")
                .arg(i, 2, 10, QLatin1Char('0'))
                .arg(name)
                .arg(40 + i * 5)
                .toUtf8()
            + '\n';
    }
    lines +=
        QByteArrayLiteral(
            R"({"externalId":"car-77","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"TESLA"}]}}})")
        + '\n';
    m_desk->showImport({writeFile(QStringLiteral("model-run-7.jsonl"), lines)});
    ImportPanel* panel = m_desk->panel();
    panel->modelNameEdit()->setText(QStringLiteral("resnet-run-7"));
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000));
    QSignalSpy shown(panel->preflight(), &PreflightView::previewShown);
    panel->preflight()->statusChooser()->setCurrentIndex(
        panel->preflight()->statusChooser()->findData(int(PreflightRow::Status::Ready)));
    panel->preflight()->table()->selectRow(0);
    shown.wait(10000);
    QTest::qWait(300);
    EXPECT_TRUE(m_window->grab().save(folder + QStringLiteral("/import-panel.png")));

    m_desk->showNewPrediction();
    PredictionForm* form = m_desk->form();
    form->setAssets(serverAssets(porsche(), cars(3)));
    form->findChild<QRadioButton*>(QStringLiteral("CLASSIFICATION_JOB/TESLA"))->setChecked(true);
    form->findChild<QSpinBox*>(QStringLiteral("CLASSIFICATION_JOB/TESLA/confidence"))->setValue(72);
    form->modelNameEdit()->setText(QStringLiteral("manual-check"));
    QTest::qWait(300);
    EXPECT_TRUE(m_window->grab().save(folder + QStringLiteral("/import-form.png")));
}
