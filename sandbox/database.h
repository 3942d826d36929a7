#pragma once

#include "sqlcondition.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <memory>

class QThread;

namespace kili::sandbox {

// A SQLite database (QtSql) with the sandbox schema, reached through one connection per thread:
// the sandbox's workers answer requests in parallel and a QSqlDatabase may only be used by the
// thread that opened it. A file database uses WAL, so readers never wait for the writer; ":memory:"
// is an in-memory database shared by all of this instance's connections (SQLite's memdb VFS), not
// one empty database per connection. Connections of threads that ended are only closed with the
// Database, so the threads using it must outlive it (the server's pool keeps its threads).
class Database {
public:
    static std::unique_ptr<Database> open(const QString& path, QString* error);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // The calling thread's connection, opened on first use (invalid if that failed; its queries
    // then fail with the reason).
    QSqlDatabase connection() const;
    QString path() const { return m_path; }

    // Runs one statement without results; on failure returns false and says which statement.
    bool exec(const QString& sql, QString* error) const;
    // SELECT COUNT(*) FROM `from` WHERE `condition` (0 for an impossible one); on failure returns
    // false and says it was counting `what` ("labels").
    bool count(const QString& from, const SqlCondition& condition, const QString& what, int* out,
               QString* error) const;

private:
    Database(QString connectionName, QString path);
    bool openConnection(const QString& name, QString* error) const;
    bool createSchema(QString* error) const;
    bool addMissingColumns(QString* error) const;

    QString m_connectionName; // prefix of the per-thread connection names
    QString m_path;
    mutable QMutex m_mutex;
    mutable QHash<QThread*, QString> m_connections;
};

// A write transaction that rolls back unless committed: one per mutation, so a failed call leaves
// nothing behind.
class Transaction {
public:
    explicit Transaction(const QSqlDatabase& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace kili::sandbox
