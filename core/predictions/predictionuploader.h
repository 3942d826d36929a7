// Sends a journal's pending batches with appendManyLabels, several in flight at once (the
// backend's rate limit applies to all of them), recording each batch's fate in the journal
// before going on. Batches whose outcome is in doubt — from an earlier crash or from a lost
// answer in this run — are first looked up on the server (labels of those assets with this
// model name, type and jsonResponse) and resent only when absent.
#pragma once

#include "predictions/importbackend.h"
#include "predictions/importjournal.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <deque>

namespace kili::predictions {

struct UploadProgress {
    qint64 done = 0;  // items confirmed created (this run and earlier ones)
    qint64 total = 0; // items of the import
    double itemsPerSecond = 0;
    double etaSeconds = -1; // -1 while unknown
    int batchesInFlight = 0;
};

struct UploadOutcome {
    int createdThisRun = 0;
    int remaining = 0; // items not confirmed: failed, in doubt, or not sent (cancel)
    int inDoubt = 0;
    bool cancelled = false;
    QStringList errors; // sentences, one per failed batch or journal problem

    bool complete() const { return remaining == 0; }
};

// Which in-doubt items of a batch the server's labels show as created: same asset, model name
// and jsonResponse, and a label id not yet credited to another item of the import.
struct DoubtResolution {
    QList<int> found;
    QStringList labelIds; // for `found`, same order
    QList<int> absent;
};
DoubtResolution resolveDoubt(const ImportJournal& journal, int batch,
                             const QList<kili::Label>& labels);

class PredictionUploader : public QObject {
    Q_OBJECT
public:
    PredictionUploader(ImportJournal& journal, ImportBackend& backend, QObject* parent = nullptr);
    ~PredictionUploader() override;

    // Rounds of verify → send while progress is being made (failures are retried this often).
    void setMaxRounds(int rounds) { m_maxRounds = rounds; }
    void start();
    // Stops sending; batches in flight stay in doubt in the journal and are checked on resume.
    void cancel();
    bool isRunning() const { return m_running; }
    const UploadOutcome& outcome() const { return m_outcome; }

Q_SIGNALS:
    void verifying(int batches);
    void progress(const kili::predictions::UploadProgress& progress);
    void finished(const kili::predictions::UploadOutcome& outcome);

private:
    struct Send {
        int batch;
        QList<int> items;
    };
    void nextRound();
    void verifyNext();
    void onVerified(int batch, const QList<kili::Label>& labels,
                    const std::optional<BackendFailure>& failure);
    void sendNext();
    void onSent(const Send& send, const QStringList& ids,
                const std::optional<BackendFailure>& failure);
    void journalFailed();
    void emitProgress();
    void finish();

    ImportJournal& m_journal;
    ImportBackend& m_backend;
    UploadOutcome m_outcome;
    std::deque<int> m_toVerify;
    std::deque<Send> m_toSend;
    int m_inFlight = 0;
    int m_round = 0;
    int m_maxRounds = 3;
    qint64 m_graceUntilMs = 0; // on m_clock: no doubt is settled before (a write timed out)
    int m_confirmedAtRoundStart = 0;
    bool m_running = false;
    bool m_stopped = false;
    QElapsedTimer m_clock;
    qint64 m_doneAtStart = 0;
};

} // namespace kili::predictions

Q_DECLARE_METATYPE(kili::predictions::UploadProgress)
Q_DECLARE_METATYPE(kili::predictions::UploadOutcome)
