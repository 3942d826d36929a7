#pragma once

#include "sqlcondition.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace kili::sandbox {

class AccountStore;
class Database;
class FilterBuilder;
class ProjectStore;

// Reads issues and questions (one table, told apart by `type`): IssueWhere pages in creation
// order, their counts, and issues by id.
class IssueStore {
public:
    IssueStore(Database& database, ProjectStore& projects, AccountStore& accounts,
               const FilterBuilder& filters);

    bool page(const QJsonObject& where, int first, int skip, QJsonArray* out, QString* error) const;
    bool count(const QJsonObject& where, int* out, QString* error) const;
    // Issues by id, in the order of `ids` (unknown ids are left out).
    bool byIds(const QStringList& ids, QJsonArray* out, QString* error) const;

private:
    // IssueWhere {id, project: {id}, asset: AssetWhere, assetIn, status, type} over `issues i`
    // joined to its asset `ia`.
    bool issueWhere(const QJsonObject& where, SqlCondition& out, QString* error) const;
    bool select(const SqlCondition& condition, const QString& tail, const QVariantList& tailValues,
                QJsonArray* out, QString* error) const;
    QJsonObject toJson(const QSqlQuery& query) const;

    Database& m_database;
    ProjectStore& m_projects;
    AccountStore& m_accounts;
    const FilterBuilder& m_filters;
};

} // namespace kili::sandbox
