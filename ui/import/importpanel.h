// The import panel: files dropped on the window (or chosen) → detected format per file, model
// name, label type, overwrite → "Check" runs kilipredictions' PredictionImport up to its plan →
// pre-flight table, confidence histogram, category mapping → "Upload" with progress and cancel →
// summary, report export and Undo. Interrupted imports of the project are offered for resume.
// Non-modal: the window stays usable while it reads and sends.
#pragma once

#include "domain/project.h"
#include "predictions/importreport.h"
#include "predictions/predictionimport.h"

#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QMimeData;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace kili::api {
class Connection;
}
namespace kili::predictions {
class KiliApiBackend;
class ImportJournal;
class ImportRollback;
} // namespace kili::predictions

namespace kili::ui {

class CategoryMappingModel;
class ConfidenceHistogramView;
class ImportHistoryView;
class PreflightView;

// "40 of 100 predictions · 12.5/s · about 5 s left"
QString uploadProgressText(const predictions::UploadProgress& progress);
// The report as CSV: kind,externalId,file,line,job,message,labelId — one line per created label,
// invalid item and unknown id.
QByteArray reportCsv(const predictions::ImportReport& report);

class ImportPanel : public QWidget {
    Q_OBJECT
public:
    // What trying again means after a failure: check the files again, resume the last import
    // (nothing sent twice), or undo it again.
    enum class Retry { CheckAgain, Resume, Undo };
    Q_ENUM(Retry)

    // The connection is not owned and must outlive the panel.
    explicit ImportPanel(api::Connection* connection, QWidget* parent = nullptr);
    ~ImportPanel() override;

    void setProject(const Project& project);
    const Project& project() const { return m_project; }

    // Files and folders to import (a drop, File › Import predictions…). A change of the inputs
    // forgets the plan of the previous ones: what Upload would send is always what is listed.
    void addInputs(const QStringList& paths);
    // A drop: adds the inputs and checks them at once, or asks for the model name first.
    void addInputsAndCheck(const QStringList& paths);
    void clearInputs();
    QStringList inputs() const { return m_inputs; }
    // The local files of a drop; empty when it holds none.
    static QStringList localPaths(const QMimeData* mime);

    void check();
    void upload();
    void cancel();
    void resume(const QString& importId);
    void undo();
    // Deletes the labels import `importId` (of this project, from this computer) created.
    void rollBack(const QString& importId);
    bool exportReport(const QString& path, QString* error = nullptr) const;

    bool isBusy() const;
    const predictions::ImportReport& report() const { return m_report; }
    QString lastImportId() const { return m_lastImportId; }
    QString statusText() const;
    QStringList resumableImports() const { return m_resumable; }

    QTreeWidget* fileList() const { return m_files; }
    QLineEdit* modelNameEdit() const { return m_modelName; }
    QComboBox* labelTypeChooser() const { return m_labelType; }
    QCheckBox* overwriteBox() const { return m_overwrite; }
    QLabel* overwriteExplanation() const { return m_overwriteText; }
    QCheckBox* scaleConfidenceBox() const { return m_scaleConfidence; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* uploadButton() const { return m_upload; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* undoButton() const { return m_undo; }
    QPushButton* exportButton() const { return m_export; }
    // "5 predictions created — show them in the tree", after an upload that created some.
    QLabel* createdLink() const { return m_createdLink; }
    // Asks the window to show the last import's labels (showCreatedRequested).
    void showCreated();
    QPushButton* resumeButton() const { return m_resume; }
    QProgressBar* progressBar() const { return m_progress; }
    PreflightView* preflight() const { return m_preflight; }
    ConfidenceHistogramView* histogram() const { return m_histogram; }
    ImportHistoryView* history() const { return m_history; }
    CategoryMappingModel* mappingModel() const { return m_mapping; }
    // How a COCO results list's dataset is asked for when the project has none remembered (a
    // file dialog); returns the path, or empty when the person declined. Tests replace it.
    using DatasetChooser = std::function<QString(QWidget* parent)>;
    void setCocoDatasetChooser(DatasetChooser chooser) { m_chooseCocoDataset = std::move(chooser); }

Q_SIGNALS:
    // The plan is shown in the pre-flight table.
    void checked();
    // An upload, resume or undo ended; labels on the server changed (the tree refreshes).
    void labelsChanged();
    // Every run (check, upload, resume) ends with this, successful or not.
    void idle();
    // The user wants to see the labels an import created: filter the tree to that model and
    // label type and select those labels.
    void showCreatedRequested(const QString& modelName, const kili::LabelType& labelType,
                              const QStringList& labelIds);
    // Something the person must act on went wrong (the import did not run, batches failed, an
    // undo stopped): for the window's error bar, with what its Retry does.
    void failed(const QString& message, kili::ui::ImportPanel::Retry retry);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // Forgets the last check's plan, histogram, table and progress (not the last import, which
    // Undo still offers).
    void forgetPlan();
    // Empties the pre-flight table, the progress and the link to the created labels.
    void clearResults();
    QWidget* buildInputs();
    QWidget* buildMapping();
    QWidget* buildProgress();
    void updateFileList();
    // The dataset of the COCO results lists among the inputs: the project's remembered one, else
    // asked for (and remembered); empty when none is needed or the person declined.
    QString cocoDatasetForInputs();
    void updateOverwriteText();
    void updateButtons();
    void setStatus(const QString& text);
    // The Resume offer above and the History tab, from the journals of this project and server.
    void refreshResumeOffer();
    std::unique_ptr<predictions::PredictionImport> newImport();
    void onStage(predictions::PredictionImport::Stage stage);
    void onPlanReady();
    void onFinished();
    void saveMapping();

    api::Connection* m_connection;
    std::unique_ptr<predictions::KiliApiBackend> m_backend;
    std::unique_ptr<predictions::PredictionImport> m_import;
    std::unique_ptr<predictions::ImportJournal> m_undoJournal;
    std::unique_ptr<predictions::ImportRollback> m_rollback;
    Project m_project;
    Interface m_interface;
    QStringList m_inputs;
    QStringList m_resumable;
    predictions::ImportReport m_report;
    QString m_lastImportId;
    QString m_lastModelName; // of the last upload, for showCreated()
    LabelType m_lastLabelType;
    bool m_uploading = false;

    QFrame* m_resumeBar;
    QLabel* m_resumeText;
    QPushButton* m_resume;
    QTreeWidget* m_files;
    QLineEdit* m_modelName;
    QComboBox* m_labelType;
    QCheckBox* m_overwrite;
    QLabel* m_overwriteText;
    QCheckBox* m_scaleConfidence;
    bool m_cancelRequested = false; // a cancelled upload is not a failure to report
    QComboBox* m_targetJob;
    QLabel* m_targetJobLabel;
    DatasetChooser m_chooseCocoDataset;
    QPushButton* m_check;
    QLabel* m_status;
    ImportHistoryView* m_history = nullptr;
    QTabWidget* m_tabs;
    PreflightView* m_preflight;
    ConfidenceHistogramView* m_histogram;
    CategoryMappingModel* m_mapping;
    QTableView* m_mappingTable;
    QProgressBar* m_progress;
    QLabel* m_progressText;
    QLabel* m_createdLink;
    QPushButton* m_upload;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QPushButton* m_undo;
};

} // namespace kili::ui
