// Attaches the import to kili-desk's MainWindow from the outside, without the window knowing
// about it: File › Import predictions… (Ctrl+I) and drops anywhere on the window open the import
// panel (a dock); Assets › New prediction… (Ctrl+Shift+N) opens the form for the selected assets
// (another dock); Assets › Copy as prediction… (Ctrl+Shift+C) copies the selected labels as
// PREDICTION labels of a model. The tree is refreshed after every change on the server.
#pragma once

#include "domain/asset.h"
#include "ui/assetquery.h"
#include "ui/import/predictionsender.h"

#include <QObject>
#include <QSet>
#include <memory>

class QAction;
class QDockWidget;

namespace kili::api {
class Connection;
class ServerApi;
} // namespace kili::api
namespace kili::predictions {
class KiliApiBackend;
}

namespace kili::ui {

class ImportPanel;
class MainWindow;
class PredictionForm;

class ImportDesk : public QObject {
    Q_OBJECT
public:
    // Owned by the window. The connection must outlive the window.
    static ImportDesk* attach(MainWindow* window, api::Connection* connection);
    ~ImportDesk() override;

    ImportPanel* panel() const { return m_panel; }
    PredictionForm* form() const { return m_form; }
    QDockWidget* panelDock() const { return m_panelDock; }
    QDockWidget* formDock() const { return m_formDock; }
    QAction* importAction() const { return m_import; }
    QAction* newPredictionAction() const { return m_newPrediction; }
    QAction* copyAction() const { return m_copy; }

    // The assets of the selected rows (an asset row or one of its labels), each once.
    QList<Asset> selectedAssets() const;
    // The selected label rows with the asset they belong to.
    QList<OutgoingPrediction> selectedLabelResponses() const;

    void showImport(const QStringList& paths = {});
    // Filters the tree to the `labelType` labels of `modelName` and selects the labels whose id
    // is in `labelIds`, as their pages arrive.
    void showLabels(const QString& modelName, const LabelType& labelType,
                    const QStringList& labelIds);
    void showNewPrediction();
    // Sends each label's jsonResponse as a PREDICTION of `modelName` on its asset.
    bool copyAsPrediction(const QList<OutgoingPrediction>& labels, const QString& modelName);

Q_SIGNALS:
    void copied(bool success, const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ImportDesk(MainWindow* window, api::Connection* connection);
    void buildActions();
    void applyServerApi(const api::ServerApi& api);
    void copySelection();
    void refreshTree();
    void selectPendingLabels();
    void giveRoom(QDockWidget* dock);

    MainWindow* m_window;
    std::unique_ptr<predictions::KiliApiBackend> m_backend;
    PredictionSender* m_sender;
    ImportPanel* m_panel;
    PredictionForm* m_form;
    QDockWidget* m_panelDock;
    QDockWidget* m_formDock;
    QAction* m_import = nullptr;
    QAction* m_newPrediction = nullptr;
    QAction* m_copy = nullptr;
    QSet<QString> m_pendingLabels; // showLabels(): selected once their page is loaded
    AssetQuery m_pendingQuery;     // … under this filter
    QSet<QDockWidget*> m_roomGiven;
};

} // namespace kili::ui
