#include "bulkinsert.h"

#include <QSqlError>

namespace kili::sandbox {

BulkInsert::BulkInsert(const QSqlDatabase& db, const QString& table, const QStringList& columns,
                       int rowsPerStatement)
    : m_db(db)
    , m_table(table)
    , m_columns(columns)
    , m_rowsPerStatement(rowsPerStatement)
    , m_batchQuery(db) {
    m_batchQuery.prepare(statement(m_rowsPerStatement));
    m_pending.reserve(m_rowsPerStatement * columns.size());
}

QString BulkInsert::statement(int rows) const {
    QString one = QStringLiteral("(?");
    for (qsizetype i = 1; i < m_columns.size(); ++i)
        one += QStringLiteral(", ?");
    one += QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i)
        tuples.append(one);
    return QStringLiteral("INSERT INTO ") + m_table + QStringLiteral("(")
           + m_columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES ")
           + tuples.join(QStringLiteral(", "));
}

bool BulkInsert::add(const QVariantList& row) {
    m_pending.append(row);
    if (m_pending.size() < m_rowsPerStatement * m_columns.size())
        return true;
    return execute(m_batchQuery, m_rowsPerStatement);
}

bool BulkInsert::flush() {
    if (m_pending.isEmpty())
        return true;
    const int rows = static_cast<int>(m_pending.size() / m_columns.size());
    QSqlQuery query(m_db);
    query.prepare(statement(rows));
    return execute(query, rows);
}

bool BulkInsert::execute(QSqlQuery& query, int rows) {
    Q_UNUSED(rows);
    for (qsizetype i = 0; i < m_pending.size(); ++i)
        query.bindValue(static_cast<int>(i), m_pending.at(i));
    m_pending.clear();
    if (!query.exec()) {
        m_error = QStringLiteral("The sandbox database could not insert into %1: %2")
                      .arg(m_table, query.lastError().text());
        return false;
    }
    m_lastInsertId = query.lastInsertId().toLongLong();
    return true;
}

} // namespace kili::sandbox
