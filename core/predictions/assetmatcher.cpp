#include "predictions/assetmatcher.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

namespace kili::predictions {

namespace {

// Lookups of at most `count` ids and about kMaxLookupBytes of them: long external ids must not
// make a request larger than the server takes.
constexpr qsizetype kMaxLookupBytes = 1024 * 1024;

QList<QStringList> chunked(const QStringList& ids, int count) {
    QList<QStringList> chunks;
    QStringList chunk;
    qsizetype bytes = 0;
    for (const QString& id : ids) {
        const qsizetype size = id.size() * 2 + 8; // quoted, escaped at worst
        if (!chunk.isEmpty() && (chunk.size() == count || bytes + size > kMaxLookupBytes)) {
            chunks << chunk;
            chunk.clear();
            bytes = 0;
        }
        chunk << id;
        bytes += size;
    }
    if (!chunk.isEmpty())
        chunks << chunk;
    return chunks;
}

} // namespace

AssetMatcher::AssetMatcher(ImportBackend& backend, QString projectId, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_projectId(std::move(projectId)) {}

void AssetMatcher::start(const std::vector<PredictionItem>& items) {
    QSet<QString> externalSeen, idSeen;
    QStringList externalIds, assetIds;
    for (const PredictionItem& item : items) {
        if (!item.assetId.isEmpty()) {
            if (!idSeen.contains(item.assetId)) {
                idSeen.insert(item.assetId);
                assetIds << item.assetId;
            }
        } else if (!externalSeen.contains(item.externalId)) {
            externalSeen.insert(item.externalId);
            externalIds << item.externalId;
        }
    }
    for (const QStringList& chunk : chunked(externalIds, qMax(1, m_backend.assetChunkSize())))
        m_chunks.push_back({chunk, {}});
    for (const QStringList& chunk : chunked(assetIds, qMax(1, m_backend.assetChunkSize())))
        m_chunks.push_back({{}, chunk});
    m_total = int(externalIds.size() + assetIds.size());
    QTimer::singleShot(0, this, [this] { sendNext(); });
}

void AssetMatcher::sendNext() {
    while (!m_failed && !m_chunks.empty() && m_inFlight < m_backend.maxInFlight()) {
        const Chunk chunk = m_chunks.front();
        m_chunks.pop_front();
        ++m_inFlight;
        QPointer<AssetMatcher> self(this);
        const int count = int(chunk.externalIds.size() + chunk.assetIds.size());
        m_backend.fetchAssets(
            m_projectId, chunk.externalIds, chunk.assetIds,
            [self, count](QList<kili::Asset> assets, std::optional<BackendFailure> failure) {
                if (!self)
                    return;
                --self->m_inFlight;
                if (failure) {
                    if (!self->m_failed) {
                        self->m_failed = true;
                        self->m_error = failure->message;
                        self->m_backend.cancelAll();
                        Q_EMIT self->finished(false);
                    }
                    return;
                }
                for (const kili::Asset& asset : assets)
                    self->m_assets.add(asset);
                self->m_done += count;
                Q_EMIT self->progress(self->m_done, self->m_total);
                self->sendNext();
            });
    }
    if (!m_failed && m_chunks.empty() && m_inFlight == 0)
        Q_EMIT finished(true);
}

} // namespace kili::predictions
