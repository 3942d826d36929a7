#include "predictions/importrollback.h"

#include "predictions/predictionuploader.h"

#include <QPointer>
#include <QTimer>

namespace kili::predictions {

ImportRollback::ImportRollback(ImportJournal& journal, ImportBackend& backend, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_backend(backend) {}

void ImportRollback::start() {
    const QString otherServer = m_journal.otherServerError(m_backend.serverName());
    if (!otherServer.isEmpty()) {
        m_errors << otherServer;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(false); });
        return;
    }
    for (const JournalBatch& batch : m_journal.batches()) {
        if (!batch.inDoubt.isEmpty())
            m_toVerify.push_back(batch.number);
    }
    QTimer::singleShot(0, this, [this] { verifyNext(); });
}

void ImportRollback::verifyNext() {
    if (m_toVerify.empty()) {
        const QSet<QString> done = m_journal.rolledBackIds();
        QStringList ids;
        const QStringList created = m_journal.createdLabelIds();
        for (const QString& id : created) {
            if (!done.contains(id))
                ids << id;
        }
        m_total = int(ids.size());
        for (qsizetype i = 0; i < ids.size(); i += kIdsPerCall)
            m_chunks.push_back(ids.mid(i, kIdsPerCall));
        deleteNext();
        return;
    }
    const int number = m_toVerify.front();
    m_toVerify.pop_front();
    const JournalBatch& batch = m_journal.batches().at(number);
    QStringList assetIds;
    for (int i : batch.inDoubt)
        assetIds << batch.items.at(i).assetId;
    QPointer<ImportRollback> self(this);
    m_backend.fetchLabels(
        m_journal.header().projectId, assetIds, m_journal.header().settings.labelType,
        [self, number](QList<kili::Label> labels, std::optional<BackendFailure> failure) {
            if (!self)
                return;
            if (failure) {
                self->m_errors << QStringLiteral("could not check batch %1 (%2); labels "
                                                 "it may have created are not deleted")
                                      .arg(number)
                                      .arg(failure->message);
            } else {
                const DoubtResolution resolution = resolveDoubt(self->m_journal, number, labels);
                if (!self->m_journal.recordVerified(number, resolution.found, resolution.labelIds,
                                                    resolution.absent))
                    self->m_errors << self->m_journal.errorString();
            }
            self->verifyNext();
        });
}

void ImportRollback::deleteNext() {
    if (m_chunks.empty()) {
        Q_EMIT finished(m_errors.isEmpty());
        return;
    }
    const QStringList chunk = m_chunks.front();
    m_chunks.pop_front();
    QPointer<ImportRollback> self(this);
    m_backend.deleteLabels(chunk, [self, chunk](QStringList deleted,
                                                std::optional<BackendFailure> failure) {
        if (!self)
            return;
        if (failure) {
            self->m_errors << QStringLiteral("could not delete %1 labels (%2); run the rollback "
                                             "again to retry")
                                  .arg(chunk.size())
                                  .arg(failure->message);
        } else {
            // Ids the server no longer has are gone as well: the chunk is done either way.
            if (!self->m_journal.recordRollback(chunk))
                self->m_errors << self->m_journal.errorString();
            self->m_deleted += int(deleted.size());
            Q_EMIT self->progress(self->m_deleted, self->m_total);
        }
        self->deleteNext();
    });
}

} // namespace kili::predictions
