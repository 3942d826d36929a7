// The kili-desk window. Layout (object names in brackets, used for saved state and tests):
//   left dock    ProjectsView [projectsDock]      searchable project list
//   centre       ErrorBar on top of a QTabWidget [mainTabs]:
//                  AssetBrowser "Assets & labels" (filter bar, lazily paged tree, status line)
//                  InterfaceView "Interface"     (jobs/categories tree beside the raw JSON)
//   right dock   AssetPreview [previewDock]       image/text with the labels drawn on it
//   right dock   LabelDetailView [labelDock]      jsonResponse tree + raw JSON
//   status bar   connection, busy indicator with Cancel
// Services (no widgets): ProjectCatalog, ApiAssetPageSource (+ AssetPager inside
// AssetBrowser), LabelTypeCounter, AssetContentLoader — all on one api::Connection.
#pragma once

#include "api/serverapi.h"
#include "domain/asset.h"
#include "domain/interface.h"
#include "domain/project.h"

#include <QMainWindow>
#include <functional>

class QAction;
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;

namespace kili::api {
class Connection;
}

namespace kili::ui {

class ApiAssetPageSource;
class AssetBrowser;
class AssetContentLoader;
class AssetPreview;
class ErrorBar;
class InterfaceView;
class LabelDetailView;
class LabelTypeCounter;
class ProjectCatalog;
class ProjectListModel;
class ProjectsView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The connection is not owned and must outlive the window.
    explicit MainWindow(api::Connection* connection, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Lists the projects and reopens the last one (or `projectId` when given).
    // Signs in (the label says "Connecting…" until the server answers), then lists the projects
    // and opens `projectId` (or the last project opened on this server).
    void start(const QString& projectId = {});
    void openProject(const QString& projectId);
    // After a write (an import, an undo, the form, a copy): the tree, the label counts and the
    // projects' progress read again, as View › Reload does.
    void reloadProjectData();

    const Project& currentProject() const { return m_project; }
    AssetBrowser* assetBrowser() const { return m_assets; }
    AssetPreview* preview() const { return m_preview; }
    LabelDetailView* labelDetail() const { return m_labelDetail; }
    InterfaceView* interfaceView() const { return m_interface; }
    ProjectsView* projectsView() const { return m_projects; }
    ErrorBar* errorBar() const { return m_errors; }
    // "Connecting to …", "Connected to … as …" or "Not connected to …" (status bar).
    QString connectionText() const;
    QAction* action(const QString& objectName) const;

Q_SIGNALS:
    void projectOpened(const kili::Project& project);
    // "Connect…" was chosen: the app shows the connection dialog and reconnects.
    void connectRequested();
    // The schema check after sign-in found what the server's API offers (the connection holds
    // it too): whoever owns an action that needs a feature it lacks disables that action.
    void serverApiChecked(const kili::api::ServerApi& api);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void loadAfterSignIn(const QString& projectId);
    void checkServerApi();
    void buildDocks();
    void onProjectOpened(const Project& project);
    void showAsset(const Asset& asset, const QList<Label>& labels);
    void showError(const QString& message, std::function<void()> retry);
    void updateBusy();
    void cancelWork();
    void restoreLayout();

    api::Connection* m_connection;
    ProjectListModel* m_projectModel;
    ProjectCatalog* m_catalog;
    ApiAssetPageSource* m_pageSource;
    LabelTypeCounter* m_counter;
    QMetaObject::Connection m_countWhenShown; // counts once the opened project's first rows are in
    AssetContentLoader* m_content;

    ErrorBar* m_errors;
    // What the server's API no longer offers, shown again when a project opens (which clears the
    // bar of the previous project's errors).
    QString m_serverApiMessage;
    QTabWidget* m_tabs;
    ProjectsView* m_projects;
    AssetBrowser* m_assets;
    InterfaceView* m_interface;
    AssetPreview* m_preview;
    LabelDetailView* m_labelDetail;
    QLabel* m_connectionLabel;
    QProgressBar* m_busy;
    QToolButton* m_cancel;

    Project m_project;
    Interface m_projectInterface;
    Asset m_previewAsset; // what the preview shows, for Retry
    QString m_previewAssetId;
    QList<Label> m_previewLabels;
    bool m_previewIsText = false;
    QString m_pendingProjectId;
};

} // namespace kili::ui
