#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace kili::sandbox {

// Inserts rows through one prepared multi-row INSERT (`VALUES (...), (...), ...`) so that a bulk
// load pays the statement overhead once per batch rather than once per row. The caller owns the
// transaction; flush() writes the last partial batch.
class BulkInsert {
public:
    BulkInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns,
               int rowsPerStatement = 64);

    // Appends one row (values in column order). Returns false on a database error.
    bool add(const QVariantList& row);
    bool flush();
    QString error() const { return m_error; }
    qint64 lastInsertId() const { return m_lastInsertId; }

private:
    bool execute(QSqlQuery& query, int rows);
    QString statement(int rows) const;

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    QSqlQuery m_batchQuery;
    QVariantList m_pending;
    QString m_error;
    qint64 m_lastInsertId = -1;
};

} // namespace kili::sandbox
