// Sends a handful of jsonResponses as PREDICTION (or INFERENCE) labels of one model — what the
// "New prediction" form and "Copy as prediction" submit — through the same pipeline as a dropped
// file: the predictions are written as a JSONL source beside the journals, then imported
// (checked against the interface, planned against what is already there, journalled, resumable
// and undoable). Submitting the same prediction twice creates it once.
#pragma once

#include "domain/labeltype.h"
#include "predictions/importbackend.h"

#include <QJsonObject>
#include <QObject>
#include <memory>

namespace kili::predictions {
class PredictionImport;
}

namespace kili::ui {

struct OutgoingPrediction {
    QString assetId;
    QJsonObject jsonResponse;
};

class PredictionSender : public QObject {
    Q_OBJECT
public:
    // The backend is not owned and must outlive the sender.
    explicit PredictionSender(predictions::ImportBackend& backend, QObject* parent = nullptr);
    ~PredictionSender() override;

    // Starts sending; false (and nothing sent) while a send is running. `source` names what the
    // predictions come from in the source file's name ("form", "copy").
    bool send(const QString& projectId, const QString& modelName, LabelType labelType,
              const QList<OutgoingPrediction>& predictions,
              const QString& source = QStringLiteral("form"));
    bool isRunning() const;
    QStringList createdLabelIds() const { return m_created; }
    int alreadyPresentCount() const { return m_alreadyPresent; }
    // Why predictions were not created: the checks' problems, failed batches, the connection.
    QStringList errors() const { return m_errors; }
    QString importId() const { return m_importId; }

    // The folder of the source files: <journal folder>/sources.
    static QString sourceDirectory();

Q_SIGNALS:
    void progress(int done, int total);
    // Once per send, after the import ended.
    void finished(bool success);

private:
    void onFinished();

    predictions::ImportBackend& m_backend;
    std::unique_ptr<predictions::PredictionImport> m_import;
    QStringList m_created;
    QStringList m_errors;
    QString m_importId;
    int m_alreadyPresent = 0;
};

} // namespace kili::ui
