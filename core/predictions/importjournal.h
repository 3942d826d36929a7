// The on-disk record of one import, so that an interrupted import finishes without creating
// anything twice or losing anything. One append-only file per import (JSON lines, each record
// flushed and fsync'd before the pipeline goes on): the header, the plan's batches with their
// payloads, then every batch's fate — sending, sent (with the created label ids), failed
// (known or unknown outcome), verified after doubt, rolled back. Replaying the records gives the
// state to resume from; a torn last line (crash while writing) is ignored, which leaves its
// batch "in doubt" — the safe side.
//
// A journal is whole or absent: it is written as <id>.journal.part up to its plan record, synced,
// then renamed into place, and nothing is sent before that. A journal without its plan record is
// refused, never taken for a finished import. Whoever writes a journal (import, resume, rollback)
// holds <id>.journal.lock, so two processes never send one import's batches twice.
#pragma once

#include "predictions/importplan.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <memory>

class QLockFile;

namespace kili::predictions {

struct JournalItem {
    QString assetId;
    QString externalId;
    QByteArray jsonResponse;
};

struct JournalBatch {
    int number = 0;
    QString modelName;
    QList<JournalItem> items;
    // replayed state, one entry per item
    QStringList labelIds; // the created label's id, empty until confirmed
    QSet<int> inDoubt;    // sent, outcome unknown: check on the server before resending
    QString lastError;

    QList<int> pendingItems() const; // neither confirmed nor in doubt
    bool isComplete() const;
    int confirmedCount() const;
};

struct JournalHeader {
    QString importId;
    QString projectId;
    QString server;
    ImportSettings settings;
    QDateTime createdAt;
    QStringList inputs;
    // What the scan was asked to change (mapping, minimum confidences, scaling), for the record:
    // the batches already hold the result, so resume sends exactly what was planned.
    QJsonObject options;
};

// One line of `kili-desk-cli imports`.
struct JournalSummary {
    QString importId;
    QString projectId;
    QString modelName;
    QDateTime createdAt;
    int items = 0;
    int created = 0;
    int inDoubt = 0;
    QString server; // "127.0.0.1:8080": the server the import was sent to
    QString state;  // "complete", "incomplete", "rolled back", "planned", "cut short", "damaged"
};

class ImportJournal {
public:
    ~ImportJournal();

    // $KILI_DESK_JOURNAL_DIR, or <GenericDataLocation>/kili-desk/imports (~/.local/share/…),
    // private to the user (0700; journals 0600: they hold the project's predictions).
    static QString directory();
    static QString newImportId();
    // Whether `text` has the form newImportId() gives (20261201-221309-0a1b2c): anything else
    // (a path, a typo) is refused before a file is touched.
    static bool isImportId(const QString& text);

    // At most this many bytes of jsonResponse in one batch (with at most batchSize items): a
    // batch of large polygons stays well under what Kili and the sandbox (32 MB) accept.
    static constexpr qint64 kMaxBatchBytes = 8 * 1024 * 1024;

    // Writes the header, the batches (≤ batchSize items, one model name each) and the plan's
    // report lists, then puts the journal in place, locked for this process. Null with *error on
    // failure (the disk is full, the folder is not writable).
    static std::unique_ptr<ImportJournal>
    create(const JournalHeader& header, const ImportPlan& plan, int batchSize, QString* error);
    // Opens an existing, whole journal to go on writing it (resume, rollback), holding its lock.
    // Null with *error when the id is malformed, there is no such import, the journal was cut
    // short or another process holds it.
    static std::unique_ptr<ImportJournal> open(const QString& importId, QString* error);
    // Reads a journal without writing or locking it (listing, reports).
    static std::unique_ptr<ImportJournal> read(const QString& importId, QString* error);
    static QList<JournalSummary> list();

    const JournalHeader& header() const { return m_header; }
    QList<JournalBatch>& batches() { return m_batches; }
    const QList<JournalBatch>& batches() const { return m_batches; }
    QString path() const { return m_file.fileName(); }
    // alreadyPresent, invalid, unknownIds and overwritten as planned (for the report)
    QJsonObject planRecord() const { return m_plan; }
    QStringList createdLabelIds() const;
    QSet<QString> rolledBackIds() const { return m_rolledBack; }
    int totalItems() const;
    int confirmedItems() const;
    int inDoubtItems() const;
    bool isComplete() const;
    QString state() const;
    // Empty when the import was sent to `serverName`; otherwise the sentence refusing to resume
    // or roll it back through another server (its label ids mean nothing there).
    QString otherServerError(const QString& serverName) const;

    bool recordSending(int batch, const QList<int>& items);
    bool recordSent(int batch, const QList<int>& items, const QStringList& labelIds);
    bool recordFailed(int batch, const QList<int>& items, const QString& message, bool unknown);
    // After doubt: `found` items were created (ids in the same order), `absent` were not.
    bool recordVerified(int batch, const QList<int>& found, const QStringList& labelIds,
                        const QList<int>& absent);
    bool recordRollback(const QStringList& deletedIds);
    // Closes the file and releases the lock, once nothing more will be recorded, so that another
    // part of the program (the desk's Undo) or another process can open the journal.
    void close();
    QString errorString() const { return m_error; }

private:
    enum class Access { Read, Write };
    ImportJournal();
    static std::unique_ptr<ImportJournal> load(const QString& importId, Access access,
                                               QString* error);
    bool lock(const QString& journalPath, QString* error);
    bool readRecords(Access access);
    bool writeHeader(const JournalHeader& header);
    bool writeBatches(const ImportPlan& plan, int batchSize);
    bool writePlan(const ImportPlan& plan);
    bool putInPlace(const QString& finalPath);
    bool append(const QJsonObject& record);
    void apply(const QJsonObject& record);

    JournalHeader m_header;
    QList<JournalBatch> m_batches;
    QJsonObject m_plan;
    QSet<QString> m_rolledBack;
    QFile m_file;
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
};

} // namespace kili::predictions
