#pragma once

#include "sqlcondition.h"

#include <QJsonObject>
#include <QString>
#include <atomic>

namespace kili::sandbox {

class AccountStore;
class ProjectStore;

// Translates Kili's AssetWhere and LabelWhere into SQL over the `assets` and `labels` tables.
// Kili's rules: absent and null members do not filter, `{}` is no filter, list filters with an
// empty list match nothing, and an asset matches a label sub-filter as soon as ONE of its labels
// matches all of its criteria (its `labels` field still returns all of them).
class FilterBuilder {
public:
    FilterBuilder(const ProjectStore& projects, AccountStore& accounts);

    // `alias` names the assets (resp. labels) table in the caller's query.
    bool assetWhere(const QJsonObject& where, const QString& alias, SqlCondition& out,
                    QString* error) const;
    bool labelWhere(const QJsonObject& where, const QString& alias, SqlCondition& out,
                    QString* error) const;

private:
    bool projectFilter(const QJsonObject& where, const QString& column, SqlCondition& out) const;
    bool metadataFilter(const QJsonObject& metadata, const QString& alias, SqlCondition& out,
                        QString* error) const;
    void userFilter(const QJsonObject& where, QLatin1String key, const QString& column,
                    SqlCondition& out, bool negate) const;
    void assigneeFilter(const QJsonObject& where, const QString& alias, SqlCondition& out) const;
    void issueFilter(const QJsonObject& issue, const QString& alias, SqlCondition& out) const;
    void stepFilter(const QJsonObject& where, const QString& alias, SqlCondition& out) const;
    // Users named (first name, last name, both, email) or with the id of one of `names`.
    QList<qint64> usersMatching(const QStringList& names) const;
    QString nextAlias(const char* prefix) const;

    const ProjectStore& m_projects;
    AccountStore& m_accounts;
    // Only unique within a statement matters; atomic because workers build filters in parallel.
    mutable std::atomic<int> m_aliasCounter = 0;
};

} // namespace kili::sandbox
