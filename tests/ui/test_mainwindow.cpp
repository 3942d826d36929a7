// The real window against an in-process sandbox with the demo projects: open a project, filter by
// PREDICTION, page with J/K, select a label, and check the preview draws its boxes.
#include "api/connection.h"
#include "sandbox/sandboxserver.h"
#include "ui/assetbrowser.h"
#include "ui/assetfilterbar.h"
#include "ui/assetlabelmodel.h"
#include "ui/assetpager.h"
#include "ui/assetpreview.h"
#include "ui/assettreeview.h"
#include "ui/errorbar.h"
#include "ui/imagecanvas.h"
#include "ui/interfacetreemodel.h"
#include "ui/interfaceview.h"
#include "ui/jsonsourceview.h"
#include "ui/labeldetailview.h"
#include "ui/mainwindow.h"
#include "ui/projectlistmodel.h"
#include "ui/projectsview.h"
#include "ui/shortcutsdialog.h"
#include "ui/textpreview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        sandbox::SandboxOptions options;
        options.seedDemo = true;
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
        m_connection =
            std::make_unique<api::Connection>(m_server->graphqlUrl(), m_server->apiKey());
        m_window = std::make_unique<MainWindow>(m_connection.get());
        m_window->resize(1400, 900);
        m_window->show();
        m_window->activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
        m_window->start();
    }

    int projectRow(const QString& title) const {
        const QAbstractItemModel* model = m_window->projectsView()->table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, ProjectListModel::TitleColumn).data().toString() == title)
                return row;
        }
        return -1;
    }

    void openProject(const QString& title) {
        ASSERT_TRUE(QTest::qWaitFor([&] { return projectRow(title) >= 0; }, 10000));
        QTableView* table = m_window->projectsView()->table();
        const QModelIndex index = table->model()->index(projectRow(title), 0);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        ASSERT_TRUE(
            QTest::qWaitFor([&] { return m_window->currentProject().title == title; }, 10000));
        AssetLabelModel* model = m_window->assetBrowser()->model();
        ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0 && model->isPageLoaded(0); },
                                    10000));
    }

    AssetLabelModel* assets() const { return m_window->assetBrowser()->model(); }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::Connection> m_connection;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace

TEST_F(MainWindowTest, OpensAProjectWithItsInterfaceAndAssets) {
    openProject(QStringLiteral("Street objects"));
    EXPECT_EQ(assets()->rowCount(), 8);
    EXPECT_EQ(assets()->index(0, AssetLabelModel::ExternalIdColumn).data().toString(),
              QStringLiteral("street-01"));
    EXPECT_GT(assets()->rowCount(assets()->index(0, 0)), 0);
    const InterfaceTreeModel* interface = m_window->interfaceView()->model();
    ASSERT_GT(interface->rowCount(), 0);
    EXPECT_EQ(interface->index(0, InterfaceTreeModel::TaskColumn).data().toString(),
              QStringLiteral("OBJECT_DETECTION"));
    EXPECT_TRUE(m_window->errorBar()->message().isEmpty());
    // The label-type toggles show their counts.
    QToolButton* predictions =
        m_window->assetBrowser()->filterBar()->labelTypeButton(LabelType::Prediction);
    ASSERT_TRUE(QTest::qWaitFor([&] { return predictions->text().contains(QLatin1Char('(')); }));
}

TEST_F(MainWindowTest, FiltersByPredictionPagesAndDrawsTheSelectedLabel) {
    openProject(QStringLiteral("Street objects"));
    AssetTreeView* view = m_window->assetBrowser()->view();
    view->setFocus();

    // Key 2 toggles PREDICTION (DEFAULT, PREDICTION, REVIEW, INFERENCE, AUTOSAVE).
    QTest::keyClick(view, Qt::Key_2);
    EXPECT_TRUE(m_window->assetBrowser()->filterBar()->isLabelTypeChecked(LabelType::Prediction));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_window->assetBrowser()->pager()->query().filter.labelTypes.size() == 1
                   && assets()->isPageLoaded(0);
        },
        10000));
    ASSERT_GT(assets()->rowCount(), 0);
    for (int row = 0; row < assets()->rowCount(); ++row) {
        const QModelIndex asset = assets()->index(row, 0);
        ASSERT_GT(assets()->rowCount(asset), 0) << "asset " << row << " has no prediction";
        for (int l = 0; l < assets()->rowCount(asset); ++l)
            EXPECT_EQ(assets()->index(l, AssetLabelModel::TypeColumn, asset).data().toString(),
                      QStringLiteral("PREDICTION"));
    }

    // J / K move between assets.
    QTest::keyClick(view, Qt::Key_J);
    EXPECT_EQ(view->currentIndex().row(), 0);
    QTest::keyClick(view, Qt::Key_J);
    QTest::keyClick(view, Qt::Key_J);
    EXPECT_EQ(view->currentIndex().row(), 2);
    QTest::keyClick(view, Qt::Key_K);
    EXPECT_EQ(view->currentIndex().row(), 1);

    // Select the first asset's prediction: the preview draws its boxes over the image.
    const QModelIndex first = assets()->index(0, 0);
    view->expand(first);
    const QModelIndex label = assets()->index(0, 0, first);
    view->setCurrentIndex(label);
    EXPECT_TRUE(m_window->labelDetail()->headline().contains(QStringLiteral("PREDICTION")));
    AssetPreview* preview = m_window->preview();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !preview->canvas()->image().isNull(); }, 10000));
    const QList<PreviewLayer> layers = preview->canvas()->layers();
    ASSERT_FALSE(layers.isEmpty());
    const PreviewLayer& prediction = layers.last();
    EXPECT_EQ(prediction.style.penStyle, Qt::DashLine);
    ASSERT_FALSE(prediction.annotations.shapes.isEmpty());
    const AnnotationShape& box = prediction.annotations.shapes.first();

    // Look for the box's colour along its left edge in the rendered widget.
    const QImage shot = preview->canvas()->grab().toImage();
    const QRectF fit =
        ImageCanvas::fitRect(preview->canvas()->image().size(), QSizeF(preview->canvas()->size()));
    const QRectF bounds = box.contours.first().boundingRect();
    const qreal dpr = shot.devicePixelRatio();
    const int x = qRound((fit.left() + bounds.left() * fit.width()) * dpr);
    int matching = 0;
    for (qreal y = bounds.top() + bounds.height() * 0.3; y < bounds.bottom(); y += 0.01) {
        const int py = qRound((fit.top() + y * fit.height()) * dpr);
        for (int dx = -1; dx <= 1; ++dx) {
            const QColor c = shot.pixelColor(x + dx, py);
            if (std::abs(c.red() - box.color.red()) < 40
                && std::abs(c.green() - box.color.green()) < 40
                && std::abs(c.blue() - box.color.blue()) < 40)
                ++matching;
        }
    }
    EXPECT_GT(matching, 3) << "no pixel of the box's colour along its left edge";
}

TEST_F(MainWindowTest, TextAssetsHighlightTheirEntities) {
    openProject(QStringLiteral("News entities"));
    AssetTreeView* view = m_window->assetBrowser()->view();
    view->setCurrentIndex(assets()->index(0, 0));
    AssetPreview* preview = m_window->preview();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return preview->textView()->toPlainText().contains(QStringLiteral("Kili")); },
        10000));
    ASSERT_FALSE(preview->canvas()->layers().isEmpty() && preview->legendText().isEmpty());
}

TEST_F(MainWindowTest, EveryMenuActionHasItsOwnShortcut) {
    QHash<QString, QString> seen; // shortcut → action
    int actions = 0;
    for (QAction* menu : m_window->menuBar()->actions()) {
        ASSERT_NE(menu->menu(), nullptr);
        for (QAction* action : menu->menu()->actions()) {
            if (action->isSeparator())
                continue;
            ++actions;
            const QString key = action->shortcut().toString();
            EXPECT_FALSE(key.isEmpty()) << action->text().toStdString() << " has no shortcut";
            // Two actions on one key: Qt then runs neither.
            EXPECT_FALSE(seen.contains(key))
                << key.toStdString() << " is on " << seen.value(key).toStdString() << " and "
                << action->text().toStdString();
            seen.insert(key, action->text());
        }
    }
    EXPECT_GE(actions, 18);
}

TEST_F(MainWindowTest, ShortcutsDoWhatTheirMenusSay) {
    openProject(QStringLiteral("Street objects"));
    AssetTreeView* view = m_window->assetBrowser()->view();
    AssetFilterBar* filters = m_window->assetBrowser()->filterBar();
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("mainTabs"));
    ASSERT_NE(tabs, nullptr);
    view->setFocus();

    // Keys 1…5 toggle the label types, in the toggles' order.
    const QList<LabelType> types = LabelType::known();
    for (int i = 0; i < types.size(); ++i) {
        QTest::keyClick(view, static_cast<Qt::Key>(Qt::Key_1 + i));
        EXPECT_TRUE(filters->isLabelTypeChecked(types.at(i).kind())) << i;
        EXPECT_TRUE(
            m_window->action(QLatin1String("toggle") + types.at(i).toString())->isChecked());
        QTest::keyClick(view, static_cast<Qt::Key>(Qt::Key_1 + i));
        EXPECT_FALSE(filters->isLabelTypeChecked(types.at(i).kind())) << i;
    }

    // Ctrl+2 / Ctrl+1 switch between the interface and the assets (focus on the tree).
    QTest::keyClick(view, Qt::Key_2, Qt::ControlModifier);
    EXPECT_EQ(tabs->currentWidget(), m_window->interfaceView());
    // Ctrl+Alt+C copies the JSON the focus is in (the label's JSON view has the same key).
    QApplication::clipboard()->clear();
    QPlainTextEdit* json = m_window->interfaceView()->source()->editor();
    json->setFocus();
    QTest::keyClick(json, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
    EXPECT_TRUE(QApplication::clipboard()->text().contains(QStringLiteral("OBJECT_DETECTION_JOB")));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    EXPECT_EQ(tabs->currentWidget(), m_window->assetBrowser());
    EXPECT_TRUE(view->hasFocus());

    // Ctrl+E goes to the external-ID search; typed letters and digits are text there, not J/K
    // or label-type toggles.
    QTest::keyClick(view, Qt::Key_E, Qt::ControlModifier);
    QLineEdit* externalId = filters->externalIdField();
    ASSERT_TRUE(externalId->hasFocus());
    QTest::keyClicks(externalId, QStringLiteral("j2k"));
    EXPECT_EQ(externalId->text(), QStringLiteral("j2k"));
    EXPECT_FALSE(filters->isLabelTypeChecked(LabelType::Prediction));

    // Ctrl+Shift+X clears every filter.
    QTest::keyClick(view, Qt::Key_1);
    filters->setLabelTypeChecked(LabelType::Review, true);
    QTest::keyClick(externalId, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_TRUE(externalId->text().isEmpty());
    for (const LabelType& type : types)
        EXPECT_FALSE(filters->isLabelTypeChecked(type.kind())) << type.toString().toStdString();

    // Ctrl+P goes to the project search.
    QTest::keyClick(view, Qt::Key_P, Qt::ControlModifier);
    EXPECT_TRUE(m_window->projectsView()->searchField()->hasFocus());

    // Alt+1…3 hide and show the panels.
    auto* projects = m_window->findChild<QDockWidget*>(QStringLiteral("projectsDock"));
    auto* preview = m_window->findChild<QDockWidget*>(QStringLiteral("previewDock"));
    auto* label = m_window->findChild<QDockWidget*>(QStringLiteral("labelDock"));
    view->setFocus();
    for (QDockWidget* dock : {projects, preview, label}) {
        ASSERT_TRUE(dock->isVisible()) << dock->objectName().toStdString();
        const int key = Qt::Key_1 + (dock == projects ? 0 : dock == preview ? 1 : 2);
        QTest::keyClick(view, static_cast<Qt::Key>(key), Qt::AltModifier);
        EXPECT_FALSE(dock->isVisible()) << dock->objectName().toStdString();
        QTest::keyClick(view, static_cast<Qt::Key>(key), Qt::AltModifier);
        EXPECT_TRUE(dock->isVisible()) << dock->objectName().toStdString();
    }
}

TEST_F(MainWindowTest, ColumnHeadersSayTheyCannotBeSorted) {
    openProject(QStringLiteral("Street objects"));
    AssetTreeView* view = m_window->assetBrowser()->view();
    EXPECT_FALSE(view->isSortingEnabled());
    EXPECT_FALSE(view->header()->sectionsClickable());
    for (int column = 0; column < assets()->columnCount(); ++column) {
        const QString tip =
            assets()->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        EXPECT_TRUE(tip.contains(QStringLiteral("no sort option"))) << column;
    }
    // Clicking a header changes nothing: rows stay in the server's (creation) order.
    const QString first = assets()->index(0, AssetLabelModel::ExternalIdColumn).data().toString();
    QTest::mouseClick(
        view->header()->viewport(), Qt::LeftButton, {},
        QPoint(view->header()->sectionViewportPosition(AssetLabelModel::ExternalIdColumn) + 10, 5));
    EXPECT_EQ(assets()->index(0, AssetLabelModel::ExternalIdColumn).data().toString(), first);
    EXPECT_FALSE(m_window->projectsView()->table()->horizontalHeader()->sectionsClickable());
    EXPECT_TRUE(m_window->projectsView()
                    ->table()
                    ->model()
                    ->headerData(0, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("no sort option")));
}

TEST_F(MainWindowTest, TheModelNameFilterSaysItNarrowsOnlyTheLabelsShown) {
    openProject(QStringLiteral("Street objects"));
    AssetFilterBar* filters = m_window->assetBrowser()->filterBar();
    auto* modelName = filters->findChild<QLineEdit*>(QStringLiteral("modelNameFilter"));
    ASSERT_NE(modelName, nullptr);
    EXPECT_TRUE(modelName->toolTip().contains(QStringLiteral("cannot filter by model name")));
    const int before = assets()->rowCount();
    modelName->setText(QStringLiteral("no-such-model"));
    QTest::keyClick(modelName, Qt::Key_Return);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_window->assetBrowser()->pager()->query().modelName
                       == QStringLiteral("no-such-model")
                   && assets()->isPageLoaded(0);
        },
        10000));
    // The same assets, none of their labels.
    EXPECT_EQ(assets()->rowCount(), before);
    for (int row = 0; row < assets()->rowCount(); ++row)
        EXPECT_EQ(assets()->rowCount(assets()->index(row, 0)), 0) << row;
    EXPECT_TRUE(m_window->assetBrowser()->statusText().contains(QStringLiteral("model name")));
}

namespace {

// A window on `connection` that was never started: the tests below start it themselves.
std::unique_ptr<MainWindow> unstartedWindow(api::Connection* connection) {
    auto window = std::make_unique<MainWindow>(connection);
    window->resize(1200, 800);
    window->show();
    return window;
}

} // namespace

// The window says "Connecting…" until the server has answered who the key belongs to; a dead
// server or a refused key is one sentence about the connection in the error bar, never a claim
// to be connected nor an error about a project.
TEST_F(MainWindowTest, SaysConnectedOnlyOnceTheServerAnswered) {
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return m_window->connectionText().startsWith(QStringLiteral("Connected to")); },
        10000))
        << m_window->connectionText().toStdString();
    EXPECT_TRUE(m_window->connectionText().contains(QStringLiteral(" as ")))
        << m_window->connectionText().toStdString();

    api::Connection dead(QUrl(QStringLiteral("http://127.0.0.1:1/api/label/v2/graphql")),
                         QStringLiteral("some-key"));
    auto deadWindow = unstartedWindow(&dead);
    deadWindow->start();
    EXPECT_TRUE(deadWindow->connectionText().startsWith(QStringLiteral("Connecting to")))
        << deadWindow->connectionText().toStdString();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !deadWindow->errorBar()->message().isEmpty(); }, 15000));
    EXPECT_TRUE(
        deadWindow->errorBar()->message().contains(QStringLiteral("127.0.0.1:1 was refused")))
        << deadWindow->errorBar()->message().toStdString();
    EXPECT_TRUE(deadWindow->connectionText().startsWith(QStringLiteral("Not connected")))
        << deadWindow->connectionText().toStdString();

    api::Connection wrongKey(m_server->graphqlUrl(), QStringLiteral("not-the-key"));
    auto refused = unstartedWindow(&wrongKey);
    refused->start(m_window->currentProject().id);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !refused->errorBar()->message().isEmpty(); }, 15000));
    const std::string message = refused->errorBar()->message().toStdString();
    EXPECT_NE(message.find("API key"), std::string::npos) << message;
    EXPECT_EQ(message.find("project"), std::string::npos)
        << "a refused key was reported as a problem with a project: " << message;
}

// The first window, and one restored from a layout saved on a larger screen, fit the screen
// they open on.
TEST_F(MainWindowTest, FirstAndRestoredWindowsFitTheScreen) {
    const QRect available = m_window->screen()->availableGeometry();
    QSettings().remove(QStringLiteral("window"));
    auto first = std::make_unique<MainWindow>(m_connection.get());
    EXPECT_LE(first->width(), available.width()) << "first window wider than the screen";
    EXPECT_LE(first->height(), available.height()) << "first window taller than the screen";

    first->resize(available.width() + 600, available.height() + 400);
    first->close(); // saves the layout
    auto restored = std::make_unique<MainWindow>(m_connection.get());
    EXPECT_LE(restored->width(), available.width()) << "restored window wider than the screen";
    EXPECT_LE(restored->height(), available.height()) << "restored window taller than the screen";
}

TEST_F(MainWindowTest, TypeCountsSayLabelsAndAssetsAndAnEmptyTreeSaysWhy) {
    openProject(QStringLiteral("Street objects"));
    AssetFilterBar* filters = m_window->assetBrowser()->filterBar();
    QToolButton* predictions = filters->labelTypeButton(LabelType::Prediction);
    ASSERT_TRUE(QTest::qWaitFor([&] { return predictions->text().contains(QLatin1Char('(')); }));
    const auto counts = filters->labelTypeCount(LabelType::Prediction);
    ASSERT_TRUE(counts.has_value());
    EXPECT_GE(counts->first, counts->second) << "more assets than labels";
    EXPECT_TRUE(
        predictions->toolTip().startsWith(QStringLiteral("%1 PREDICTION label(s) on %2 asset(s)")
                                              .arg(counts->first)
                                              .arg(counts->second)))
        << predictions->toolTip().toStdString();

    // AUTOSAVE: the demo has none, so the tree empties and says which filter did it.
    ASSERT_EQ(filters->labelTypeCount(LabelType::Autosave)->second, 0);
    filters->labelTypeButton(LabelType::Autosave)->setChecked(true);
    ASSERT_TRUE(QTest::qWaitFor([&] { return assets()->rowCount() == 0; }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_window->assetBrowser()->statusText().startsWith(QStringLiteral("No asset"));
        },
        10000))
        << m_window->assetBrowser()->statusText().toStdString();
    EXPECT_EQ(m_window->assetBrowser()->statusText(),
              QStringLiteral("No asset matches label type AUTOSAVE. Clear the filters with "
                             "Ctrl+Shift+X."));
}

TEST_F(MainWindowTest, HelpListsEveryShortcutTheWindowHas) {
    QAction* open = m_window->findChild<QAction*>(QStringLiteral("shortcuts"));
    ASSERT_NE(open, nullptr);
    open->trigger();
    auto* dialog = m_window->findChild<ShortcutsDialog*>();
    ASSERT_NE(dialog, nullptr) << "Help › Keyboard shortcuts opened nothing";
    QStringList listed;
    for (int row = 0; row < dialog->table()->rowCount(); ++row)
        listed << dialog->table()->item(row, 0)->text() + QStringLiteral(" = ")
                      + dialog->table()->item(row, 1)->text();
    for (const QAction* action : m_window->actions()) {
        if (action->shortcut().isEmpty())
            continue;
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        EXPECT_TRUE(std::any_of(listed.cbegin(), listed.cend(),
                                [&](const QString& line) { return line.endsWith(keys); }))
            << action->objectName().toStdString() << " (" << keys.toStdString()
            << ") is missing from the list";
    }
    EXPECT_TRUE(listed.contains(QStringLiteral("Reload = F5"))) << listed.join(u'\n').toStdString();
    dialog->close();
}
