#include "mainwindow.h"

#include "aboutdialog.h"
#include "api/connection.h"
#include "api/schemacheckjob.h"
#include "api/userjobs.h"
#include "apiassetpagesource.h"
#include "assetbrowser.h"
#include "assetcontentloader.h"
#include "assetfilterbar.h"
#include "assetlabelmodel.h"
#include "assetpager.h"
#include "assetpreview.h"
#include "assettreeview.h"
#include "errorbar.h"
#include "interfaceview.h"
#include "labeldetailview.h"
#include "labeltypecounter.h"
#include "projectcatalog.h"
#include "projectlistmodel.h"
#include "projectsview.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace kili::ui {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");

// The last project is remembered per server: a project id means nothing on another one (and the
// embedded sandbox, on a new port each start, makes new ids every time).
QString lastProjectKey(const api::Connection* connection) {
    const QByteArray server =
        connection ? connection->endpoint().toString().toUtf8() : QByteArray();
    return QStringLiteral("lastProject/")
           + QString::fromLatin1(server.toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

MainWindow::MainWindow(api::Connection* connection, QWidget* parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_projectModel(new ProjectListModel(this))
    , m_catalog(new ProjectCatalog(connection, m_projectModel, this))
    , m_pageSource(new ApiAssetPageSource(connection, this))
    , m_counter(new LabelTypeCounter(connection, this))
    , m_content(new AssetContentLoader(connection, this))
    , m_errors(new ErrorBar(this))
    , m_tabs(new QTabWidget(this))
    , m_projects(new ProjectsView(m_projectModel, this))
    , m_assets(new AssetBrowser(m_pageSource, this))
    , m_interface(new InterfaceView(this))
    , m_preview(new AssetPreview(this))
    , m_labelDetail(new LabelDetailView(this))
    , m_connectionLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancel(new QToolButton(this)) {
    setWindowTitle(tr("Kili Desk"));
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_assets, tr("Assets && labels"));
    m_tabs->addTab(m_interface, tr("Interface"));

    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_errors);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(centre);

    buildDocks();
    buildActions();

    m_connectionLabel->setText(tr("Connecting to %1…").arg(connection->serverName()));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading (Ctrl+.)"));
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &MainWindow::cancelWork);

    connect(m_projects, &ProjectsView::searchRequested, m_catalog, &ProjectCatalog::search);
    connect(m_projects, &ProjectsView::openRequested, this, &MainWindow::openProject);
    connect(m_catalog, &ProjectCatalog::projectOpened, this, &MainWindow::onProjectOpened);
    connect(m_catalog, &ProjectCatalog::listingChanged, this, &MainWindow::updateBusy);
    connect(m_catalog, &ProjectCatalog::listed, this, [this] {
        if (!m_project.id.isEmpty())
            m_projects->selectProject(m_project.id);
    });
    connect(m_catalog, &ProjectCatalog::failed, this, [this](const QString& message) {
        showError(message, [this] { m_catalog->reload(); });
    });
    connect(m_assets->pager(), &AssetPager::busyChanged, this, &MainWindow::updateBusy);
    connect(m_assets, &AssetBrowser::failed, this,
            [this](const QString& message) { showError(message, [this] { m_assets->retry(); }); });
    connect(m_counter, &LabelTypeCounter::counted, m_assets->filterBar(),
            &AssetFilterBar::setLabelTypeCount);
    connect(m_counter, &LabelTypeCounter::failed, this, [this](const QString& message) {
        showError(message, [this] { m_counter->count(m_project.id); });
    });

    connect(m_assets, &AssetBrowser::assetSelected, this, [this](const Asset& asset) {
        m_labelDetail->clear();
        showAsset(asset, asset.labels);
    });
    connect(m_assets, &AssetBrowser::labelSelected, this,
            [this](const Asset& asset, const Label& label) {
                m_labelDetail->setLabel(label);
                // A model's label is compared with the latest human label underneath it.
                QList<Label> shown;
                if (const qsizetype human = latestHumanLabel(asset.labels);
                    !label.labelType.isHuman() && human >= 0)
                    shown.append(asset.labels[human]);
                shown.append(label);
                showAsset(asset, shown);
            });
    connect(m_assets, &AssetBrowser::selectionCleared, this, [this] {
        m_previewAssetId.clear();
        m_content->cancel();
        m_preview->showMessage(tr("Select an asset to preview it (J / K move between assets)."));
        m_labelDetail->clear();
    });
    connect(m_content, &AssetContentLoader::imageReady, this,
            [this](const QString& assetId, const QImage& image) {
                if (assetId == m_previewAssetId)
                    m_preview->showImage(
                        image, AssetPreview::layersFor(m_previewLabels, m_projectInterface));
            });
    connect(m_content, &AssetContentLoader::textReady, this,
            [this](const QString& assetId, const QString& text) {
                if (assetId == m_previewAssetId)
                    m_preview->showText(
                        text, AssetPreview::layersFor(m_previewLabels, m_projectInterface));
            });
    connect(m_content, &AssetContentLoader::progress, this,
            [this](const QString& assetId, int percent) {
                if (assetId == m_previewAssetId && percent >= 0)
                    m_preview->showMessage(tr("Downloading the asset… %1%").arg(percent));
            });
    connect(m_content, &AssetContentLoader::failed, this,
            [this](const QString& assetId, const QString& message) {
                if (assetId != m_previewAssetId)
                    return;
                m_preview->showMessage(message);
                // Retry downloads the asset again (showAsset skips an asset already shown).
                showError(message, [this, assetId] {
                    if (assetId != m_previewAssetId)
                        return;
                    m_previewAssetId.clear();
                    showAsset(m_previewAsset, m_previewLabels);
                });
            });
    updateBusy();
    restoreLayout();
}

MainWindow::~MainWindow() {
    // The children go after this body, cancelling their jobs on the way out; what they say then
    // (failed, busy changed…) must not reach a window whose MainWindow part is gone.
    for (QObject* child : findChildren<QObject*>())
        disconnect(child, nullptr, this, nullptr);
}

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks);
    const auto dock = [this](const QString& name, const QString& title, QWidget* content,
                             Qt::DockWidgetArea area) {
        auto* widget = new QDockWidget(title, this);
        widget->setObjectName(name);
        widget->setWidget(content);
        addDockWidget(area, widget);
        return widget;
    };
    QDockWidget* projects =
        dock(QStringLiteral("projectsDock"), tr("Projects"), m_projects, Qt::LeftDockWidgetArea);
    QDockWidget* preview =
        dock(QStringLiteral("previewDock"), tr("Preview"), m_preview, Qt::RightDockWidgetArea);
    QDockWidget* label =
        dock(QStringLiteral("labelDock"), tr("Label"), m_labelDetail, Qt::RightDockWidgetArea);
    splitDockWidget(preview, label, Qt::Vertical);
    resizeDocks({preview, label}, {520, 300}, Qt::Vertical);
    // The preview gets room to show the boxes; restoreLayout() brings back the person's sizes.
    resizeDocks({projects, preview}, {330, 560}, Qt::Horizontal);
}

QAction* MainWindow::action(const QString& objectName) const {
    return findChild<QAction*>(objectName);
}

void MainWindow::buildActions() {
    const auto add = [this](QMenu* menu, const QString& name, const QString& text,
                            const QKeySequence& key, auto slot) {
        auto* act = new QAction(text, this);
        act->setObjectName(name);
        act->setShortcut(key);
        act->setShortcutContext(Qt::WindowShortcut);
        connect(act, &QAction::triggered, this, slot);
        menu->addAction(act);
        addAction(act);
        return act;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    add(file, QStringLiteral("connect"), tr("&Connect to another server…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this] { Q_EMIT connectRequested(); });
    file->addSeparator();
    // Not QKeySequence::Quit: it is empty on some platforms (offscreen, plain X11).
    add(file, QStringLiteral("quit"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q),
        [this] { close(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    add(view, QStringLiteral("reload"), tr("&Reload"), QKeySequence::Refresh,
        [this] { reloadProjectData(); });
    add(view, QStringLiteral("cancel"), tr("&Stop loading"),
        QKeySequence(Qt::CTRL | Qt::Key_Period), [this] { cancelWork(); });
    view->addSeparator();
    add(view, QStringLiteral("showAssets"), tr("&Assets and labels"),
        QKeySequence(Qt::CTRL | Qt::Key_1), [this] {
            m_tabs->setCurrentWidget(m_assets);
            m_assets->view()->setFocus(Qt::ShortcutFocusReason);
        });
    add(view, QStringLiteral("showInterface"), tr("&Interface"), QKeySequence(Qt::CTRL | Qt::Key_2),
        [this] { m_tabs->setCurrentWidget(m_interface); });
    add(view, QStringLiteral("findProject"), tr("Find &project"),
        QKeySequence(Qt::CTRL | Qt::Key_P), [this] { m_projects->focusSearch(); });
    view->addSeparator();
    // The panels, shown or hidden (the docks' own toggle actions, given keys).
    int panelKey = Qt::Key_1;
    for (const QString& name : {QStringLiteral("projectsDock"), QStringLiteral("previewDock"),
                                QStringLiteral("labelDock")}) {
        auto* dock = findChild<QDockWidget*>(name);
        QAction* toggle = dock->toggleViewAction();
        toggle->setObjectName(QLatin1String("toggle_") + name);
        toggle->setText(tr("%1 panel").arg(dock->windowTitle()));
        toggle->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(panelKey++)));
        toggle->setShortcutContext(Qt::WindowShortcut);
        view->addAction(toggle);
        addAction(toggle);
    }

    QMenu* assets = menuBar()->addMenu(tr("&Assets"));
    add(assets, QStringLiteral("nextAsset"), tr("&Next asset"), QKeySequence(Qt::Key_J),
        [this] { m_assets->view()->nextAsset(); });
    add(assets, QStringLiteral("previousAsset"), tr("&Previous asset"), QKeySequence(Qt::Key_K),
        [this] { m_assets->view()->previousAsset(); });
    add(assets, QStringLiteral("findAsset"), tr("Find by &external ID"),
        QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
            m_tabs->setCurrentWidget(m_assets);
            m_assets->filterBar()->externalIdField()->setFocus(Qt::ShortcutFocusReason);
            m_assets->filterBar()->externalIdField()->selectAll();
        });
    add(assets, QStringLiteral("clearFilters"), tr("&Clear filters"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
        [this] { m_assets->filterBar()->clearFilters(); });
    assets->addSeparator();
    int key = Qt::Key_1;
    for (const LabelType& type : LabelType::known()) {
        QAction* toggle = add(assets, QLatin1String("toggle") + type.toString(),
                              tr("Show %1 labels").arg(type.toString()),
                              QKeySequence(static_cast<Qt::Key>(key++)), [] {});
        toggle->setCheckable(true);
        QToolButton* button = m_assets->filterBar()->labelTypeButton(type.kind());
        connect(toggle, &QAction::toggled, button, &QToolButton::setChecked);
        connect(button, &QToolButton::toggled, toggle, &QAction::setChecked);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    add(help, QStringLiteral("shortcuts"), tr("&Keyboard shortcuts"),
        QKeySequence(Qt::CTRL | Qt::Key_Slash), [this] {
            auto* dialog = new ShortcutsDialog(this, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    add(help, QStringLiteral("about"), tr("&About Kili Desk"), QKeySequence(Qt::Key_F1), [this] {
        auto* dialog = new AboutDialog(m_connection, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void MainWindow::restoreLayout() {
    QSettings settings;
    const QRect available = screen()->availableGeometry();
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(QSize(1400, 860).boundedTo(available.size()));
    restoreState(settings.value(StateKey).toByteArray());
    // A layout saved on a larger screen (or a first run on a small one) still fits this screen.
    if (!available.contains(frameGeometry())) {
        resize(size().boundedTo(available.size()));
        move(available.topLeft());
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    QMainWindow::closeEvent(event);
}

// Nothing is read before the server has said who the key belongs to: a dead server or a refused
// key is one sentence about the connection, not an error about a project.
void MainWindow::start(const QString& projectId) {
    m_connectionLabel->setText(tr("Connecting to %1…").arg(m_connection->serverName()));
    auto* signIn = new api::SignInJob(m_connection, this);
    signIn->setAutoDelete(true);
    connect(signIn, &api::BaseJob::succeeded, this, [this, signIn, projectId] {
        m_connectionLabel->setText(
            tr("Connected to %1 as %2").arg(m_connection->serverName(), signIn->user().email));
        if (!signIn->warning().isEmpty())
            statusBar()->showMessage(signIn->warning(), 15000);
        loadAfterSignIn(projectId);
        checkServerApi();
    });
    connect(signIn, &api::BaseJob::failed, this, [this, projectId](const api::ApiError& error) {
        m_connectionLabel->setText(tr("Not connected to %1").arg(m_connection->serverName()));
        showError(error.message, [this, projectId] { start(projectId); });
    });
    signIn->start();
}

// In the background, once per connection: the window is usable meanwhile. What the server no
// longer offers is said in the error bar, and its actions are disabled by their owners.
void MainWindow::checkServerApi() {
    auto* check = new api::SchemaCheckJob(m_connection, this);
    check->setAutoDelete(true);
    connect(check, &api::BaseJob::succeeded, this, [this, check] {
        const api::ServerApi& api = check->serverApi();
        m_serverApiMessage = api.messages().join(QLatin1Char(' '));
        if (!m_serverApiMessage.isEmpty())
            showError(m_serverApiMessage, {});
        // Pages asked for before the check selected fields the server may lack: ask again.
        if (!api.omittedFields().isEmpty())
            reloadProjectData();
        Q_EMIT serverApiChecked(api);
    });
    check->start();
}

void MainWindow::reloadProjectData() {
    m_catalog->reload();
    m_assets->refresh();
    if (!m_project.id.isEmpty())
        m_counter->count(m_project.id);
}

QString MainWindow::connectionText() const {
    return m_connectionLabel->text();
}

void MainWindow::loadAfterSignIn(const QString& projectId) {
    m_catalog->search({});
    const QString id = projectId.isEmpty()
                           ? QSettings().value(lastProjectKey(m_connection)).toString()
                           : projectId;
    if (!id.isEmpty())
        openProject(id);
}

void MainWindow::openProject(const QString& projectId) {
    if (projectId == m_project.id)
        return;
    m_pendingProjectId = projectId;
    m_catalog->open(projectId);
}

void MainWindow::onProjectOpened(const Project& project) {
    m_project = project;
    m_projectInterface = Interface::parse(project.jsonInterface.toUtf8());
    QSettings().setValue(lastProjectKey(m_connection), project.id);
    setWindowTitle(tr("%1 — Kili Desk").arg(project.title));
    m_projects->selectProject(project.id);
    m_interface->setProject(project);
    m_assets->filterBar()->resetCounts();
    m_assets->setProject(project);
    // The first rows are what a person waits for: the label counts (ten counts, costly on a big
    // project) are asked once they are there, or once the tree says it is empty or failed.
    m_counter->cancel();
    QObject::disconnect(m_countWhenShown);
    const QString projectId = project.id;
    const auto countOnce = [this, projectId] {
        QObject::disconnect(m_countWhenShown);
        if (m_project.id == projectId)
            m_counter->count(projectId);
    };
    m_countWhenShown =
        connect(m_assets->pager(), &AssetPager::busyChanged, this, [countOnce](bool busy) {
            if (!busy)
                countOnce();
        });
    m_errors->dismiss();
    if (!m_serverApiMessage.isEmpty())
        showError(m_serverApiMessage, {});
    Q_EMIT projectOpened(project);
}

void MainWindow::showAsset(const Asset& asset, const QList<Label>& labels) {
    const bool sameAsset = asset.id == m_previewAssetId;
    m_previewLabels = labels;
    if (sameAsset) {
        m_preview->setLayers(AssetPreview::layersFor(labels, m_projectInterface));
        return;
    }
    m_previewAssetId = asset.id;
    m_previewAsset = asset;
    const QString inputType = m_project.inputType;
    if (inputType == QLatin1String("TEXT")) {
        m_content->load(asset.id, asset.content, AssetContentLoader::Kind::Text);
    } else if (inputType == QLatin1String("IMAGE") || inputType.isEmpty()) {
        m_preview->showMessage(tr("Downloading the asset…"));
        m_content->load(asset.id, asset.content, AssetContentLoader::Kind::Image);
    } else {
        m_content->cancel();
        m_preview->showMessage(tr("%1 assets are not previewed here; the label's JSON is in the "
                                  "Label panel.")
                                   .arg(inputType));
    }
}

void MainWindow::showError(const QString& message, std::function<void()> retry) {
    m_errors->showError(message, std::move(retry));
}

void MainWindow::updateBusy() {
    const bool busy = m_catalog->isListing() || m_assets->pager()->isBusy();
    m_busy->setVisible(busy);
    m_cancel->setVisible(busy);
}

void MainWindow::cancelWork() {
    m_assets->pager()->cancelAll();
    m_content->cancel();
    updateBusy();
}

} // namespace kili::ui
