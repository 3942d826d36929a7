#pragma once

#include <QSqlDatabase>
#include <QString>
#include <memory>

namespace kili::sandbox {

// One SQLite connection (QtSql), opened with WAL and the sandbox schema. Each instance owns a
// uniquely named connection, so several sandboxes can live in one process (tests), and it must be
// used from the thread that opened it.
class Database {
public:
    static std::unique_ptr<Database> open(const QString& path, QString* error);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    QString path() const { return m_path; }

    // Runs one statement without results; on failure returns false and says which statement.
    bool exec(const QString& sql, QString* error) const;

private:
    Database(QString connectionName, QString path);
    bool createSchema(QString* error) const;

    QString m_connectionName;
    QString m_path;
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
