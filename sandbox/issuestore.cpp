#include "issuestore.h"

#include "accountstore.h"
#include "database.h"
#include "filterbuilder.h"
#include "projectstore.h"
#include "wherefields.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

// issueNumber counts the project's issues (or questions) up to this one: Kili numbers each kind
// on its own.
const QString issueColumns = QStringLiteral(
    "i.id, i.type, i.status, i.text, i.author_seq, i.created_at, COALESCE(i.updated_at, "
    "i.created_at), i.label_id, i.object_mid, i.project_seq, ia.id, (SELECT COUNT(*) FROM issues "
    "i2 WHERE i2.project_seq = i.project_seq AND i2.type = i.type AND i2.seq <= i.seq)");

QJsonValue nullableText(const QVariant& value) {
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value.toString());
}

} // namespace

IssueStore::IssueStore(Database& database, ProjectStore& projects, AccountStore& accounts,
                       const FilterBuilder& filters)
    : m_database(database)
    , m_projects(projects)
    , m_accounts(accounts)
    , m_filters(filters) {}

bool IssueStore::issueWhere(const QJsonObject& where, SqlCondition& out, QString* error) const {
    if (const auto id = where::string(where, QLatin1String("id")))
        out.add(QStringLiteral("i.id = ?"), {*id});
    const QJsonObject project = where::object(where, QLatin1String("project"));
    if (const auto projectId = where::string(project, QLatin1String("id"))) {
        const qint64 seq = m_projects.seqForId(*projectId);
        if (seq < 0)
            out.impossible = true; // not found is an empty list, not an error
        else
            out.add(QStringLiteral("i.project_seq = ?"), {seq});
    }
    where::addIn(where, QLatin1String("assetIn"), QStringLiteral("ia.id"), out);
    where::addIn(where, QLatin1String("status"), QStringLiteral("i.status"), out);
    where::addIn(where, QLatin1String("type"), QStringLiteral("i.type"), out);
    // `asset: {}` (what the SDK sends without an asset id) adds nothing.
    SqlCondition asset;
    if (!m_filters.assetWhere(where::object(where, QLatin1String("asset")), QStringLiteral("ia"),
                              asset, error))
        return false;
    out.merge(asset);
    return true;
}

QJsonObject IssueStore::toJson(const QSqlQuery& query) const {
    const QString id = query.value(0).toString();
    const QJsonValue author = m_accounts.userJson(query.value(4).toLongLong());
    const QString authorId = author.toObject().value(QLatin1String("id")).toString();
    const QString createdAt = query.value(5).toString();
    const QString updatedAt = query.value(6).toString();
    QJsonArray comments;
    if (!query.value(3).isNull()) {
        // A sandbox issue has one comment, the text it was opened with; its id derives from the
        // issue's so that it stays the same from one answer to the next.
        comments.append(QJsonObject{{QStringLiteral("id"), QString(id + QStringLiteral("-1"))},
                                    {QStringLiteral("text"), query.value(3).toString()},
                                    {QStringLiteral("createdAt"), createdAt},
                                    {QStringLiteral("updatedAt"), createdAt},
                                    {QStringLiteral("authorIdUser"), authorId},
                                    {QStringLiteral("issueId"), id}});
    }
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), query.value(1).toString()},
        {QStringLiteral("status"), query.value(2).toString()},
        {QStringLiteral("createdAt"), createdAt},
        {QStringLiteral("updatedAt"), updatedAt},
        {QStringLiteral("author"), author},
        {QStringLiteral("authorId"), authorId},
        {QStringLiteral("labelId"), nullableText(query.value(7))},
        {QStringLiteral("objectMid"), nullableText(query.value(8))},
        {QStringLiteral("projectId"), m_projects.idForSeq(query.value(9).toLongLong())},
        {QStringLiteral("assetId"), query.value(10).toString()},
        {QStringLiteral("issueNumber"), query.value(11).toInt()},
        {QStringLiteral("hasBeenSeen"), false},
        {QStringLiteral("comments"), comments},
    };
}

bool IssueStore::select(const SqlCondition& condition, const QString& tail,
                        const QVariantList& tailValues, QJsonArray* out, QString* error) const {
    if (condition.impossible)
        return true;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + issueColumns
                  + QStringLiteral(" FROM issues i JOIN assets ia ON ia.seq = i.asset_seq")
                  + condition.whereClause() + tail);
    for (const QVariant& value : condition.values + tailValues)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = QStringLiteral("The sandbox database failed while reading issues: %1")
                     .arg(query.lastError().text());
        return false;
    }
    while (query.next())
        out->append(toJson(query));
    return true;
}

bool IssueStore::page(const QJsonObject& where, int first, int skip, QJsonArray* out,
                      QString* error) const {
    SqlCondition condition;
    if (!issueWhere(where, condition, error))
        return false;
    if (first <= 0)
        return true;
    return select(condition, QStringLiteral(" ORDER BY i.created_at, i.seq LIMIT ? OFFSET ?"),
                  {first, skip}, out, error);
}

bool IssueStore::count(const QJsonObject& where, int* out, QString* error) const {
    SqlCondition condition;
    if (!issueWhere(where, condition, error))
        return false;
    return m_database.count(QStringLiteral("issues i JOIN assets ia ON ia.seq = i.asset_seq"),
                            condition, QStringLiteral("issues"), out, error);
}

bool IssueStore::byIds(const QStringList& ids, QJsonArray* out, QString* error) const {
    if (ids.isEmpty())
        return true;
    SqlCondition condition;
    QVariantList bound;
    for (const QString& id : ids)
        bound.append(id);
    condition.add(QStringLiteral("i.id IN (") + placeholders(ids.size()) + QLatin1Char(')'), bound);
    QJsonArray found;
    if (!select(condition, QString(), {}, &found, error))
        return false;
    QHash<QString, QJsonValue> byId;
    for (const QJsonValue& issue : std::as_const(found))
        byId.insert(issue.toObject().value(QLatin1String("id")).toString(), issue);
    for (const QString& id : ids) {
        if (byId.contains(id))
            out->append(byId.value(id));
    }
    return true;
}

} // namespace kili::sandbox
