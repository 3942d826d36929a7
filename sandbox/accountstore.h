#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace kili::sandbox {

class Database;
class IdGenerator;

struct UserRecord {
    qint64 seq = -1;
    QString id;
    QString email;
    QString firstname;
    QString lastname;
    QString organizationId;
    QString organizationRole; // ADMIN | USER
    bool activated = true;
    QString createdAt;

    QJsonObject toJson() const;
};

// "****" and the last 4 characters, the way Kili's SDK names a key in its messages.
QString maskedKey(const QString& key);

// Users and their API keys. Users are few, so they are cached by seq and id: labels name their
// author by seq and every label answer embeds its author. Users are only added while the sandbox
// starts (loading, seeding, generating); afterwards the caches are only read, from any thread.
class AccountStore {
public:
    AccountStore(Database& database, IdGenerator& ids);

    // The user with this email, created when missing.
    std::optional<UserRecord> ensureUser(const QString& email, const QString& firstname,
                                         const QString& lastname, const QString& role,
                                         QString* error);
    // Makes `key` the sandbox's only API key: a restart with a new --api-key must not leave the
    // old key working, as a key pasted in a script or a shared terminal would otherwise stay
    // valid for as long as the database file lives.
    bool replaceApiKeys(qint64 userSeq, const QString& key, const QString& name,
                        const QString& expiryDate, QString* error);
    // The owner of a valid (known, not revoked, not expired) key.
    std::optional<UserRecord> userForKey(const QString& key);

    std::optional<UserRecord> userBySeq(qint64 seq);
    // The user as GraphQL JSON, built once per user when it is added: every label of every page
    // embeds its author.
    QJsonValue userJson(qint64 seq);
    std::optional<UserRecord> userById(const QString& id);
    // Users whose first name, last name, "first last" or email is one of `names` (authorIn).
    QList<qint64> usersNamed(const QStringList& names);
    // users / countUsers: the users of `organizationId` matching a UserWhere (id, idIn, email,
    // activated, organization.id), in creation order.
    QList<UserRecord> matchingUsers(const QJsonObject& where, const QString& organizationId) const;

    // apiKeys / countApiKeys, restricted to the keys of `viewer` as Kili does. `key` comes back
    // masked (maskedKey): an answer, a log or a screenshot never shows a whole key.
    bool apiKeys(const QJsonObject& where, int first, int skip, qint64 viewerSeq, QJsonArray* out,
                 QString* error);
    bool countApiKeys(const QJsonObject& where, qint64 viewerSeq, int* out, QString* error);

    // A generated first user (the sandbox's only account unless projects name other authors).
    std::optional<UserRecord> defaultUser(QString* error);

private:
    void loadUsers();
    std::optional<UserRecord> userFromKeyWhere(const QJsonObject& where, qint64 viewerSeq,
                                               QString* clause, QVariantList* values);

    Database& m_database;
    IdGenerator& m_ids;
    QHash<qint64, UserRecord> m_users;
    QHash<QString, qint64> m_seqById;
    QHash<qint64, QJsonObject> m_jsonBySeq;
};

} // namespace kili::sandbox
