// What the import panel shows is always about the files it lists: a drop checks at once (or asks
// for the model name first), Clear and a new file forget the previous plan, a saved mapping does
// not claim that a clean file has unknown names, and the Problem column starts with the sentence.
#include "importfixture.h"
#include "predictions/importsettingsstore.h"
#include "ui/import/importhistoryview.h"
#include "ui/import/importpanel.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>
#include <gmock/gmock.h>

using namespace kili;
using namespace kili::ui;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Status = PreflightRow::Status;

namespace {

QByteArray line(const QString& externalId, const QString& category) {
    return QStringLiteral(R"({"externalId":"%1","jsonResponse":{"CLASSIFICATION_JOB":)"
                          R"({"categories":[{"name":"%2","confidence":80}]}}})")
               .arg(externalId, category)
               .toUtf8()
           + '\n';
}

class ImportPanelState : public kili::testing::ImportWindowTest {
protected:
    ImportPanel* panel() const { return m_desk->panel(); }

    QString file(const QString& name, int count,
                 const QString& category = QStringLiteral("TESLA")) {
        QByteArray lines;
        for (const QString& id : cars(count))
            lines += line(id, category);
        return writeFile(name, lines);
    }

    void checkNow() {
        QSignalSpy checked(panel(), &ImportPanel::checked);
        panel()->check();
        ASSERT_TRUE(checked.wait(30000)) << panel()->statusText().toStdString();
    }
};

TEST_F(ImportPanelState, ADropAsksForTheModelNameThenEnterChecks) {
    openProject(porsche());
    panel()->modelNameEdit()->clear();
    kili::testing::drop(m_window.get(), {file(QStringLiteral("three.jsonl"), 3)});
    EXPECT_THAT(panel()->statusText().toStdString(), HasSubstr("Which model made these"));
    EXPECT_TRUE(panel()->modelNameEdit()->hasFocus() || !m_window->isActiveWindow())
        << "the model name field should take the focus";
    QSignalSpy checked(panel(), &ImportPanel::checked);
    QTest::keyClicks(panel()->modelNameEdit(), QStringLiteral("resnet"));
    QTest::keyClick(panel()->modelNameEdit(), Qt::Key_Return);
    ASSERT_TRUE(checked.wait(30000)) << panel()->statusText().toStdString();
    EXPECT_EQ(panel()->preflight()->model()->count(Status::Ready), 3);
}

TEST_F(ImportPanelState, ADropWithAModelNameChecksAtOnce) {
    openProject(porsche());
    panel()->modelNameEdit()->setText(QStringLiteral("resnet"));
    QSignalSpy checked(panel(), &ImportPanel::checked);
    kili::testing::drop(m_window.get(), {file(QStringLiteral("two.jsonl"), 2)});
    ASSERT_TRUE(checked.wait(30000))
        << "nothing happened after the drop: " << panel()->statusText().toStdString();
    EXPECT_EQ(panel()->preflight()->model()->count(Status::Ready), 2);
}

TEST_F(ImportPanelState, ClearAndANewFileForgetThePreviousPlan) {
    openProject(porsche());
    panel()->modelNameEdit()->setText(QStringLiteral("resnet"));
    panel()->addInputs({file(QStringLiteral("three.jsonl"), 3)});
    checkNow();
    ASSERT_EQ(panel()->uploadButton()->text(), QStringLiteral("&Upload 3 predictions"));

    panel()->clearInputs();
    EXPECT_EQ(panel()->preflight()->model()->rowCount(), 0) << "the old plan's rows stayed";
    EXPECT_FALSE(panel()->uploadButton()->isEnabled()) << "Upload would send the old plan";
    EXPECT_EQ(panel()->uploadButton()->text(), QStringLiteral("&Upload"));
    EXPECT_TRUE(panel()->statusText().isEmpty()) << panel()->statusText().toStdString();

    // A new file is not the old plan either, until it is checked.
    panel()->addInputs({file(QStringLiteral("one.jsonl"), 1)});
    EXPECT_FALSE(panel()->uploadButton()->isEnabled());
    checkNow();
    EXPECT_EQ(panel()->uploadButton()->text(), QStringLiteral("&Upload 1 prediction"));

    // Adding a file to a checked list makes the plan stale too.
    panel()->addInputs({file(QStringLiteral("two.jsonl"), 2)});
    EXPECT_FALSE(panel()->uploadButton()->isEnabled());
    EXPECT_EQ(panel()->preflight()->model()->rowCount(), 0);
}

TEST_F(ImportPanelState, ASavedMappingDoesNotSayACleanFileHasUnknownNames) {
    openProject(porsche());
    predictions::ImportSettingsStore(porsche()).setCategoryMapping(
        {{QStringLiteral("CLASSIFICATION_JOB"),
          {{QStringLiteral("model-s"), QStringLiteral("TESLA")}}}});
    panel()->setProject(m_window->currentProject()); // reads the saved mapping again
    panel()->modelNameEdit()->setText(QStringLiteral("resnet"));
    panel()->addInputs({file(QStringLiteral("clean.jsonl"), 2)});
    checkNow();
    EXPECT_THAT(panel()->statusText().toStdString(), Not(HasSubstr("Some names are not")));

    panel()->clearInputs();
    panel()->addInputs({file(QStringLiteral("names.jsonl"), 2, QStringLiteral("cybertruck"))});
    checkNow();
    EXPECT_THAT(panel()->statusText().toStdString(), HasSubstr("Some names are not categories"));
}

TEST_F(ImportPanelState, TheProblemColumnStartsWithTheSentenceAndAnInvalidRowIsNotAnUnknownAsset) {
    openProject(porsche());
    panel()->modelNameEdit()->setText(QStringLiteral("resnet"));
    panel()->addInputs({file(QStringLiteral("names.jsonl"), 1, QStringLiteral("cybertruck"))});
    checkNow();
    const PreflightModel* rows = panel()->preflight()->model();
    ASSERT_EQ(rows->count(Status::Invalid), 1);
    const QString shown =
        rows->index(0, PreflightModel::ProblemColumn).data(Qt::DisplayRole).toString();
    EXPECT_THAT(shown.toStdString(), StartsWith("\"cybertruck\""))
        << "the column should start with what is wrong, not with the job's name";
    EXPECT_THAT(shown.toStdString(), HasSubstr("(CLASSIFICATION_JOB"));
}

} // namespace

namespace {

class ImportHistory : public ImportPanelState {
protected:
    void importFile(const QString& model, const QString& path) {
        panel()->clearInputs();
        panel()->modelNameEdit()->setText(model);
        panel()->addInputs({path});
        checkNow();
        QSignalSpy idle(panel(), &ImportPanel::idle);
        panel()->upload();
        ASSERT_TRUE(idle.count() > 0 || idle.wait(30000)) << panel()->statusText().toStdString();
    }
};

TEST_F(ImportHistory, AnEarlierImportIsRolledBackFromTheHistoryAfterLaterOnes) {
    openProject(porsche());
    importFile(QStringLiteral("first"), file(QStringLiteral("a.jsonl"), 2));
    importFile(QStringLiteral("second"), file(QStringLiteral("b.jsonl"), 3));
    ImportHistoryView* history = panel()->history();
    ASSERT_EQ(history->list()->topLevelItemCount(), 2);
    // Newest first: the earlier import is the second row.
    QTreeWidgetItem* first = history->list()->topLevelItem(1);
    ASSERT_EQ(first->text(ImportHistoryView::ModelColumn), QStringLiteral("first"));
    EXPECT_EQ(first->text(ImportHistoryView::StateColumn), QStringLiteral("complete"));
    EXPECT_EQ(first->text(ImportHistoryView::CreatedColumn), QStringLiteral("2 of 2"));
    history->list()->setCurrentItem(first);
    EXPECT_FALSE(history->resumeButton()->isEnabled()) << "a complete import has nothing to resume";
    ASSERT_TRUE(history->rollbackButton()->isEnabled());
    EXPECT_EQ(history->rollbackButton()->text(),
              QStringLiteral("Roll &back (delete its 2 labels)"));

    QSignalSpy idle(panel(), &ImportPanel::idle);
    QTest::mouseClick(history->rollbackButton(), Qt::LeftButton);
    ASSERT_TRUE(idle.count() > 0 || idle.wait(30000)) << panel()->statusText().toStdString();
    EXPECT_TRUE(labelsOfModel(porsche(), cars(3), QStringLiteral("first")).isEmpty())
        << "the earlier import's labels are still there";
    EXPECT_EQ(labelsOfModel(porsche(), cars(3), QStringLiteral("second")).size(), 3)
        << "rolling back one import touched another";
    QTreeWidgetItem* after = nullptr;
    for (int row = 0; row < history->list()->topLevelItemCount(); ++row) {
        if (history->list()->topLevelItem(row)->text(ImportHistoryView::ModelColumn)
            == QStringLiteral("first"))
            after = history->list()->topLevelItem(row);
    }
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(after->text(ImportHistoryView::StateColumn), QStringLiteral("rolled back"));
}

} // namespace
