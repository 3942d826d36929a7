#include "ui/import/importdesk.h"

#include "predictions/importsettingsstore.h"
#include "predictions/kiliapibackend.h"
#include "ui/assetbrowser.h"
#include "ui/assetfilterbar.h"
#include "ui/assetlabelmodel.h"
#include "ui/assetpager.h"
#include "ui/assettreeview.h"
#include "ui/errorbar.h"
#include "ui/import/importpanel.h"
#include "ui/import/predictionform.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QSet>
#include <QStatusBar>

namespace kili::ui {

using predictions::ImportSettingsStore;

ImportDesk* ImportDesk::attach(MainWindow* window, api::Connection* connection) {
    return new ImportDesk(window, connection);
}

namespace {

// A dock's content scrolls rather than forcing the window beyond the screen: the form is taller
// than a 768-pixel screen leaves it (the import panel scrolls inside, keeping its buttons).
QScrollArea* scrollable(QWidget* content) {
    auto* area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}

} // namespace

ImportDesk::ImportDesk(MainWindow* window, api::Connection* connection)
    : QObject(window)
    , m_window(window)
    , m_backend(std::make_unique<predictions::KiliApiBackend>(connection))
    , m_sender(new PredictionSender(*m_backend, this))
    , m_panel(new ImportPanel(connection))
    , m_form(new PredictionForm(connection)) {
    setObjectName(QStringLiteral("importDesk"));
    m_panelDock = new QDockWidget(QStringLiteral("Import predictions"), window);
    m_panelDock->setObjectName(QStringLiteral("importDock"));
    m_panelDock->setWidget(m_panel); // scrolls inside, its buttons always in sight
    m_formDock = new QDockWidget(QStringLiteral("New prediction"), window);
    m_formDock->setObjectName(QStringLiteral("predictionFormDock"));
    m_formDock->setWidget(scrollable(m_form));
    window->addDockWidget(Qt::RightDockWidgetArea, m_panelDock);
    window->addDockWidget(Qt::RightDockWidgetArea, m_formDock);
    // Tabbed with the label view under the preview: the import needs that column's height
    // (showImport() gives it most of it), not a third slice of it.
    if (auto* label = window->findChild<QDockWidget*>(QStringLiteral("labelDock")))
        window->tabifyDockWidget(label, m_panelDock);
    window->tabifyDockWidget(m_panelDock, m_formDock);
    m_panelDock->hide();
    m_formDock->hide();

    // Copy as prediction works on several labels at once.
    window->assetBrowser()->view()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    buildActions();

    connect(window, &MainWindow::projectOpened, this, [this](const Project& project) {
        m_pendingLabels.clear();
        m_panel->setProject(project);
        m_form->setProject(project);
    });
    if (!window->currentProject().id.isEmpty()) {
        m_panel->setProject(window->currentProject());
        m_form->setProject(window->currentProject());
    }
    connect(window, &MainWindow::serverApiChecked, this, &ImportDesk::applyServerApi);
    connect(m_panel, &ImportPanel::labelsChanged, this, &ImportDesk::refreshTree);
    connect(m_panel, &ImportPanel::failed, this,
            [this](const QString& message, ImportPanel::Retry retry) {
                m_window->errorBar()->showError(message, [this, retry] {
                    if (retry == ImportPanel::Retry::Resume)
                        m_panel->resume(m_panel->lastImportId());
                    else if (retry == ImportPanel::Retry::Undo)
                        m_panel->undo();
                    else
                        m_panel->check();
                });
            });
    connect(m_panel, &ImportPanel::showCreatedRequested, this, &ImportDesk::showLabels);
    connect(window->assetBrowser()->pager(), &AssetPager::pageLoaded, this,
            &ImportDesk::selectPendingLabels);
    connect(m_form, &PredictionForm::submitted, this, [this](bool success, const QString& message) {
        if (success)
            m_window->statusBar()->showMessage(message, 8000);
        else
            m_window->errorBar()->showError(message, [this] { m_form->submit(); });
        refreshTree();
    });
    connect(m_sender, &PredictionSender::finished, this, [this](bool success) {
        QString message = success ? QStringLiteral("Copied %1 label(s) as predictions.")
                                        .arg(m_sender->createdLabelIds().size())
                                  : QStringLiteral("Copy as prediction failed: %1")
                                        .arg(m_sender->errors().join(QStringLiteral("; ")));
        if (m_sender->alreadyPresentCount() > 0)
            message += QStringLiteral(" %1 were there already as predictions of this model: not "
                                      "sent again.")
                           .arg(m_sender->alreadyPresentCount());
        if (success)
            m_window->statusBar()->showMessage(message, 8000);
        else
            m_window->errorBar()->showError(message, [this] { copySelection(); });
        refreshTree();
        Q_EMIT copied(success, message);
    });
    connect(window->assetBrowser()->view()->selectionModel(),
            &QItemSelectionModel::selectionChanged, this, [this] {
                if (m_formDock->isVisible())
                    m_form->setAssets(selectedAssets());
            });
}

ImportDesk::~ImportDesk() {
    delete m_sender; // it calls the backend, which goes with this object
}

// Each of the three writes reads the interface, matches assets and creates labels: without one of
// those, its action is disabled and says why.
void ImportDesk::applyServerApi(const api::ServerApi& api) {
    const auto missing = api.firstUnavailable(
        {api::Feature::ReadInterface, api::Feature::BrowseAssets, api::Feature::Import});
    const QString why = missing ? api.whyUnavailable(*missing) : QString();
    for (QAction* action : {m_import, m_newPrediction, m_copy}) {
        action->setEnabled(!missing);
        action->setToolTip(why);
        action->setStatusTip(why);
    }
}

void ImportDesk::buildActions() {
    auto make = [this](const QString& name, const QString& text, const QKeySequence& key) {
        auto* action = new QAction(text, m_window);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(action);
        return action;
    };
    m_import = make(QStringLiteral("importPredictions"), QStringLiteral("&Import predictions…"),
                    QKeySequence(Qt::CTRL | Qt::Key_I));
    m_newPrediction = make(QStringLiteral("newPrediction"), QStringLiteral("&New prediction…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_copy = make(QStringLiteral("copyAsPrediction"), QStringLiteral("&Copy as prediction…"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_import, &QAction::triggered, this, [this] { showImport(); });
    connect(m_newPrediction, &QAction::triggered, this, &ImportDesk::showNewPrediction);
    connect(m_copy, &QAction::triggered, this, &ImportDesk::copySelection);

    // Into the window's own menus when they are there, otherwise a menu of our own.
    auto menuTitled = [this](const QString& title) -> QMenu* {
        for (QAction* action : m_window->menuBar()->actions()) {
            if (action->menu() && action->text() == title)
                return action->menu();
        }
        return nullptr;
    };
    QMenu* file = menuTitled(QStringLiteral("&File"));
    QMenu* assets = menuTitled(QStringLiteral("&Assets"));
    if (!file || !assets) {
        QMenu* own = m_window->menuBar()->addMenu(QStringLiteral("&Import"));
        file = file ? file : own;
        assets = assets ? assets : own;
    }
    const QList<QAction*> fileActions = file->actions();
    file->insertAction(fileActions.isEmpty() ? nullptr : fileActions.constFirst(), m_import);
    assets->addSeparator();
    assets->addAction(m_newPrediction);
    assets->addAction(m_copy);
}

void ImportDesk::giveRoom(QDockWidget* dock) {
    if (m_roomGiven.contains(dock) || dock->isFloating())
        return;
    m_roomGiven.insert(dock);
    // The first time only: afterwards the sizes are the person's.
    auto* preview = m_window->findChild<QDockWidget*>(QStringLiteral("previewDock"));
    const int height = m_window->height();
    if (preview && !preview->isHidden() && !preview->isFloating())
        m_window->resizeDocks({preview, dock}, {height * 3 / 10, height * 7 / 10}, Qt::Vertical);
    m_window->resizeDocks({dock}, {qMax(dock->width(), qMin(760, m_window->width() / 2))},
                          Qt::Horizontal);
}

void ImportDesk::showImport(const QStringList& paths) {
    if (!m_import->isEnabled()) { // a drop, while the server takes no predictions
        m_window->errorBar()->showError(m_import->toolTip(), {});
        return;
    }
    m_panelDock->show();
    m_panelDock->raise();
    giveRoom(m_panelDock);
    m_panel->setFocus(Qt::OtherFocusReason);
    // After the focus: without a model name, the panel puts it on the model name field.
    if (!paths.isEmpty())
        m_panel->addInputsAndCheck(paths);
}

void ImportDesk::showLabels(const QString& modelName, const LabelType& labelType,
                            const QStringList& labelIds) {
    AssetFilterBar* filters = m_window->assetBrowser()->filterBar();
    const AssetQuery before = filters->query();
    // Only that label type, and only that model's labels under each asset; the asset tree
    // reloads (the filter bar announces the change).
    for (const LabelType& type : LabelType::known())
        filters->setLabelTypeChecked(type.kind(), type.kind() == labelType.kind());
    if (auto* model = filters->findChild<QLineEdit*>(QStringLiteral("modelNameFilter")))
        model->setText(modelName);
    filters->externalIdField()->clear();
    m_pendingLabels = QSet<QString>(labelIds.cbegin(), labelIds.cend());
    m_pendingQuery = filters->query();
    m_window->statusBar()->showMessage(
        QStringLiteral("Showing the %1 %2 label(s) of model \"%3\" this import created.")
            .arg(labelIds.size())
            .arg(labelType.toString(), modelName),
        8000);
    // A changed filter reloads the tree: the labels are selected as its pages arrive.
    if (m_pendingQuery == before)
        selectPendingLabels();
}

void ImportDesk::selectPendingLabels() {
    // Pages of the tree before the filter took effect do not count.
    if (m_pendingLabels.isEmpty()
        || !(m_window->assetBrowser()->pager()->query() == m_pendingQuery))
        return;
    const AssetLabelModel* model = m_window->assetBrowser()->model();
    AssetTreeView* view = m_window->assetBrowser()->view();
    QItemSelection selection;
    QModelIndex first;
    int found = 0;
    for (const int page : model->loadedPages()) {
        const int end = qMin(model->rowCount(), (page + 1) * model->pageSize());
        for (int row = page * model->pageSize(); row < end; ++row) {
            const QModelIndex asset = model->index(row, 0);
            for (int child = 0; child < model->rowCount(asset); ++child) {
                const QModelIndex label = model->index(child, 0, asset);
                if (!m_pendingLabels.contains(label.data(AssetLabelModel::LabelIdRole).toString()))
                    continue;
                selection.select(label, label);
                view->expand(asset);
                if (!first.isValid())
                    first = label;
                ++found;
            }
        }
    }
    if (!first.isValid())
        return;
    view->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    view->scrollTo(first);
    // Everything is there: later pages (the user scrolling) leave the selection alone.
    if (found >= m_pendingLabels.size())
        m_pendingLabels.clear();
}

void ImportDesk::showNewPrediction() {
    m_form->setAssets(selectedAssets());
    m_formDock->show();
    m_formDock->raise();
    giveRoom(m_formDock);
}

QList<Asset> ImportDesk::selectedAssets() const {
    const AssetLabelModel* model = m_window->assetBrowser()->model();
    QList<Asset> assets;
    QSet<QString> seen;
    const QModelIndexList rows = m_window->assetBrowser()->view()->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const Asset* asset = model->assetOf(index);
        if (asset && !seen.contains(asset->id)) {
            seen.insert(asset->id);
            assets << *asset;
        }
    }
    return assets;
}

QList<OutgoingPrediction> ImportDesk::selectedLabelResponses() const {
    const AssetLabelModel* model = m_window->assetBrowser()->model();
    QList<OutgoingPrediction> labels;
    const QModelIndexList rows = m_window->assetBrowser()->view()->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const Label* label = model->labelOf(index);
        const Asset* asset = model->assetOf(index);
        if (label && asset && label->jsonResponseError.isEmpty())
            labels.append({asset->id, label->jsonResponse});
    }
    return labels;
}

bool ImportDesk::copyAsPrediction(const QList<OutgoingPrediction>& labels,
                                  const QString& modelName) {
    if (labels.isEmpty() || modelName.trimmed().isEmpty() || m_sender->isRunning())
        return false;
    ImportSettingsStore(m_window->currentProject().id).setModelName(modelName.trimmed());
    m_window->statusBar()->showMessage(
        QStringLiteral("Copying %1 label(s) as predictions of \"%2\"…")
            .arg(labels.size())
            .arg(modelName.trimmed()));
    return m_sender->send(m_window->currentProject().id, modelName.trimmed(),
                          LabelType(LabelType::Prediction), labels, QStringLiteral("copy"));
}

void ImportDesk::copySelection() {
    const QList<OutgoingPrediction> labels = selectedLabelResponses();
    if (labels.isEmpty()) {
        m_window->statusBar()->showMessage(
            QStringLiteral("Select one or more labels in the tree to copy them as predictions."),
            8000);
        return;
    }
    bool ok = false;
    const QString model = QInputDialog::getText(
        m_window, QStringLiteral("Copy as prediction"),
        QStringLiteral("Model name of the %1 new PREDICTION label(s):").arg(labels.size()),
        QLineEdit::Normal, ImportSettingsStore(m_window->currentProject().id).modelName(), &ok);
    if (ok && !model.trimmed().isEmpty())
        copyAsPrediction(labels, model);
}

void ImportDesk::refreshTree() {
    m_window->reloadProjectData();
}

bool ImportDesk::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window) {
        if (event->type() == QEvent::DragEnter) {
            auto* drag = static_cast<QDragEnterEvent*>(event);
            if (!ImportPanel::localPaths(drag->mimeData()).isEmpty()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto* drop = static_cast<QDropEvent*>(event);
            const QStringList paths = ImportPanel::localPaths(drop->mimeData());
            if (!paths.isEmpty()) {
                drop->acceptProposedAction();
                showImport(paths);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace kili::ui
