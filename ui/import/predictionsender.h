// Sends a handful of jsonResponses as PREDICTION (or INFERENCE) labels of one model — what the
// "New prediction" form and "Copy as prediction" submit. Batches of 100 (appendManyLabels' limit),
// one after the other; small sends need no journal (large ones go through the import panel).
#pragma once

#include "domain/labeltype.h"
#include "predictions/importbackend.h"

#include <QJsonObject>
#include <QObject>

namespace kili::ui {

struct OutgoingPrediction {
    QString assetId;
    QJsonObject jsonResponse;
};

class PredictionSender : public QObject {
    Q_OBJECT
public:
    static constexpr int kBatchSize = 100;

    // The backend is not owned and must outlive the sender.
    explicit PredictionSender(predictions::ImportBackend& backend, QObject* parent = nullptr);

    // Starts sending; false (and nothing sent) while a send is running.
    bool send(const QString& projectId, const QString& modelName, LabelType labelType,
              const QList<OutgoingPrediction>& predictions);
    bool isRunning() const { return m_running; }
    QStringList createdLabelIds() const { return m_created; }
    QStringList errors() const { return m_errors; }

Q_SIGNALS:
    void progress(int done, int total);
    // Once per send, after every batch was answered.
    void finished(bool success);

private:
    void sendNext();

    predictions::ImportBackend& m_backend;
    predictions::AppendRequest m_template;
    QList<OutgoingPrediction> m_pending;
    QStringList m_created;
    QStringList m_errors;
    int m_total = 0;
    int m_done = 0;
    bool m_running = false;
};

} // namespace kili::ui
