#include "labelstore.h"

#include "database.h"
#include "filterbuilder.h"
#include "labelrows.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

LabelStore::LabelStore(Database& database, ProjectStore& projects, AccountStore& accounts,
                       const FilterBuilder& filters)
    : m_database(database)
    , m_projects(projects)
    , m_accounts(accounts)
    , m_filters(filters) {}

bool LabelStore::page(const QJsonObject& where, int first, int skip, QJsonArray* out,
                      QString* error) const {
    SqlCondition condition;
    if (!m_filters.labelWhere(where, QStringLiteral("l"), condition, error))
        return false;
    if (condition.impossible || first <= 0)
        return true;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + labelrows::columns() + labelrows::from()
                  + condition.whereClause()
                  + QStringLiteral(" ORDER BY l.created_at, l.seq LIMIT ? OFFSET ?"));
    for (const QVariant& value : std::as_const(condition.values))
        query.addBindValue(value);
    query.addBindValue(first);
    query.addBindValue(qMax(0, skip));
    if (!query.exec()) {
        *error = QStringLiteral("The sandbox database failed while reading labels: %1")
                     .arg(query.lastError().text());
        return false;
    }
    while (query.next())
        out->append(labelrows::toJson(query, m_accounts, m_projects));
    return true;
}

bool LabelStore::count(const QJsonObject& where, int* out, QString* error) const {
    SqlCondition condition;
    if (!m_filters.labelWhere(where, QStringLiteral("l"), condition, error))
        return false;
    return m_database.count(QStringLiteral("labels l"), condition, QStringLiteral("labels"), out,
                            error);
}

std::optional<QJsonObject> LabelStore::byId(const QString& id) const {
    QJsonArray found;
    QString error;
    if (!byIds({id}, &found, &error) || found.isEmpty())
        return std::nullopt;
    return found.first().toObject();
}

bool LabelStore::byIds(const QStringList& ids, QJsonArray* out, QString* error) const {
    if (ids.isEmpty())
        return true;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + labelrows::columns() + labelrows::from()
                  + QStringLiteral(" WHERE l.id IN (") + placeholders(ids.size())
                  + QLatin1Char(')'));
    for (const QString& id : ids)
        query.addBindValue(id);
    if (!query.exec()) {
        *error = QStringLiteral("The sandbox database failed while reading labels: %1")
                     .arg(query.lastError().text());
        return false;
    }
    QHash<QString, QJsonObject> byId;
    while (query.next()) {
        QJsonObject label = labelrows::toJson(query, m_accounts, m_projects);
        byId.insert(label.value(QStringLiteral("id")).toString(), label);
    }
    for (const QString& id : ids) {
        const auto it = byId.constFind(id);
        if (it != byId.constEnd())
            out->append(*it);
    }
    return true;
}

} // namespace kili::sandbox
