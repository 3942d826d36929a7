// The import panel in the real window against the in-process sandbox: a drop of good and bad
// files ends with the right rows in the pre-flight table and the right labels on the server;
// report export and Undo; cancel, then resume at the "next start"; copy as prediction.
#include "api/connection.h"
#include "importfixture.h"
#include "predictions/importjournal.h"
#include "predictions/importsettingsstore.h"
#include "sandbox/faultinjector.h"
#include "ui/assetfilterbar.h"
#include "ui/assettreeview.h"
#include "ui/errorbar.h"
#include "ui/import/categorymappingmodel.h"
#include "ui/import/confidencehistogram.h"
#include "ui/import/importpanel.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDropEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>

using namespace kili;
using namespace kili::ui;
using Status = PreflightRow::Status;

namespace {

QByteArray line(const QString& externalId, const QString& category, int confidence) {
    return QStringLiteral(
               R"({"externalId":"%1","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"%2","confidence":%3}]}}})")
               .arg(externalId, category)
               .arg(confidence)
               .toUtf8()
           + '\n';
}

// The spy is made before the action: a cancel may end the run synchronously.
bool waitIdle(QSignalSpy& idle) {
    return idle.count() > 0 || idle.wait(30000);
}

} // namespace

using kili::testing::drop;

class ImportPanelTest : public kili::testing::ImportWindowTest {};

TEST_F(ImportPanelTest, DropOfGoodAndBadFilesChecksUploadsExportsAndUndoes) {
    openProject(porsche());
    QByteArray good;
    for (const QString& id : cars(5))
        good += line(id, QStringLiteral("TESLA"), 81);
    const QString goodFile = writeFile(QStringLiteral("good.jsonl"), good);
    const QString badFile = writeFile(
        QStringLiteral("bad.jsonl"),
        line(QStringLiteral("car-06"), QStringLiteral("Tesla"), 50)       // display name, not key
            + line(QStringLiteral("car-99"), QStringLiteral("TESLA"), 50) // no such asset
            + QByteArrayLiteral("{not json\n"));

    drop(m_window.get(), {goodFile, badFile});
    ImportPanel* panel = m_desk->panel();
    EXPECT_TRUE(m_desk->panelDock()->isVisible());
    ASSERT_EQ(panel->inputs().size(), 2);
    ASSERT_EQ(panel->fileList()->topLevelItemCount(), 2);
    EXPECT_EQ(panel->fileList()->topLevelItem(0)->text(1), QStringLiteral("jsonl"));

    // No model name: nothing can be checked yet.
    panel->modelNameEdit()->clear();
    EXPECT_FALSE(panel->checkButton()->isEnabled());
    QTest::keyClicks(panel->modelNameEdit(), QStringLiteral("drop-test"));
    ASSERT_TRUE(panel->checkButton()->isEnabled());
    QSignalSpy checked(panel, &ImportPanel::checked);
    QTest::mouseClick(panel->checkButton(), Qt::LeftButton);
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();

    const PreflightModel* rows = panel->preflight()->model();
    EXPECT_EQ(rows->count(Status::Ready), 5);
    EXPECT_EQ(rows->count(Status::UnknownAsset), 1);
    EXPECT_EQ(rows->count(Status::Invalid), 2); // car-06 and the malformed line
    bool sawCategoryProblem = false;
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->row(row).externalId == QLatin1String("car-06")) {
            EXPECT_EQ(rows->row(row).status, Status::Invalid);
            EXPECT_TRUE(rows->row(row).problem.contains(QStringLiteral("not a category")));
            sawCategoryProblem = true;
        }
    }
    EXPECT_TRUE(sawCategoryProblem);
    EXPECT_EQ(panel->uploadButton()->text(), QStringLiteral("&Upload 5 predictions"));
    // The unknown display name is offered for mapping.
    EXPECT_EQ(panel->mappingModel()->rowCount(), 1);

    // Selecting a ready row previews its asset with the prediction over the existing labels.
    PreflightView* preflight = panel->preflight();
    QSignalSpy shown(preflight, &PreflightView::previewShown);
    preflight->statusChooser()->setCurrentIndex(
        preflight->statusChooser()->findData(int(Status::Ready)));
    preflight->table()->setFocus();
    preflight->table()->selectRow(0);
    ASSERT_TRUE(shown.wait(15000));
    EXPECT_FALSE(preflight->previewAssetId().isEmpty());

    // The filter keeps one status.
    preflight->statusChooser()->setCurrentIndex(
        preflight->statusChooser()->findData(int(Status::UnknownAsset)));
    EXPECT_EQ(preflight->table()->model()->rowCount(), 1);

    QSignalSpy uploaded(panel, &ImportPanel::idle);
    QTest::mouseClick(panel->uploadButton(), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(uploaded)) << panel->statusText().toStdString();
    EXPECT_EQ(panel->report().created, 5) << panel->statusText().toStdString();
    const QList<Label> created = labelsOfModel(porsche(), cars(10), QStringLiteral("drop-test"));
    ASSERT_EQ(created.size(), 5);
    for (const Label& label : created) {
        EXPECT_EQ(label.jsonResponse.value(QStringLiteral("CLASSIFICATION_JOB"))
                      .toObject()
                      .value(QStringLiteral("categories"))
                      .toArray()
                      .at(0)
                      .toObject()
                      .value(QStringLiteral("name"))
                      .toString(),
                  QStringLiteral("TESLA"));
    }

    const QString reportPath = m_dir.filePath(QStringLiteral("report.json"));
    ASSERT_TRUE(panel->exportReport(reportPath));
    QFile reportFile(reportPath);
    ASSERT_TRUE(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(reportFile.readAll()).object();
    EXPECT_EQ(report.value(QStringLiteral("labelIds")).toArray().size(), 5);
    EXPECT_EQ(report.value(QStringLiteral("unknownIds")).toArray().at(0).toString(),
              QStringLiteral("car-99"));
    const QString csvPath = m_dir.filePath(QStringLiteral("report.csv"));
    ASSERT_TRUE(panel->exportReport(csvPath));
    QFile csv(csvPath);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csv.readAll().trimmed().split('\n');
    EXPECT_EQ(csvLines.value(0),
              QByteArrayLiteral("kind,externalId,file,line,job,message,labelId"));
    EXPECT_EQ(std::count_if(csvLines.cbegin(), csvLines.cend(),
                            [](const QByteArray& l) { return l.startsWith("created,"); }),
              5);
    EXPECT_TRUE(panel->exportButton()->isEnabled());

    // The summary links to the created predictions: the tree shows that model's PREDICTION
    // labels and selects the five new ones.
    ASSERT_FALSE(panel->createdLink()->isHidden());
    EXPECT_TRUE(panel->createdLink()->text().contains(QStringLiteral("5 predictions created")));
    Q_EMIT panel->createdLink()->linkActivated(QStringLiteral("#created"));
    AssetBrowser* browser = m_window->assetBrowser();
    QItemSelectionModel* selection = browser->view()->selectionModel();
    ASSERT_TRUE(QTest::qWaitFor([&] { return selection->selectedRows().size() == 5; }, 15000))
        << selection->selectedRows().size();
    for (const QModelIndex& index : selection->selectedRows()) {
        const Label* label = browser->model()->labelOf(index);
        ASSERT_NE(label, nullptr);
        EXPECT_TRUE(panel->report().labelIds.contains(label->id));
        EXPECT_EQ(label->modelName, QStringLiteral("drop-test"));
    }
    EXPECT_TRUE(browser->filterBar()->isLabelTypeChecked(LabelType::Prediction));
    EXPECT_FALSE(browser->filterBar()->isLabelTypeChecked(LabelType::Default));
    EXPECT_EQ(browser->filterBar()->query().modelName, QStringLiteral("drop-test"));

    // Undo deletes exactly what this import created.
    ASSERT_TRUE(panel->undoButton()->isEnabled());
    QSignalSpy undone(panel, &ImportPanel::idle);
    QTest::mouseClick(panel->undoButton(), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(undone));
    EXPECT_TRUE(labelsOfModel(porsche(), cars(10), QStringLiteral("drop-test")).isEmpty());
    EXPECT_TRUE(panel->createdLink()->isHidden());
    // The demo's own labels are untouched.
    EXPECT_FALSE(labelsOfModel(porsche(), cars(30), QStringLiteral("v0.0.1")).isEmpty());
}

namespace {

// A box of the street-objects demo project, its class and confidence.
QByteArray box(const QString& mid, const QString& name, int confidence, double x) {
    return QStringLiteral(
               R"({"mid":"%1","type":"rectangle","categories":[{"name":"%2","confidence":%3}],)"
               R"("boundingPoly":[{"normalizedVertices":[{"x":%4,"y":0.1},{"x":%4,"y":0.3},)"
               R"({"x":%5,"y":0.3},{"x":%5,"y":0.1}]}]})")
        .arg(mid, name)
        .arg(confidence)
        .arg(x)
        .arg(x + 0.1)
        .toUtf8();
}

QByteArray streetLine(const QString& externalId, const QList<QByteArray>& boxes) {
    QByteArray line = "{\"externalId\":\"" + externalId.toUtf8()
                      + "\",\"jsonResponse\":{\"OBJECT_DETECTION_JOB\":{\"annotations\":[";
    for (qsizetype i = 0; i < boxes.size(); ++i)
        line += (i ? "," : "") + boxes[i];
    return line + "]}}}\n";
}

} // namespace

TEST_F(ImportPanelTest, CategoryMappingAndMinimumConfidenceAreApplied) {
    const QString street = projectId(1);
    openProject(street);
    ASSERT_TRUE(m_window->currentProject().jsonInterface.contains(QStringLiteral("PEDESTRIAN")));
    // "auto" is the model's own class name for CAR; the pedestrian at 20 is below the minimum.
    const QString file = writeFile(
        QStringLiteral("street.jsonl"),
        streetLine(QStringLiteral("street-01"),
                   {box(QStringLiteral("a1"), QStringLiteral("auto"), 90, 0.1),
                    box(QStringLiteral("p1"), QStringLiteral("PEDESTRIAN"), 20, 0.5)})
            + streetLine(QStringLiteral("street-02"),
                         {box(QStringLiteral("a2"), QStringLiteral("auto"), 95, 0.2),
                          box(QStringLiteral("s2"), QStringLiteral("TRAFFIC_SIGN"), 70, 0.6)}));
    drop(m_window.get(), {file});
    ImportPanel* panel = m_desk->panel();
    panel->modelNameEdit()->setText(QStringLiteral("mapped-model"));
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(panel->preflight()->model()->count(Status::Invalid), 2);

    // Map "auto" → CAR in the mapping table, set a minimum of 50, save and check again.
    CategoryMappingModel* mapping = panel->mappingModel();
    ASSERT_EQ(mapping->rowCount(), 1);
    EXPECT_EQ(mapping->index(0, CategoryMappingModel::FileNameColumn).data().toString(),
              QStringLiteral("auto"));
    ASSERT_TRUE(mapping->setData(mapping->index(0, CategoryMappingModel::CategoryColumn),
                                 QStringLiteral("CAR")));
    panel->histogram()->thresholdEnabled()->setChecked(true);
    panel->histogram()->thresholdBox()->setValue(50);
    auto* save = panel->findChild<QPushButton*>(QStringLiteral("saveMappingAndCheck"));
    ASSERT_NE(save, nullptr);
    QTest::mouseClick(save, Qt::LeftButton);
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(panel->preflight()->model()->count(Status::Invalid), 0)
        << panel->statusText().toStdString();
    EXPECT_EQ(panel->preflight()->model()->count(Status::Ready), 2);
    EXPECT_TRUE(panel->statusText().contains(
        QStringLiteral("1 below the minimum confidence 50 dropped (1 annotation(s)")))
        << panel->statusText().toStdString();

    QSignalSpy uploaded(panel, &ImportPanel::idle);
    panel->upload();
    ASSERT_TRUE(waitIdle(uploaded)) << panel->statusText().toStdString();
    const QStringList streets{QStringLiteral("street-01"), QStringLiteral("street-02")};
    QHash<QString, QStringList> classesByAsset;
    for (const Asset& asset : serverAssets(street, streets)) {
        for (const Label& label : asset.labels) {
            if (label.modelName != QLatin1String("mapped-model"))
                continue;
            const QJsonArray boxes =
                label.jsonResponse.value(QStringLiteral("OBJECT_DETECTION_JOB"))
                    .toObject()
                    .value(QStringLiteral("annotations"))
                    .toArray();
            for (const QJsonValue& annotation : boxes)
                classesByAsset[asset.externalId]
                    << annotation[QStringLiteral("categories")][0][QStringLiteral("name")]
                           .toString();
        }
    }
    EXPECT_EQ(classesByAsset.value(QStringLiteral("street-01")),
              QStringList{QStringLiteral("CAR")});
    EXPECT_EQ(classesByAsset.value(QStringLiteral("street-02")),
              (QStringList{QStringLiteral("CAR"), QStringLiteral("TRAFFIC_SIGN")}));
    // The mapping is kept for the project.
    EXPECT_EQ(predictions::ImportSettingsStore(street).categoryMapping().value(
                  QStringLiteral("OBJECT_DETECTION_JOB")),
              (QHash<QString, QString>{{QStringLiteral("auto"), QStringLiteral("CAR")}}));
}

// The panel used to get a third of the right column beside the preview and label docks, which
// left three rows of the pre-flight table visible: it now shares the label's place and gets
// most of the column's height and half the window's width the first time it is shown.
TEST_F(ImportPanelTest, PanelGetsRoomToBeReadWhenShown) {
    openProject(porsche());
    m_desk->showImport();
    QTest::qWait(50);
    QCoreApplication::processEvents();
    QDockWidget* dock = m_desk->panelDock();
    // Half of a 1400-pixel window, less what the projects' titles and the tree's filters keep.
    EXPECT_GE(dock->width(), 520) << dock->width();
    EXPECT_GE(dock->height(), m_window->height() / 2) << dock->height();
    EXPECT_GE(m_desk->panel()->preflight()->table()->height(), 120)
        << m_desk->panel()->preflight()->table()->height();
    // The settings are never squeezed under their own size.
    EXPECT_GE(m_desk->panel()->overwriteExplanation()->height(),
              m_desk->panel()->overwriteExplanation()->minimumSizeHint().height());
}

TEST_F(ImportPanelTest, ModelNameIsRememberedPerProject) {
    openProject(porsche());
    ImportPanel* panel = m_desk->panel();
    panel->addInputs({writeFile(QStringLiteral("one.jsonl"),
                                line(QStringLiteral("car-01"), QStringLiteral("PORSCHE"), 90))});
    panel->modelNameEdit()->setText(QStringLiteral("remembered-model"));
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000));

    ImportPanel later(m_connection.get());
    later.setProject(m_window->currentProject());
    EXPECT_EQ(later.modelNameEdit()->text(), QStringLiteral("remembered-model"));
}

class SlowImportPanelTest : public kili::testing::ImportWindowTest {
protected:
    void configure(sandbox::SandboxOptions& options) override { options.latencyMs = 400; }
};

TEST_F(SlowImportPanelTest, CancelThenResumeAtTheNextStartCreatesEachLabelOnce) {
    openProject(porsche());
    QByteArray all;
    for (const QString& id : cars(30))
        all += line(id, QStringLiteral("PORSCHE"), 66);
    ImportPanel* panel = m_desk->panel();
    panel->addInputs({writeFile(QStringLiteral("all.jsonl"), all)});
    panel->modelNameEdit()->setText(QStringLiteral("resume-test"));
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    ASSERT_EQ(panel->preflight()->model()->count(Status::Ready), 30);

    QSignalSpy cancelled(panel, &ImportPanel::idle);
    panel->upload();
    ASSERT_TRUE(panel->cancelButton()->isEnabled());
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(cancelled));
    EXPECT_GT(panel->report().remaining, 0) << panel->statusText().toStdString();
    EXPECT_FALSE(panel->resumableImports().isEmpty());
    // Right after Cancel, in this window: Resume is offered, and no terminal command is.
    EXPECT_FALSE(panel->resumeButton()->isHidden());
    EXPECT_FALSE(panel->statusText().contains(QStringLiteral("kili-desk-cli")))
        << panel->statusText().toStdString();
    EXPECT_TRUE(panel->statusText().contains(QStringLiteral("Resume")))
        << panel->statusText().toStdString();

    // The next start: a fresh panel offers the interrupted import.
    ImportPanel next(m_connection.get());
    next.setProject(m_window->currentProject());
    ASSERT_EQ(next.resumableImports().size(), 1);
    EXPECT_FALSE(next.resumeButton()->isHidden());
    QSignalSpy resumed(&next, &ImportPanel::idle);
    QTest::mouseClick(next.resumeButton(), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(resumed)) << next.statusText().toStdString();
    EXPECT_EQ(next.report().remaining, 0) << next.statusText().toStdString();
    EXPECT_TRUE(next.resumableImports().isEmpty());
    EXPECT_EQ(labelsOfModel(porsche(), cars(30), QStringLiteral("resume-test")).size(), 30);
}

TEST_F(ImportPanelTest, CopiesSelectedLabelsAsPredictions) {
    openProject(porsche());
    AssetLabelModel* model = m_window->assetBrowser()->model();
    AssetTreeView* view = m_window->assetBrowser()->view();
    // The DEFAULT label of the first two assets.
    QItemSelection selection;
    QList<QJsonObject> expected;
    for (int row = 0; row < 2; ++row) {
        const QModelIndex asset = model->index(row, 0);
        for (int child = 0; child < model->rowCount(asset); ++child) {
            const QModelIndex label = model->index(child, 0, asset);
            if (model->labelOf(label)->labelType == LabelType::Default) {
                selection.select(label, label);
                expected << model->labelOf(label)->jsonResponse;
                break;
            }
        }
    }
    ASSERT_EQ(expected.size(), 2);
    view->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QList<OutgoingPrediction> responses = m_desk->selectedLabelResponses();
    ASSERT_EQ(responses.size(), 2);

    QToolButton* predictions =
        m_window->assetBrowser()->filterBar()->labelTypeButton(LabelType::Prediction);
    const QString countBefore = predictions->text();
    QSignalSpy copied(m_desk, &ImportDesk::copied);
    ASSERT_TRUE(m_desk->copyAsPrediction(responses, QStringLiteral("copied")));
    ASSERT_TRUE(copied.wait(15000));
    EXPECT_TRUE(copied.at(0).at(0).toBool()) << copied.at(0).at(1).toString().toStdString();
    const QList<Label> labels = labelsOfModel(porsche(), cars(2), QStringLiteral("copied"));
    ASSERT_EQ(labels.size(), 2);
    for (const Label& label : labels)
        EXPECT_TRUE(expected.contains(label.jsonResponse));
    // The counts say what the copy changed, without a Reload.
    EXPECT_TRUE(QTest::qWaitFor([&] { return predictions->text() != countBefore; }, 10000))
        << "the PREDICTION count stayed " << countBefore.toStdString() << " after the copy";

    // The same copy again goes through the plan: both are there already, nothing is sent.
    ASSERT_TRUE(m_desk->copyAsPrediction(responses, QStringLiteral("copied")));
    ASSERT_TRUE(copied.wait(15000));
    EXPECT_TRUE(copied.at(1).at(1).toString().contains(QStringLiteral("there already")))
        << copied.at(1).at(1).toString().toStdString();
    EXPECT_EQ(labelsOfModel(porsche(), cars(2), QStringLiteral("copied")).size(), 2)
        << "copying the same labels twice created them twice";
}

// The panel and the form are taller than a small screen leaves them: they scroll, and showing
// them never forces the window beyond the screen (on 1366×768 Upload used to be off-screen).
TEST_F(ImportPanelTest, ShowingThePanelOrTheFormKeepsTheWindowOnTheScreen) {
    openProject(porsche());
    const QRect available = m_window->screen()->availableGeometry();
    m_window->resize(available.size());
    m_desk->showImport();
    QCoreApplication::processEvents();
    EXPECT_LE(m_window->minimumSizeHint().height(), available.height())
        << "the import panel forces a window taller than the screen";
    EXPECT_LE(m_window->height(), available.height());
    EXPECT_FALSE(m_desk->panel()->uploadButton()->visibleRegion().isEmpty())
        << "Upload is out of sight: the panel's buttons must stay visible when it scrolls";
    // On a 1366 × 768 screen the panel takes its width from the docks, not from the titles.
    m_window->resize(QSize(1366, 768).boundedTo(available.size()));
    QCoreApplication::processEvents();
    auto* projects = m_window->findChild<QTableView*>(QStringLiteral("projectTable"));
    ASSERT_NE(projects, nullptr);
    EXPECT_GE(projects->columnWidth(0), 80) // about ten characters of a title
        << "the import panel squeezed the project titles to " << projects->columnWidth(0)
        << " px (window " << m_window->width() << " px wide)";
    m_desk->formDock()->show();
    QCoreApplication::processEvents();
    EXPECT_LE(m_window->minimumSizeHint().height(), available.height())
        << "the prediction form forces a window taller than the screen";
    EXPECT_LE(m_window->height(), available.height());
}

// A failure the person must act on reaches the window's error bar with a Retry that does the
// right thing: here every upload request fails, then Retry resumes the import once the server is
// well again — each prediction created once.
TEST_F(ImportPanelTest, AFailedUploadIsInTheErrorBarAndRetryResumesIt) {
    openProject(porsche());
    api::RetryPolicy fast;
    fast.initialBackoff = std::chrono::milliseconds(5);
    fast.maxBackoff = std::chrono::milliseconds(10);
    fast.maxRetries = 1;
    m_connection->setRetryPolicy(fast);
    ImportPanel* panel = m_desk->panel();
    QByteArray lines;
    for (const char* car : {"car-01", "car-02", "car-03"})
        lines += line(QString::fromUtf8(car), QStringLiteral("TESLA"), 80);
    panel->addInputs({writeFile(QStringLiteral("three.jsonl"), lines)});
    panel->modelNameEdit()->setText(QStringLiteral("retried"));
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000));
    ASSERT_TRUE(panel->uploadButton()->isEnabled()) << panel->statusText().toStdString();

    m_server->faults().setFailRate(1.0);
    QSignalSpy idle(panel, &ImportPanel::idle);
    panel->upload();
    ASSERT_TRUE(idle.wait(30000));
    ErrorBar* bar = m_window->errorBar();
    EXPECT_TRUE(bar->message().contains(QStringLiteral("were not sent")))
        << bar->message().toStdString();
    ASSERT_TRUE(bar->canRetry());

    m_server->faults().setFailRate(0);
    EXPECT_EQ(labelsOfModel(porsche(), cars(3), QStringLiteral("retried")).size(), 0);
    bar->retry();
    ASSERT_TRUE(idle.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(labelsOfModel(porsche(), cars(3), QStringLiteral("retried")).size(), 3)
        << panel->statusText().toStdString();
}
