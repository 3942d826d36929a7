#include "predictions/predictionuploader.h"

#include <QJsonDocument>
#include <QSet>
#include <QTimer>

namespace kili::predictions {

DoubtResolution resolveDoubt(const ImportJournal& journal, int number,
                             const QList<kili::Label>& labels) {
    DoubtResolution resolution;
    const JournalBatch& batch = journal.batches().at(number);
    QSet<QString> taken;
    const QStringList known = journal.createdLabelIds();
    for (const QString& id : known)
        taken.insert(id);
    QList<int> doubtful = batch.inDoubt.values();
    std::sort(doubtful.begin(), doubtful.end());
    for (int i : doubtful) {
        const JournalItem& item = batch.items.at(i);
        const QJsonObject expected = QJsonDocument::fromJson(item.jsonResponse).object();
        QString match;
        for (const kili::Label& label : labels) {
            if (label.assetId == item.assetId && label.modelName == batch.modelName
                && !taken.contains(label.id) && label.jsonResponse == expected) {
                match = label.id;
                break;
            }
        }
        if (match.isEmpty()) {
            resolution.absent << i;
        } else {
            taken.insert(match);
            resolution.found << i;
            resolution.labelIds << match;
        }
    }
    return resolution;
}

PredictionUploader::PredictionUploader(ImportJournal& journal, ImportBackend& backend,
                                       QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_backend(backend) {}

PredictionUploader::~PredictionUploader() {
    if (m_running)
        m_backend.cancelAll();
}

void PredictionUploader::start() {
    if (m_running)
        return;
    m_running = true;
    m_stopped = false;
    m_outcome = {};
    m_round = 0;
    m_doneAtStart = m_journal.confirmedItems();
    m_clock.start();
    // From the event loop, so that signals connected after start() are seen.
    QTimer::singleShot(0, this, [this] { nextRound(); });
}

void PredictionUploader::cancel() {
    if (!m_running || m_stopped)
        return;
    m_stopped = true;
    m_outcome.cancelled = true;
    m_backend.cancelAll();
    m_inFlight = 0;
    finish();
}

void PredictionUploader::nextRound() {
    if (m_stopped)
        return;
    // Another round when something is in doubt (checking is cheap and settles it), or when the
    // last round made progress and items are still pending.
    const int confirmed = m_journal.confirmedItems();
    const bool progressed = m_round == 0 || confirmed > m_confirmedAtRoundStart;
    const bool doubt = m_journal.inDoubtItems() > 0;
    if (m_journal.isComplete() || m_round >= m_maxRounds || (!progressed && !doubt)) {
        finish();
        return;
    }
    ++m_round;
    m_confirmedAtRoundStart = confirmed;
    m_toVerify.clear();
    for (const JournalBatch& batch : m_journal.batches()) {
        if (!batch.inDoubt.isEmpty())
            m_toVerify.push_back(batch.number);
    }
    if (!m_toVerify.empty())
        Q_EMIT verifying(int(m_toVerify.size()));
    verifyNext();
}

void PredictionUploader::verifyNext() {
    if (m_stopped)
        return;
    while (!m_toVerify.empty() && m_inFlight < m_backend.maxInFlight()) {
        const int number = m_toVerify.front();
        m_toVerify.pop_front();
        const JournalBatch& batch = m_journal.batches().at(number);
        QStringList assetIds;
        for (int i : batch.inDoubt)
            assetIds << batch.items.at(i).assetId;
        ++m_inFlight;
        QPointer<PredictionUploader> self(this);
        m_backend.fetchLabels(
            m_journal.header().projectId, assetIds, m_journal.header().settings.labelType,
            [self, number](QList<kili::Label> labels, std::optional<BackendFailure> failure) {
                if (self)
                    self->onVerified(number, labels, failure);
            });
    }
    if (m_toVerify.empty() && m_inFlight == 0) {
        // Verification done: queue what is pending now.
        m_toSend.clear();
        for (const JournalBatch& batch : m_journal.batches()) {
            const QList<int> pending = batch.pendingItems();
            if (!pending.isEmpty())
                m_toSend.push_back({batch.number, pending});
        }
        sendNext();
    }
}

void PredictionUploader::onVerified(int number, const QList<kili::Label>& labels,
                                    const std::optional<BackendFailure>& failure) {
    --m_inFlight;
    if (failure) {
        m_outcome.errors << QStringLiteral("batch %1: could not check which labels were created "
                                           "(%2); it stays in doubt and is checked on resume")
                                .arg(number)
                                .arg(failure->message);
        verifyNext();
        return;
    }
    const DoubtResolution resolution = resolveDoubt(m_journal, number, labels);
    if (!m_journal.recordVerified(number, resolution.found, resolution.labelIds,
                                  resolution.absent)) {
        journalFailed();
        return;
    }
    m_outcome.createdThisRun += int(resolution.found.size());
    emitProgress();
    verifyNext();
}

void PredictionUploader::sendNext() {
    if (m_stopped)
        return;
    while (!m_toSend.empty() && m_inFlight < m_backend.maxInFlight()) {
        const Send send = m_toSend.front();
        m_toSend.pop_front();
        const JournalBatch& batch = m_journal.batches().at(send.batch);
        const ImportSettings& settings = m_journal.header().settings;
        AppendRequest request;
        request.projectId = m_journal.header().projectId;
        request.labelType = settings.labelType;
        request.modelName = batch.modelName;
        request.overwrite = settings.overwrite;
        for (int i : send.items) {
            request.assetIds << batch.items.at(i).assetId;
            request.jsonResponses << batch.items.at(i).jsonResponse;
        }
        // Recorded before it leaves: a crash from here on leaves the batch in doubt, not lost.
        if (!m_journal.recordSending(send.batch, send.items)) {
            journalFailed();
            return;
        }
        ++m_inFlight;
        QPointer<PredictionUploader> self(this);
        m_backend.appendLabels(
            request, [self, send](QStringList ids, std::optional<BackendFailure> failure) {
                if (self)
                    self->onSent(send, ids, failure);
            });
        emitProgress();
    }
    if (m_toSend.empty() && m_inFlight == 0)
        nextRound();
}

void PredictionUploader::onSent(const Send& send, const QStringList& ids,
                                const std::optional<BackendFailure>& failure) {
    --m_inFlight;
    bool recorded = true;
    if (failure && failure->tooLarge && send.items.size() > 1) {
        // Batches are sized for Kili's limits, but a server may take less: send it in halves.
        recorded = m_journal.recordFailed(send.batch, send.items, failure->message, false);
        const qsizetype half = send.items.size() / 2;
        m_toSend.push_front({send.batch, send.items.mid(half)});
        m_toSend.push_front({send.batch, send.items.first(half)});
    } else if (failure) {
        recorded = m_journal.recordFailed(send.batch, send.items, failure->message,
                                          failure->outcomeUnknown);
        m_outcome.errors << QStringLiteral("batch %1 (%2 predictions): %3")
                                .arg(send.batch)
                                .arg(send.items.size())
                                .arg(failure->message);
    } else if (ids.size() != send.items.size()) {
        // Not the answer appendManyLabels gives; the server decides what exists: check it.
        recorded = m_journal.recordFailed(
            send.batch, send.items,
            QStringLiteral("the server returned %1 label ids for %2 predictions")
                .arg(ids.size())
                .arg(send.items.size()),
            true);
    } else {
        recorded = m_journal.recordSent(send.batch, send.items, ids);
        m_outcome.createdThisRun += int(ids.size());
    }
    if (!recorded) {
        journalFailed();
        return;
    }
    emitProgress();
    sendNext();
}

void PredictionUploader::journalFailed() {
    m_outcome.errors << m_journal.errorString()
                            + QStringLiteral("; the import stopped so that nothing is sent without "
                                             "a record");
    m_stopped = true;
    m_backend.cancelAll();
    m_inFlight = 0;
    finish();
}

void PredictionUploader::emitProgress() {
    UploadProgress progress;
    progress.done = m_journal.confirmedItems();
    progress.total = m_journal.totalItems();
    progress.batchesInFlight = m_inFlight;
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    const qint64 doneHere = progress.done - m_doneAtStart;
    if (seconds > 0.2 && doneHere > 0) {
        progress.itemsPerSecond = double(doneHere) / seconds;
        progress.etaSeconds = double(progress.total - progress.done) / progress.itemsPerSecond;
    }
    Q_EMIT this->progress(progress);
}

void PredictionUploader::finish() {
    if (!m_running)
        return;
    m_running = false;
    m_outcome.remaining = m_journal.totalItems() - m_journal.confirmedItems();
    m_outcome.inDoubt = m_journal.inDoubtItems();
    emitProgress();
    Q_EMIT finished(m_outcome);
}

} // namespace kili::predictions
