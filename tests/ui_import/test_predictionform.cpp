// The "New prediction" form: exactly the expected jsonResponse for each mlTask, the pipeline's
// checks as you type, and a submit that lands on the sandbox.
#include "importfixture.h"
#include "predictions/importjournal.h"
#include "ui/errorbar.h"
#include "ui/import/drawingcanvas.h"
#include "ui/import/jobeditors.h"
#include "ui/import/predictionform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>

using namespace kili;
using namespace kili::ui;

namespace {

const char* const kInterface = R"({"jobs":{
  "CLASSIF":{"mlTask":"CLASSIFICATION","required":1,"isChild":false,"instruction":"Kind",
    "content":{"input":"radio","categories":{"A":{"name":"Alpha","children":["SUB"]},"B":{"name":"Beta","children":[]}}}},
  "SUB":{"mlTask":"CLASSIFICATION","isChild":true,"content":{"input":"checkbox","categories":{"X":{"name":"X"},"Y":{"name":"Y"}}}},
  "MULTI":{"mlTask":"CLASSIFICATION","isChild":false,"content":{"input":"checkbox","categories":{"P":{"name":"P"},"Q":{"name":"Q"}}}},
  "TEXT":{"mlTask":"TRANSCRIPTION","isChild":false,"content":{"input":"textField"}},
  "WHEN":{"mlTask":"TRANSCRIPTION","isChild":false,"content":{"input":"date"}},
  "DET":{"mlTask":"OBJECT_DETECTION","tools":["rectangle","polygon","marker","polyline"],"isChild":false,
    "content":{"input":"radio","categories":{"CAR":{"name":"Car"},"SIGN":{"name":"Sign"}}}},
  "NER":{"mlTask":"NAMED_ENTITIES_RECOGNITION","isChild":false,"content":{"input":"radio","categories":{"ORG":{"name":"Org"}}}}
}})";

// Keyboard, as a person without a mouse would: focus and Space.
void press(QAbstractButton* button) {
    ASSERT_NE(button, nullptr);
    button->setFocus();
    QTest::keyClick(button, Qt::Key_Space);
}

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

class PredictionFormTest : public ::testing::Test {
protected:
    void SetUp() override {
        Project project;
        project.id = QStringLiteral("project-under-test");
        project.inputType = QStringLiteral("IMAGE");
        project.jsonInterface = QString::fromUtf8(kInterface);
        m_form.setProject(project);
        m_form.show();
    }

    template <typename T> T* widget(const QString& name) {
        T* found = m_form.findChild<T*>(name);
        EXPECT_NE(found, nullptr) << name.toStdString();
        return found;
    }

    api::Connection m_connection{QUrl(QStringLiteral("http://127.0.0.1:9/graphql")),
                                 QStringLiteral("k")};
    PredictionForm m_form{&m_connection};
};

} // namespace

TEST_F(PredictionFormTest, EmptyFormAnswersNothing) {
    EXPECT_TRUE(m_form.response().isEmpty());
    EXPECT_FALSE(m_form.submitButton()->isEnabled());
    // Relations and the like are said to be unsupported, not silently dropped: here all are known.
    EXPECT_NE(m_form.editor(QStringLiteral("CLASSIF")), nullptr);
    EXPECT_EQ(m_form.editor(QStringLiteral("SUB"))->parentWidget()->isEnabled(), false);
}

TEST_F(PredictionFormTest, RadioClassificationWithConfidenceAndNestedChild) {
    press(widget<QRadioButton>(QStringLiteral("CLASSIF/A")));
    widget<QSpinBox>(QStringLiteral("CLASSIF/A/confidence"))->setValue(87);
    widget<QCheckBox>(QStringLiteral("SUB/Y"))->setChecked(true);
    widget<QSpinBox>(QStringLiteral("SUB/Y/confidence"))->setValue(42);
    EXPECT_EQ(m_form.response(), json(R"({"CLASSIF":{"categories":[{"name":"A","confidence":87,
        "children":{"SUB":{"categories":[{"name":"Y","confidence":42}]}}}]}})"));
    // One choice only: B replaces A (and A's children with it).
    widget<QRadioButton>(QStringLiteral("CLASSIF/B"))->setChecked(true);
    EXPECT_EQ(m_form.response(),
              json(R"({"CLASSIF":{"categories":[{"name":"B","confidence":100}]}})"));
    EXPECT_TRUE(m_form.problems().isEmpty());
    EXPECT_TRUE(m_form.jsonPreview()->toPlainText().contains(QStringLiteral("\"B\"")));
}

TEST_F(PredictionFormTest, CheckboxClassificationTakesSeveral) {
    widget<QCheckBox>(QStringLiteral("MULTI/P"))->setChecked(true);
    widget<QCheckBox>(QStringLiteral("MULTI/Q"))->setChecked(true);
    widget<QSpinBox>(QStringLiteral("MULTI/Q/confidence"))->setValue(5);
    EXPECT_EQ(m_form.response(), json(R"({"MULTI":{"categories":[{"name":"P","confidence":100},
        {"name":"Q","confidence":5}]}})"));
}

TEST_F(PredictionFormTest, TranscriptionsAndTheDateCheckAsYouType) {
    QTest::keyClicks(widget<QLineEdit>(QStringLiteral("TEXT/text")), QStringLiteral("AB-123"));
    QTest::keyClicks(widget<QLineEdit>(QStringLiteral("WHEN/text")), QStringLiteral("2024-13-45"));
    EXPECT_EQ(m_form.response(),
              json(R"({"TEXT":{"text":"AB-123"},"WHEN":{"text":"2024-13-45"}})"));
    ASSERT_FALSE(m_form.problems().isEmpty());
    EXPECT_EQ(m_form.problems().first().job, QStringLiteral("WHEN"));
    EXPECT_TRUE(m_form.problemsLabel()->text().contains(QStringLiteral("WHEN")));
    auto* date = widget<QLineEdit>(QStringLiteral("WHEN/text"));
    date->clear();
    QTest::keyClicks(date, QStringLiteral("2024-02-29"));
    EXPECT_TRUE(m_form.problems().isEmpty()) << m_form.problemsLabel()->text().toStdString();
}

TEST_F(PredictionFormTest, ObjectDetectionFromTypedCoordinates) {
    auto* editor = qobject_cast<ObjectDetectionEditor*>(m_form.editor(QStringLiteral("DET")));
    ASSERT_NE(editor, nullptr);
    QTest::mouseClick(widget<QPushButton>(QStringLiteral("DET/add")), Qt::LeftButton);
    widget<QSpinBox>(QStringLiteral("DET/confidence/0"))->setValue(90);
    QTest::keyClicks(widget<QLineEdit>(QStringLiteral("DET/points/0")),
                     QStringLiteral("0.5 0.25, 0.75 0.5"));
    editor->addRow();
    widget<QComboBox>(QStringLiteral("DET/category/1"))->setCurrentIndex(1);
    widget<QComboBox>(QStringLiteral("DET/tool/1"))->setCurrentText(QStringLiteral("marker"));
    widget<QLineEdit>(QStringLiteral("DET/points/1"))->setText(QStringLiteral("0.1 0.2"));
    editor->addRow();
    widget<QComboBox>(QStringLiteral("DET/tool/2"))->setCurrentText(QStringLiteral("polygon"));
    widget<QLineEdit>(QStringLiteral("DET/points/2"))->setText(QStringLiteral("0 0; 1 0; 1 1"));
    editor->addRow();
    widget<QComboBox>(QStringLiteral("DET/tool/3"))->setCurrentText(QStringLiteral("polyline"));
    widget<QLineEdit>(QStringLiteral("DET/points/3"))->setText(QStringLiteral("0.25 0.5 0.5 0.75"));
    EXPECT_EQ(m_form.response(), json(R"({"DET":{"annotations":[
      {"type":"rectangle","boundingPoly":[{"normalizedVertices":[{"x":0.5,"y":0.5},{"x":0.5,"y":0.25},
        {"x":0.75,"y":0.25},{"x":0.75,"y":0.5}]}],"categories":[{"name":"CAR","confidence":90}]},
      {"type":"marker","point":{"x":0.1,"y":0.2},"categories":[{"name":"SIGN","confidence":100}]},
      {"type":"polygon","boundingPoly":[{"normalizedVertices":[{"x":0,"y":0},{"x":1,"y":0},{"x":1,"y":1}]}],
        "categories":[{"name":"CAR","confidence":100}]},
      {"type":"polyline","polyline":[{"x":0.25,"y":0.5},{"x":0.5,"y":0.75}],
        "categories":[{"name":"CAR","confidence":100}]}]}})"));
    EXPECT_TRUE(m_form.problems().isEmpty()) << m_form.problemsLabel()->text().toStdString();

    // A vertex outside [0, 1] is caught by the pipeline's checks.
    widget<QLineEdit>(QStringLiteral("DET/points/2"))->setText(QStringLiteral("0 0; 1.5 0; 1 1"));
    EXPECT_FALSE(m_form.problems().isEmpty());
}

TEST_F(PredictionFormTest, NamedEntities) {
    QTest::mouseClick(widget<QPushButton>(QStringLiteral("NER/add")), Qt::LeftButton);
    widget<QSpinBox>(QStringLiteral("NER/begin/0"))->setValue(159);
    widget<QSpinBox>(QStringLiteral("NER/end/0"))->setValue(164);
    widget<QLineEdit>(QStringLiteral("NER/content/0"))->setText(QStringLiteral("KBDFR"));
    widget<QSpinBox>(QStringLiteral("NER/confidence/0"))->setValue(77);
    EXPECT_EQ(m_form.response(), json(R"({"NER":{"annotations":[{"beginOffset":159,"endOffset":164,
        "content":"KBDFR","categories":[{"name":"ORG","confidence":77}]}]}})"));
    EXPECT_TRUE(m_form.problems().isEmpty()) << m_form.problemsLabel()->text().toStdString();
}

// Shapes drawn with the mouse on the image become rows of the object-detection job, with
// exactly the vertices under the pointer. The canvas has the image's aspect ratio, so the image
// fills it and pixel (40, 50) of 400 × 200 is (0.1, 0.25).
TEST_F(PredictionFormTest, DrawnShapesBecomeAnnotationsWithTheVerticesUnderThePointer) {
    ASSERT_TRUE(m_form.drawingBox()->isVisible());
    DrawingCanvas* canvas = m_form.drawingCanvas();
    QImage image(800, 400, QImage::Format_RGB32);
    image.fill(Qt::darkGray);
    canvas->setImage(image);
    canvas->setFixedSize(400, 200);
    QCoreApplication::processEvents();
    ASSERT_EQ(canvas->size(), QSize(400, 200));
    ASSERT_EQ(m_form.drawJobChooser()->currentData().toString(), QStringLiteral("DET"));
    QComboBox* tool = m_form.drawToolChooser();
    EXPECT_EQ(tool->count(), 4); // rectangle, polygon, marker, polyline

    // A rectangle dragged from (40, 50) to (120, 150), drawn as a SIGN.
    tool->setCurrentIndex(tool->findText(QStringLiteral("rectangle")));
    m_form.drawCategoryChooser()->setCurrentIndex(
        m_form.drawCategoryChooser()->findData(QStringLiteral("SIGN")));
    QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(40, 50));
    QTest::mouseMove(canvas, QPoint(80, 100));
    QTest::mouseMove(canvas, QPoint(120, 150));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(120, 150));
    // A click is not a rectangle.
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(300, 100));

    // A polygon of three clicks, finished with Enter.
    m_form.drawCategoryChooser()->setCurrentIndex(
        m_form.drawCategoryChooser()->findData(QStringLiteral("CAR")));
    tool->setCurrentIndex(tool->findText(QStringLiteral("polygon")));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(200, 20));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(360, 20));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(280, 180));
    EXPECT_EQ(canvas->pendingPoints().size(), 3);
    QTest::keyClick(canvas, Qt::Key_Return);
    EXPECT_TRUE(canvas->pendingPoints().isEmpty());

    // A point, one click; a polyline of two clicks finished with a right click; a polyline
    // begun and cancelled with Escape leaves nothing.
    tool->setCurrentIndex(tool->findText(QStringLiteral("marker")));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(100, 100));
    tool->setCurrentIndex(tool->findText(QStringLiteral("polyline")));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(40, 180));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(360, 20));
    QTest::mouseClick(canvas, Qt::RightButton, {}, QPoint(360, 20));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(10, 10));
    QTest::keyClick(canvas, Qt::Key_Escape);

    EXPECT_EQ(m_form.response(), json(R"({"DET":{"annotations":[
        {"type":"rectangle","boundingPoly":[{"normalizedVertices":[
            {"x":0.1,"y":0.75},{"x":0.1,"y":0.25},{"x":0.3,"y":0.25},{"x":0.3,"y":0.75}]}],
         "categories":[{"name":"SIGN","confidence":100}]},
        {"type":"polygon","boundingPoly":[{"normalizedVertices":[
            {"x":0.5,"y":0.1},{"x":0.9,"y":0.1},{"x":0.7,"y":0.9}]}],
         "categories":[{"name":"CAR","confidence":100}]},
        {"type":"marker","point":{"x":0.25,"y":0.5},
         "categories":[{"name":"CAR","confidence":100}]},
        {"type":"polyline","polyline":[{"x":0.1,"y":0.9},{"x":0.9,"y":0.1}],
         "categories":[{"name":"CAR","confidence":100}]}]}})"))
        << QJsonDocument(m_form.response()).toJson().toStdString();
    EXPECT_TRUE(m_form.problems().isEmpty()) << m_form.problemsLabel()->text().toStdString();
    // The rows can still be corrected by typing.
    EXPECT_EQ(widget<QLineEdit>(QStringLiteral("DET/points/0"))->text(),
              QStringLiteral("0.1 0.25, 0.3 0.75"));
    // What the form holds is drawn over the image.
    EXPECT_EQ(canvas->layers().size(), 1);
}

TEST(DrawingCanvasTest, PositionsOutsideTheImageAreClampedAndRounded) {
    DrawingCanvas canvas;
    QImage image(100, 100, QImage::Format_RGB32);
    image.fill(Qt::white);
    canvas.setImage(image);
    canvas.resize(360, 120); // the image is centred: x from 120 to 240
    ASSERT_EQ(canvas.size(), QSize(360, 120));
    EXPECT_EQ(canvas.toImage(QPointF(180, 60)), QPointF(0.5, 0.5));
    EXPECT_EQ(canvas.toImage(QPointF(110, 130)), QPointF(0, 1));
    EXPECT_EQ(canvas.toImage(QPointF(160, 0)), QPointF(0.3333, 0));
    // A press beside the image starts nothing.
    QSignalSpy drawn(&canvas, &DrawingCanvas::shapeDrawn);
    canvas.setTool(QStringLiteral("marker"));
    canvas.show();
    QTest::mouseClick(&canvas, Qt::LeftButton, {}, QPoint(50, 50));
    EXPECT_EQ(drawn.count(), 0);
    QTest::mouseClick(&canvas, Qt::LeftButton, {}, QPoint(210, 30));
    ASSERT_EQ(drawn.count(), 1);
    EXPECT_EQ(drawn.at(0).at(1).value<QList<QPointF>>(), QList<QPointF>{QPointF(0.75, 0.25)});
}

class PredictionFormSubmitTest : public kili::testing::ImportWindowTest {};

TEST_F(PredictionFormSubmitTest, SubmitCreatesThePredictionOnEverySelectedAsset) {
    openProject(porsche());
    const QList<Asset> assets = serverAssets(porsche(), cars(2));
    ASSERT_EQ(assets.size(), 2);
    m_desk->showNewPrediction();
    PredictionForm* form = m_desk->form();
    form->setAssets(assets);
    press(form->findChild<QRadioButton*>(QStringLiteral("CLASSIFICATION_JOB/TESLA")));
    form->findChild<QSpinBox*>(QStringLiteral("CLASSIFICATION_JOB/TESLA/confidence"))->setValue(64);
    form->modelNameEdit()->setText(QStringLiteral("typed-by-hand"));
    ASSERT_TRUE(form->submitButton()->isEnabled()) << form->problemsLabel()->text().toStdString();
    QSignalSpy submitted(form, &PredictionForm::submitted);
    QTest::mouseClick(form->submitButton(), Qt::LeftButton);
    ASSERT_TRUE(submitted.wait(15000));
    EXPECT_TRUE(submitted.at(0).at(0).toBool()) << submitted.at(0).at(1).toString().toStdString();
    const QList<Label> labels = labelsOfModel(porsche(), cars(2), QStringLiteral("typed-by-hand"));
    ASSERT_EQ(labels.size(), 2);
    for (const Label& label : labels)
        EXPECT_EQ(
            label.jsonResponse,
            json(R"({"CLASSIFICATION_JOB":{"categories":[{"name":"TESLA","confidence":64}]}})"));

    // Submit again: the pipeline finds both already there and sends nothing.
    QTest::mouseClick(form->submitButton(), Qt::LeftButton);
    ASSERT_TRUE(submitted.wait(15000));
    EXPECT_TRUE(submitted.at(1).at(0).toBool()) << submitted.at(1).at(1).toString().toStdString();
    EXPECT_TRUE(submitted.at(1).at(1).toString().contains(QStringLiteral("already had")))
        << submitted.at(1).at(1).toString().toStdString();
    EXPECT_EQ(labelsOfModel(porsche(), cars(2), QStringLiteral("typed-by-hand")).size(), 2)
        << "a second Submit of the same prediction created it twice";
}

// The form's predictions are checked by the import pipeline before anything is sent, and the
// submit is an import with a journal (so it can be resumed and undone like a file's).
TEST_F(PredictionFormSubmitTest, ASubmitIsAnImportWithAJournal) {
    openProject(porsche());
    const QList<Asset> assets = serverAssets(porsche(), cars(1));
    ASSERT_EQ(assets.size(), 1);
    m_desk->showNewPrediction();
    PredictionForm* form = m_desk->form();
    form->setAssets(assets);
    press(form->findChild<QRadioButton*>(QStringLiteral("CLASSIFICATION_JOB/PORSCHE")));
    form->modelNameEdit()->setText(QStringLiteral("journalled"));
    QSignalSpy submitted(form, &PredictionForm::submitted);
    QTest::mouseClick(form->submitButton(), Qt::LeftButton);
    ASSERT_TRUE(submitted.wait(15000));
    ASSERT_TRUE(submitted.at(0).at(0).toBool()) << submitted.at(0).at(1).toString().toStdString();
    bool found = false;
    for (const predictions::JournalSummary& summary : predictions::ImportJournal::list())
        found = found
                || (summary.modelName == QStringLiteral("journalled") && summary.created == 1
                    && summary.state == QStringLiteral("complete"));
    EXPECT_TRUE(found) << "the form's submit left no journal";
}

namespace {

Asset assetNamed(const char* id, const char* externalId) {
    Asset asset;
    asset.id = QString::fromUtf8(id);
    asset.externalId = QString::fromUtf8(externalId);
    return asset;
}

} // namespace

// A box drawn on street-07 must never be submitted on street-01: selecting other assets clears
// the shapes and spans (positions belong to one asset) and says so; classifications stay.
TEST_F(PredictionFormTest, ShapesOfOneAssetAreNotKeptForAnother) {
    m_form.setAssets({assetNamed("a7", "street-07")});
    QTest::mouseClick(widget<QPushButton>(QStringLiteral("DET/add")), Qt::LeftButton);
    widget<QLineEdit>(QStringLiteral("DET/points/0"))->setText(QStringLiteral("0.1 0.1, 0.2 0.2"));
    QTest::mouseClick(widget<QPushButton>(QStringLiteral("NER/add")), Qt::LeftButton);
    widget<QSpinBox>(QStringLiteral("NER/end/0"))->setValue(4);
    widget<QLineEdit>(QStringLiteral("NER/content/0"))->setText(QStringLiteral("Kili"));
    press(widget<QRadioButton>(QStringLiteral("CLASSIF/A")));
    ASSERT_TRUE(m_form.response().contains(QStringLiteral("DET")));

    m_form.setAssets({assetNamed("a7", "street-07")}); // the same asset again: nothing changes
    EXPECT_TRUE(m_form.response().contains(QStringLiteral("DET")));

    m_form.setAssets({assetNamed("a1", "street-01")});
    EXPECT_FALSE(m_form.response().contains(QStringLiteral("DET")))
        << "the box drawn on street-07 would be submitted on street-01";
    EXPECT_FALSE(m_form.response().contains(QStringLiteral("NER")));
    EXPECT_TRUE(m_form.response().contains(QStringLiteral("CLASSIF")));
    EXPECT_TRUE(m_form.resultLabel()->text().contains(QStringLiteral("street-07")))
        << m_form.resultLabel()->text().toStdString();
}

// A Submit that creates nothing is an error the person must act on: it reaches the window's
// error bar (not an 8-second status line), saying why.
TEST_F(PredictionFormSubmitTest, AFailedSubmitIsInTheErrorBar) {
    openProject(porsche());
    m_desk->showNewPrediction();
    PredictionForm* form = m_desk->form();
    Asset gone;
    gone.id = QStringLiteral("no-such-asset");
    gone.externalId = QStringLiteral("deleted-meanwhile");
    form->setAssets({gone});
    press(form->findChild<QRadioButton*>(QStringLiteral("CLASSIFICATION_JOB/TESLA")));
    form->modelNameEdit()->setText(QStringLiteral("failing"));
    QSignalSpy submitted(form, &PredictionForm::submitted);
    QTest::mouseClick(form->submitButton(), Qt::LeftButton);
    ASSERT_TRUE(submitted.wait(15000));
    EXPECT_FALSE(submitted.at(0).at(0).toBool());
    const QString message = m_window->errorBar()->message();
    EXPECT_TRUE(message.contains(QStringLiteral("no-such-asset"))) << message.toStdString();
    EXPECT_TRUE(m_window->errorBar()->canRetry());
}
