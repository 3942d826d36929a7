// The schema check after sign-in, in the desk: against a server whose API no longer has
// appendManyLabels, the three writes are disabled with the sentence that says why, the error bar
// says it once, a drop opens nothing, and browsing works.
#include "importfixture.h"
#include "ui/errorbar.h"

#include <QAction>
#include <QDockWidget>
#include <gmock/gmock.h>

using namespace kili;
using ::testing::HasSubstr;

namespace {

class DeskAgainstAMovedApi : public kili::testing::ImportWindowTest {
protected:
    void configure(sandbox::SandboxOptions& options) override {
        options.withoutSchema = {QStringLiteral("Mutation.appendManyLabels"),
                                 QStringLiteral("Label.honeypotMark")};
    }
};

TEST_F(DeskAgainstAMovedApi, WritesAreDisabledWithTheReasonAndBrowsingWorks) {
    QAction* import = m_desk->importAction();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !import->isEnabled(); }, 15000))
        << "the import action stayed enabled against a server without appendManyLabels";
    for (QAction* action : {import, m_desk->newPredictionAction(), m_desk->copyAction()}) {
        EXPECT_FALSE(action->isEnabled()) << action->objectName().toStdString();
        EXPECT_THAT(action->toolTip().toStdString(),
                    HasSubstr("This server no longer offers appendManyLabels, so predictions "
                              "cannot be imported; the rest works."))
            << action->objectName().toStdString();
    }
    // Opening a project clears the bar of the previous one's errors, not of this sentence.
    openProject(porsche());
    EXPECT_THAT(m_window->errorBar()->message().toStdString(),
                HasSubstr("no longer offers appendManyLabels"));
    EXPECT_FALSE(m_window->errorBar()->canRetry()) << "retrying cannot bring the mutation back";

    // Labels still list, without the field the server lacks (it would refuse a page selecting
    // it).
    ui::AssetLabelModel* model = m_window->assetBrowser()->model();
    EXPECT_GT(model->rowCount(), 0);

    // A drop says why instead of opening a panel whose upload cannot work.
    m_window->errorBar()->dismiss();
    m_desk->showImport({writeFile(QStringLiteral("p.jsonl"), "{}\n")});
    EXPECT_FALSE(m_desk->panelDock()->isVisible());
    EXPECT_THAT(m_window->errorBar()->message().toStdString(),
                HasSubstr("no longer offers appendManyLabels"));
}

} // namespace
