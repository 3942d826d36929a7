// One import from files to labels, the object a window or the CLI drives:
// interface → read and check (worker thread) → match ids → plan → [confirm] → upload with a
// journal → report. Also resumes and (with ImportRollback) undoes an earlier import.
//
//     PredictionImport import(backend);
//     connect(&import, &PredictionImport::planReady, …);   // show plan().summaryText()
//     connect(&import, &PredictionImport::uploadProgress, …);
//     connect(&import, &PredictionImport::finished, …);    // report(), exitCode()
//     import.start(request);
#pragma once

#include "predictions/importbackend.h"
#include "predictions/importjournal.h"
#include "predictions/importplan.h"
#include "predictions/importreport.h"
#include "predictions/predictionscanner.h"
#include "predictions/predictionuploader.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace kili::predictions {

class AssetMatcher;

struct ImportRequest {
    ImportSettings settings;  // projectId, modelName, labelType, overwrite
    QStringList inputs;       // files and folders
    ScanOptions scan;         // format, target job, classes file, scaleConfidence
    bool dryRun = false;      // stop after the plan
    bool skipInvalid = false; // send the valid items even when some are invalid
    // Stop after the plan until confirmUpload() (a window asks the user); the CLI does not.
    bool confirmBeforeUpload = false;
};

class PredictionImport : public QObject {
    Q_OBJECT
public:
    enum class Stage {
        Idle,
        ReadingInterface,
        Reading,
        Matching,
        Planned,
        Verifying,
        Uploading,
        Done
    };
    Q_ENUM(Stage)

    // Exit codes of kili-desk-cli, also meaningful to a window.
    enum ExitCode { Success = 0, UsageOrConnection = 1, InvalidItems = 2, BatchesFailed = 3 };

    explicit PredictionImport(ImportBackend& backend, QObject* parent = nullptr);
    ~PredictionImport() override;

    void start(const ImportRequest& request);
    void resume(const QString& importId);
    void confirmUpload(); // after planReady when confirmBeforeUpload is set
    void cancel();

    Stage stage() const { return m_stage; }
    const ImportPlan& plan() const { return m_plan; }
    // What start() was given, or what resume() read from the journal.
    const ImportSettings& settings() const { return m_request.settings; }
    const ImportReport& report() const { return m_report; }
    QString importId() const { return m_importId; } // once the journal exists
    // A sentence when the import could not run at all (connection, project, journal).
    QString errorString() const { return m_error; }
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void stageChanged(kili::predictions::PredictionImport::Stage stage);
    void readProgress(qint64 itemsRead);
    void matchProgress(int idsDone, int idsTotal);
    void planReady();
    void uploadProgress(const kili::predictions::UploadProgress& progress);
    void finished();

private:
    void setStage(Stage stage);
    void onInterface(const kili::Interface& interface);
    void onScanned(ScanResult result);
    void onMatched(bool success);
    void checkEntitiesAgainstInlineTexts();
    void beginUpload();
    void onUploaded(const UploadOutcome& outcome);
    void fail(const QString& message, int exitCode);
    void finish(int exitCode);

    ImportBackend& m_backend;
    ImportRequest m_request;
    Stage m_stage = Stage::Idle;
    kili::Interface m_interface; // kept from onInterface for the checks that need the assets
    ScanResult m_scan;
    ImportPlan m_plan;
    ImportReport m_report;
    std::unique_ptr<AssetMatcher> m_matcher;
    std::unique_ptr<ImportJournal> m_journal;
    std::unique_ptr<PredictionUploader> m_uploader;
    std::shared_ptr<std::atomic_bool> m_cancelScan;
    QString m_importId;
    QString m_error;
    int m_exitCode = Success;
    bool m_cancelled = false;
};

} // namespace kili::predictions
