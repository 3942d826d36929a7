// Deletes exactly the labels one import created, as its journal records them. Batches still in
// doubt are first looked up on the server, so labels created just before a crash are found and
// deleted too. Only PREDICTION and INFERENCE labels can be deleted on Kili; that is all an
// import creates.
#pragma once

#include "predictions/importbackend.h"
#include "predictions/importjournal.h"

#include <QObject>
#include <deque>

namespace kili::predictions {

class ImportRollback : public QObject {
    Q_OBJECT
public:
    static constexpr int kIdsPerCall = 100;

    ImportRollback(ImportJournal& journal, ImportBackend& backend, QObject* parent = nullptr);
    void start();
    int deletedCount() const { return m_deleted; }
    QStringList errors() const { return m_errors; }

Q_SIGNALS:
    void progress(int deleted, int total);
    void finished(bool success);

private:
    void verifyNext();
    void deleteNext();

    ImportJournal& m_journal;
    ImportBackend& m_backend;
    std::deque<int> m_toVerify;
    std::deque<QStringList> m_chunks;
    int m_total = 0;
    int m_deleted = 0;
    QStringList m_errors;
};

} // namespace kili::predictions
