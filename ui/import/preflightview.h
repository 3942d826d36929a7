// The pre-flight table with its status filter, and beside it the selected row's asset with the
// prediction drawn over the labels already on it (kiliui's AssetPreview), before anything is sent.
#pragma once

#include "domain/interface.h"
#include "predictions/importbackend.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;

namespace kili::api {
class Connection;
}

namespace kili::ui {

class AssetContentLoader;
class AssetPreview;
class PreflightFilter;
class PreflightModel;

class PreflightView : public QWidget {
    Q_OBJECT
public:
    // The backend and connection are not owned and must outlive the view.
    PreflightView(predictions::ImportBackend& backend, api::Connection* connection,
                  QWidget* parent = nullptr);
    ~PreflightView() override;

    // `textAssets`: the project's assets are texts (inputType TEXT), not images.
    void setContext(const QString& projectId, const Interface& interface, bool textAssets,
                    const QString& modelName, const LabelType& labelType);
    // Refreshes the filter's counts after the model changed.
    void updateCounts();

    PreflightModel* model() const { return m_model; }
    PreflightFilter* filter() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QComboBox* statusChooser() const { return m_status; }
    AssetPreview* preview() const { return m_preview; }
    // The asset id whose preview is shown or loading.
    QString previewAssetId() const { return m_assetId; }

    QSplitter* splitter() const { return m_splitter; }

Q_SIGNALS:
    // The preview shows the asset and its layers (tests wait on this).
    void previewShown(const QString& assetId);

protected:
    // Narrow (a dock at the side of the window): the preview goes under the table.
    void resizeEvent(QResizeEvent* event) override;

private:
    void showRow(int sourceRow);
    void onAsset(const Asset& asset);

    predictions::ImportBackend& m_backend;
    PreflightModel* m_model;
    PreflightFilter* m_filter;
    QComboBox* m_status;
    QTableView* m_table;
    AssetPreview* m_preview;
    QLabel* m_detail;
    AssetContentLoader* m_content;
    QSplitter* m_splitter = nullptr;

    QString m_projectId;
    Interface m_interface;
    QString m_modelName;
    LabelType m_labelType;
    bool m_textAssets = false;
    QString m_assetId;
    QList<Label> m_layers; // existing labels + the prediction, for the asset being loaded
};

} // namespace kili::ui
