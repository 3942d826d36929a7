#include "accountstore.h"

#include "database.h"
#include "ids.h"
#include "wherefields.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace kili::sandbox {

namespace {

const QString defaultEmail = QStringLiteral("demo@sandbox.kili.local");

QString queryError(const QSqlQuery& query, const QString& what) {
    return QStringLiteral("The sandbox database failed while %1: %2")
        .arg(what, query.lastError().text());
}

} // namespace

QString maskedKey(const QString& key) {
    // Short keys would be shown almost whole by their last 4 characters: show none of them.
    return QStringLiteral("****") + (key.size() > 8 ? key.right(4) : QString());
}

QJsonObject UserRecord::toJson() const {
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("email"), email},
        {QStringLiteral("firstname"), firstname},
        {QStringLiteral("lastname"), lastname},
        {QStringLiteral("activated"), activated},
        {QStringLiteral("organizationRole"), organizationRole},
        {QStringLiteral("organizationId"), organizationId},
        {QStringLiteral("organization"),
         QJsonObject{{QStringLiteral("id"), organizationId},
                     {QStringLiteral("name"), QStringLiteral("Kili Desk sandbox")}}},
        {QStringLiteral("createdAt"), createdAt},
        {QStringLiteral("updatedAt"), createdAt},
    };
}

AccountStore::AccountStore(Database& database, IdGenerator& ids)
    : m_database(database)
    , m_ids(ids) {
    loadUsers();
}

void AccountStore::loadUsers() {
    QSqlQuery query(m_database.connection());
    query.exec(QStringLiteral("SELECT seq, id, email, firstname, lastname, organization_id, "
                              "organization_role, activated, created_at FROM users"));
    while (query.next()) {
        UserRecord user;
        user.seq = query.value(0).toLongLong();
        user.id = query.value(1).toString();
        user.email = query.value(2).toString();
        user.firstname = query.value(3).toString();
        user.lastname = query.value(4).toString();
        user.organizationId = query.value(5).toString();
        user.organizationRole = query.value(6).toString();
        user.activated = query.value(7).toBool();
        user.createdAt = query.value(8).toString();
        m_seqById.insert(user.id, user.seq);
        m_users.insert(user.seq, user);
        m_jsonBySeq.insert(user.seq, user.toJson());
    }
}

std::optional<UserRecord> AccountStore::ensureUser(const QString& email, const QString& firstname,
                                                   const QString& lastname, const QString& role,
                                                   QString* error) {
    for (const UserRecord& user : std::as_const(m_users)) {
        if (user.email.compare(email, Qt::CaseInsensitive) == 0)
            return user;
    }
    UserRecord user;
    user.id = m_ids.next();
    user.email = email;
    user.firstname = firstname;
    user.lastname = lastname;
    user.organizationRole = role.isEmpty() ? QStringLiteral("ADMIN") : role;
    // One organization per sandbox: reuse the first user's.
    user.organizationId = m_users.isEmpty() ? m_ids.next() : m_users.cbegin()->organizationId;
    user.createdAt = isoNow();
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO users(id, email, firstname, lastname, "
                                 "organization_id, organization_role, activated, created_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, 1, ?)"));
    for (const QString& value : {user.id, user.email, user.firstname, user.lastname,
                                 user.organizationId, user.organizationRole, user.createdAt})
        query.addBindValue(value);
    if (!query.exec()) {
        *error = queryError(query, QStringLiteral("adding the user %1").arg(email));
        return std::nullopt;
    }
    user.seq = query.lastInsertId().toLongLong();
    m_seqById.insert(user.id, user.seq);
    m_users.insert(user.seq, user);
    m_jsonBySeq.insert(user.seq, user.toJson());
    return user;
}

std::optional<UserRecord> AccountStore::defaultUser(QString* error) {
    return ensureUser(defaultEmail, QStringLiteral("Demo"), QStringLiteral("Annotator"),
                      QStringLiteral("ADMIN"), error);
}

bool AccountStore::replaceApiKeys(qint64 userSeq, const QString& key, const QString& name,
                                  const QString& expiryDate, QString* error) {
    Transaction transaction(m_database.connection());
    QSqlQuery remove(m_database.connection());
    remove.prepare(QStringLiteral("DELETE FROM api_keys WHERE key <> ?"));
    remove.addBindValue(key);
    if (!remove.exec()) {
        *error = queryError(remove, QStringLiteral("removing the previous API keys"));
        return false;
    }
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("INSERT INTO api_keys(id, key, name, user_seq, created_at, "
                       "expiry_date, revoked) VALUES (?, ?, ?, ?, ?, ?, 0) "
                       "ON CONFLICT(key) DO UPDATE SET revoked = 0, "
                       "expiry_date = excluded.expiry_date, user_seq = excluded.user_seq"));
    query.addBindValue(m_ids.next());
    query.addBindValue(key);
    query.addBindValue(name);
    query.addBindValue(userSeq);
    query.addBindValue(isoNow());
    query.addBindValue(expiryDate);
    if (!query.exec()) {
        *error = queryError(query, QStringLiteral("storing the API key"));
        return false;
    }
    if (!transaction.commit()) {
        *error = QStringLiteral("The sandbox database could not commit the new API key.");
        return false;
    }
    return true;
}

std::optional<UserRecord> AccountStore::userForKey(const QString& key) {
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("SELECT user_seq, expiry_date FROM api_keys WHERE key = ? AND revoked = 0"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const QString expiry = query.value(1).toString();
    if (!expiry.isEmpty() && expiry < isoNow())
        return std::nullopt;
    return userBySeq(query.value(0).toLongLong());
}

std::optional<UserRecord> AccountStore::userBySeq(qint64 seq) {
    const auto it = m_users.constFind(seq);
    if (it == m_users.constEnd())
        return std::nullopt;
    return *it;
}

QJsonValue AccountStore::userJson(qint64 seq) {
    const auto cached = m_jsonBySeq.constFind(seq);
    return cached == m_jsonBySeq.constEnd() ? QJsonValue(QJsonValue::Null) : QJsonValue(*cached);
}

std::optional<UserRecord> AccountStore::userById(const QString& id) {
    const auto it = m_seqById.constFind(id);
    if (it == m_seqById.constEnd())
        return std::nullopt;
    return userBySeq(*it);
}

QList<qint64> AccountStore::usersNamed(const QStringList& names) {
    QList<qint64> out;
    for (const UserRecord& user : std::as_const(m_users)) {
        const QString full = user.firstname + QLatin1Char(' ') + user.lastname;
        for (const QString& name : names) {
            if (name.compare(user.firstname, Qt::CaseInsensitive) == 0
                || name.compare(user.lastname, Qt::CaseInsensitive) == 0
                || name.compare(full, Qt::CaseInsensitive) == 0
                || name.compare(user.email, Qt::CaseInsensitive) == 0) {
                out.append(user.seq);
                break;
            }
        }
    }
    return out;
}

QList<UserRecord> AccountStore::matchingUsers(const QJsonObject& where,
                                              const QString& organizationId) const {
    const std::optional<QString> id = where::string(where, QLatin1String("id"));
    const std::optional<QStringList> ids = where::stringList(where, QLatin1String("idIn"));
    const std::optional<QString> email = where::string(where, QLatin1String("email"));
    const std::optional<bool> activated = where::boolean(where, QLatin1String("activated"));
    // The SDK always sends `organization` and leaves its null id in: {"id": null} is no filter.
    const std::optional<QString> organization =
        where::string(where::object(where, QLatin1String("organization")), QLatin1String("id"));
    if (organization && *organization != organizationId)
        return {};
    QList<UserRecord> out;
    for (const UserRecord& user : std::as_const(m_users)) {
        if (user.organizationId != organizationId || (id && user.id != *id)
            || (ids && !ids->contains(user.id)) || (activated && user.activated != *activated)
            || (email && user.email.compare(*email, Qt::CaseInsensitive) != 0))
            continue;
        out.append(user);
    }
    std::sort(out.begin(), out.end(),
              [](const UserRecord& a, const UserRecord& b) { return a.seq < b.seq; });
    return out;
}

std::optional<UserRecord> AccountStore::userFromKeyWhere(const QJsonObject& where, qint64 viewerSeq,
                                                         QString* clause, QVariantList* values) {
    QStringList clauses = {QStringLiteral("k.user_seq = ?")};
    values->append(viewerSeq);
    if (const auto id = where::string(where, QLatin1String("id"))) {
        clauses.append(QStringLiteral("k.id = ?"));
        values->append(*id);
    }
    if (const auto key = where::string(where, QLatin1String("key"))) {
        clauses.append(QStringLiteral("k.key = ?"));
        values->append(*key);
    }
    const QJsonObject user = where::object(where, QLatin1String("user"));
    if (const auto userId = where::string(user, QLatin1String("id"))) {
        clauses.append(QStringLiteral("u.id = ?"));
        values->append(*userId);
    }
    if (const auto email = where::string(user, QLatin1String("email"))) {
        clauses.append(QStringLiteral("u.email = ?"));
        values->append(*email);
    }
    *clause = clauses.join(QStringLiteral(" AND "));
    return userBySeq(viewerSeq);
}

bool AccountStore::apiKeys(const QJsonObject& where, int first, int skip, qint64 viewerSeq,
                           QJsonArray* out, QString* error) {
    QString clause;
    QVariantList values;
    const std::optional<UserRecord> viewer = userFromKeyWhere(where, viewerSeq, &clause, &values);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT k.id, k.key, k.name, k.created_at, k.expiry_date, "
                                 "k.revoked FROM api_keys k JOIN users u ON u.seq = k.user_seq "
                                 "WHERE ")
                  + clause + QStringLiteral(" ORDER BY k.seq LIMIT ? OFFSET ?"));
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(first);
    query.addBindValue(skip);
    if (!query.exec()) {
        *error = queryError(query, QStringLiteral("listing API keys"));
        return false;
    }
    while (query.next()) {
        const QString expiry = query.value(4).toString();
        out->append(QJsonObject{
            {QStringLiteral("id"), query.value(0).toString()},
            {QStringLiteral("key"), maskedKey(query.value(1).toString())},
            {QStringLiteral("name"), query.value(2).toString()},
            {QStringLiteral("createdAt"), query.value(3).toString()},
            {QStringLiteral("expiryDate"), expiry.isEmpty() ? QJsonValue() : QJsonValue(expiry)},
            {QStringLiteral("revoked"), query.value(5).toBool()},
            {QStringLiteral("user"), viewer ? QJsonValue(viewer->toJson()) : QJsonValue()},
        });
    }
    return true;
}

bool AccountStore::countApiKeys(const QJsonObject& where, qint64 viewerSeq, int* out,
                                QString* error) {
    QString clause;
    QVariantList values;
    userFromKeyWhere(where, viewerSeq, &clause, &values);
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM api_keys k JOIN users u "
                                 "ON u.seq = k.user_seq WHERE ")
                  + clause);
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        *error = queryError(query, QStringLiteral("counting API keys"));
        return false;
    }
    *out = query.value(0).toInt();
    return true;
}

} // namespace kili::sandbox
