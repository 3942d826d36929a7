// Resolves the external ids (and checks the asset ids) of an import in bulk: chunks as large as
// the server's page so that each chunk is usually one request, several chunks in flight. The
// assets come back with their labels, which the planner needs anyway — so matching and "what is
// already there" cost the same calls.
#pragma once

#include "predictions/importbackend.h"
#include "predictions/importplan.h"

#include <QObject>
#include <deque>

namespace kili::predictions {

class AssetMatcher : public QObject {
    Q_OBJECT
public:
    AssetMatcher(ImportBackend& backend, QString projectId, QObject* parent = nullptr);

    // Collects the ids of `items` (each once) and fetches their assets.
    void start(const std::vector<PredictionItem>& items);
    const AssetIndex& assets() const { return m_assets; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void progress(int idsDone, int idsTotal);
    void finished(bool success);

private:
    struct Chunk {
        QStringList externalIds;
        QStringList assetIds;
    };
    void sendNext();

    ImportBackend& m_backend;
    QString m_projectId;
    std::deque<Chunk> m_chunks;
    AssetIndex m_assets;
    int m_inFlight = 0;
    int m_total = 0;
    int m_done = 0;
    bool m_failed = false;
    QString m_error;
};

} // namespace kili::predictions
