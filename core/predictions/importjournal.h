// The on-disk record of one import, so that an interrupted import finishes without creating
// anything twice or losing anything. One append-only file per import (JSON lines, each record
// flushed and fsync'd before the pipeline goes on): the header, the plan's batches with their
// payloads, then every batch's fate — sending, sent (with the created label ids), failed
// (known or unknown outcome), verified after doubt, rolled back. Replaying the records gives the
// state to resume from; a torn last line (crash while writing) is ignored, which leaves its
// batch "in doubt" — the safe side.
#pragma once

#include "predictions/importplan.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <memory>

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
    QString state; // "complete", "incomplete", "rolled back", "planned"
};

class ImportJournal {
public:
    // $KILI_DESK_JOURNAL_DIR, or <AppDataLocation>/imports (~/.local/share/kili-desk/kili-desk/…).
    static QString directory();
    static QString newImportId();

    // Writes the header, the batches (≤ batchSize items, one model name each) and the plan's
    // report lists. Null with *error on failure (the disk is full, the folder is not writable).
    static std::unique_ptr<ImportJournal>
    create(const JournalHeader& header, const ImportPlan& plan, int batchSize, QString* error);
    static std::unique_ptr<ImportJournal> open(const QString& importId, QString* error);
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

    bool recordSending(int batch, const QList<int>& items);
    bool recordSent(int batch, const QList<int>& items, const QStringList& labelIds);
    bool recordFailed(int batch, const QList<int>& items, const QString& message, bool unknown);
    // After doubt: `found` items were created (ids in the same order), `absent` were not.
    bool recordVerified(int batch, const QList<int>& found, const QStringList& labelIds,
                        const QList<int>& absent);
    bool recordRollback(const QStringList& deletedIds);
    QString errorString() const { return m_error; }

private:
    ImportJournal() = default;
    bool append(const QJsonObject& record);
    void apply(const QJsonObject& record);

    JournalHeader m_header;
    QList<JournalBatch> m_batches;
    QJsonObject m_plan;
    QSet<QString> m_rolledBack;
    QFile m_file;
    QString m_error;
};

} // namespace kili::predictions
