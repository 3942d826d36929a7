// The app side of the bad-input corpus (tests/data/bad, issue 8): every file of it is dropped on
// the real window — the entry point a file manager's drop uses — and checked. The window must
// not crash, every check must end, and every file the panel takes for predictions must be named
// by at least one problem sentence in the pre-flight table (or by the file-level problem that
// covers its whole folder, e.g. YOLO files without a target job).
//
// One drop per corpus folder rather than one per file: every file is dropped and judged on its
// own in the table, but a check per file (187 of them, each with its sandbox round trips and the
// window's reaction) would make this one test take many times the whole suite on a loaded
// machine, for no path the per-folder drops do not already take: a drop of many files is the
// same entry point, and the scanner reads each file independently.
#include "importfixture.h"
#include "predictions/predictionformat.h"
#include "ui/import/importpanel.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

using namespace kili;
using namespace kili::ui;

namespace {

const QString kCorpus = QStringLiteral(KILI_BAD_CORPUS);

QStringList filesOf(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace

class BadInputDropTest : public kili::testing::ImportWindowTest {};

TEST_F(BadInputDropTest, EveryCorpusFileDroppedOnTheWindowGivesAnErrorAndNoCrash) {
    openProject(porsche());
    ImportPanel* panel = m_desk->panel();
    // A COCO results list asks for its dataset: declined, so the file's own problem is shown.
    panel->setCocoDatasetChooser([](QWidget*) { return QString(); });
    const QStringList folders = QDir(kCorpus).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    ASSERT_GE(folders.size(), 8) << kCorpus.toStdString();
    int dropped = 0;
    for (const QString& folder : folders) {
        SCOPED_TRACE(folder.toStdString());
        const QStringList files = filesOf(QDir(kCorpus).filePath(folder));
        ASSERT_FALSE(files.isEmpty());
        panel->clearInputs();
        kili::testing::drop(m_window.get(), files);
        dropped += int(files.size());
        ASSERT_EQ(panel->inputs().size(), files.size());
        panel->modelNameEdit()->setText(QStringLiteral("bad-corpus"));

        QSignalSpy idle(panel, &ImportPanel::idle);
        QSignalSpy checked(panel, &ImportPanel::checked);
        panel->check();
        // A plan (checked) or a run that could not start (idle with a sentence).
        ASSERT_TRUE(QTest::qWaitFor([&] { return checked.count() + idle.count() > 0; }, 60000))
            << panel->statusText().toStdString();
        const QString status = panel->statusText();
        EXPECT_FALSE(status.trimmed().isEmpty());

        // What the panel took for prediction files, by the file list it shows.
        QHash<QString, bool> predictionFiles; // path → is YOLO labels
        for (int i = 0; i < panel->fileList()->topLevelItemCount(); ++i) {
            const QTreeWidgetItem* item = panel->fileList()->topLevelItem(i);
            const QString format = item->text(1);
            if (!format.startsWith(QLatin1String("not a prediction file"))
                && format != QLatin1String("YOLO classes"))
                predictionFiles.insert(item->toolTip(0), format == QLatin1String("YOLO labels"));
        }

        const PreflightModel* rows = panel->preflight()->model();
        QString everyProblem;
        for (int row = 0; row < rows->rowCount(); ++row) {
            const PreflightRow& r = rows->row(row);
            if (r.status == PreflightRow::Status::Invalid) {
                EXPECT_FALSE(r.problem.trimmed().isEmpty()) << r.source.toStdString();
            }
            everyProblem += r.source + QLatin1Char(' ') + r.problem + QLatin1Char('\n');
        }
        // Nothing in the corpus names an asset of this project: nothing may be ready to send.
        EXPECT_EQ(rows->count(PreflightRow::Status::Ready), 0) << everyProblem.toStdString();
        // This project has no object-detection job: YOLO files get one problem for them all.
        const bool yoloProblem = everyProblem.contains(QLatin1String("target job"));
        for (auto file = predictionFiles.cbegin(); file != predictionFiles.cend(); ++file) {
            const QString name = QFileInfo(file.key()).fileName();
            const bool named = everyProblem.contains(name) || status.contains(name);
            EXPECT_TRUE(named || (file.value() && yoloProblem))
                << name.toStdString() << " was dropped and checked but no problem names it:\n"
                << everyProblem.toStdString() << status.toStdString();
        }
        // The window is still there and answers.
        EXPECT_TRUE(m_window->isVisible());
        EXPECT_FALSE(panel->isBusy() && !panel->cancelButton()->isEnabled());
        panel->cancel();
    }
    EXPECT_GE(dropped, 180); // the whole corpus (187 files when written)
}
