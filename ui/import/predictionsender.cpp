#include "ui/import/predictionsender.h"

#include <QJsonDocument>
#include <QPointer>

namespace kili::ui {

PredictionSender::PredictionSender(predictions::ImportBackend& backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend) {}

bool PredictionSender::send(const QString& projectId, const QString& modelName, LabelType labelType,
                            const QList<OutgoingPrediction>& predictions) {
    if (m_running)
        return false;
    m_template = {};
    m_template.projectId = projectId;
    m_template.modelName = modelName;
    m_template.labelType = labelType;
    m_pending = predictions;
    m_created.clear();
    m_errors.clear();
    m_total = int(predictions.size());
    m_done = 0;
    m_running = true;
    sendNext();
    return true;
}

void PredictionSender::sendNext() {
    if (m_pending.isEmpty()) {
        m_running = false;
        Q_EMIT finished(m_errors.isEmpty());
        return;
    }
    predictions::AppendRequest request = m_template;
    const qsizetype count = qMin<qsizetype>(kBatchSize, m_pending.size());
    for (qsizetype i = 0; i < count; ++i) {
        request.assetIds << m_pending.at(i).assetId;
        request.jsonResponses
            << QJsonDocument(m_pending.at(i).jsonResponse).toJson(QJsonDocument::Compact);
    }
    m_pending.remove(0, count);
    QPointer<PredictionSender> self(this);
    m_backend.appendLabels(
        request,
        [self, count](QStringList ids, std::optional<predictions::BackendFailure> failure) {
            if (!self)
                return;
            if (failure)
                self->m_errors << failure->message;
            else
                self->m_created << ids;
            self->m_done += int(count);
            Q_EMIT self->progress(self->m_done, self->m_total);
            self->sendNext();
        });
}

} // namespace kili::ui
