// A COCO results list dropped on the desk: the panel asks for the dataset that names its images
// and categories (once per project: the choice is remembered), then plans it like any file.
#include "importfixture.h"
#include "predictions/importsettingsstore.h"
#include "ui/import/importpanel.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace kili;
using namespace kili::ui;
using Status = PreflightRow::Status;

namespace {

const char* const kDataset = R"({
  "images": [{"id": 1, "file_name": "street-01.png", "width": 640, "height": 480},
             {"id": 2, "file_name": "street-02.png", "width": 1280, "height": 720}],
  "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "Traffic sign"}],
  "annotations": []
})";
const char* const kResults = R"([
  {"image_id": 1, "category_id": 1, "bbox": [64, 48, 128, 96], "score": 0.9},
  {"image_id": 2, "category_id": 2, "bbox": [0, 0, 128, 72], "score": 0.7}
])";

class CocoImportTest : public kili::testing::ImportWindowTest {
protected:
    QString streetObjects() const { return projectId(1); }
};

} // namespace

TEST_F(CocoImportTest, AResultsListAsksForItsDatasetOnceAndIsPlanned) {
    openProject(streetObjects());
    ImportPanel* panel = m_desk->panel();
    const QString dataset = writeFile(QStringLiteral("instances.json"), kDataset);
    int asked = 0;
    QString answer; // declined first
    panel->setCocoDatasetChooser([&](QWidget*) {
        ++asked;
        return answer;
    });
    kili::testing::drop(m_window.get(), {writeFile(QStringLiteral("detections.json"), kResults)});
    ASSERT_EQ(panel->fileList()->topLevelItemCount(), 1);
    EXPECT_EQ(panel->fileList()->topLevelItem(0)->text(1), QStringLiteral("COCO results"));
    panel->modelNameEdit()->setText(QStringLiteral("coco-model"));

    // declined: checked all the same, and the table says what the file lacks
    QSignalSpy checked(panel, &ImportPanel::checked);
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(asked, 1);
    const PreflightModel* rows = panel->preflight()->model();
    ASSERT_EQ(rows->count(Status::Invalid), 1);
    EXPECT_TRUE(rows->row(0).problem.contains(QStringLiteral("--coco-dataset")))
        << rows->row(0).problem.toStdString();

    answer = dataset;
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(asked, 2);
    EXPECT_EQ(panel->preflight()->model()->count(Status::Ready), 2)
        << panel->statusText().toStdString();
    EXPECT_EQ(predictions::ImportSettingsStore(streetObjects()).cocoDataset(), dataset);

    // remembered for the project: not asked again
    panel->check();
    ASSERT_TRUE(checked.wait(30000)) << panel->statusText().toStdString();
    EXPECT_EQ(asked, 2);
}
