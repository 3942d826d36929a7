// "New prediction": a form built from the project's interface for the selected assets — one
// editor per root job (categories with confidences, transcriptions, typed annotations, child
// jobs nested under their category) — with a live JSON preview of the jsonResponse, the import
// pipeline's checks as you type, and Submit with a model name.
#pragma once

#include "domain/asset.h"
#include "domain/interface.h"
#include "domain/project.h"
#include "predictions/predictionitem.h"

#include <QJsonObject>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace kili::api {
class Connection;
}
namespace kili::predictions {
class KiliApiBackend;
}

namespace kili::ui {

class AssetContentLoader;
class DrawingCanvas;
class JobEditor;
class PredictionSender;
class ResponseCheck;

class PredictionForm : public QWidget {
    Q_OBJECT
public:
    // The connection is not owned and must outlive the form.
    explicit PredictionForm(api::Connection* connection, QWidget* parent = nullptr);
    ~PredictionForm() override;

    // Rebuilds the editors from the project's interface.
    void setProject(const Project& project);
    // The assets the prediction is for (the tree's selection).
    void setAssets(const QList<Asset>& assets);
    QList<Asset> assets() const { return m_assets; }

    QJsonObject response() const;
    QList<predictions::Problem> problems() const { return m_problems; }
    bool submit();

    JobEditor* editor(const QString& job) const;
    QLineEdit* modelNameEdit() const { return m_modelName; }
    QPlainTextEdit* jsonPreview() const { return m_json; }
    QLabel* problemsLabel() const { return m_problemsLabel; }
    QPushButton* submitButton() const { return m_submit; }
    // What Submit did, or what changing the assets cleared.
    QLabel* resultLabel() const { return m_result; }
    QStringList createdLabelIds() const;
    // Drawing object-detection shapes on the first selected asset's image.
    DrawingCanvas* drawingCanvas() const { return m_canvas; }
    QWidget* drawingBox() const { return m_drawBox; }
    QComboBox* drawJobChooser() const { return m_drawJob; }
    QComboBox* drawToolChooser() const { return m_drawTool; }
    QComboBox* drawCategoryChooser() const { return m_drawCategory; }

Q_SIGNALS:
    // After Submit: the labels were created (success) or the sentence says what failed.
    void submitted(bool success, const QString& message);

private:
    void rebuild();
    void updatePreview();
    void updateSubmit();
    QWidget* buildDrawing();
    void updateDrawingJobs();
    void onDrawJobChanged();
    void onShapeDrawn(const QString& tool, const QList<QPointF>& points);
    void loadDrawingImage();

    std::unique_ptr<predictions::KiliApiBackend> m_backend;
    PredictionSender* m_sender;
    std::unique_ptr<ResponseCheck> m_check;
    Project m_project;
    Interface m_interface;
    QList<Asset> m_assets;
    QList<JobEditor*> m_editors;
    QList<predictions::Problem> m_problems;

    QLabel* m_target;
    QWidget* m_jobs;
    QVBoxLayout* m_jobsLayout;
    QPlainTextEdit* m_json;
    QLabel* m_problemsLabel;
    QLineEdit* m_modelName;
    QPushButton* m_submit;
    QLabel* m_result;
    QWidget* m_drawBox;
    QComboBox* m_drawJob;
    QComboBox* m_drawTool;
    QComboBox* m_drawCategory;
    DrawingCanvas* m_canvas;
    AssetContentLoader* m_content;
    QString m_imageAssetId; // the asset whose image the canvas shows (or is loading)
};

} // namespace kili::ui
