#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace kili::sandbox {

class AccountStore;
class Database;
class FilterBuilder;
class ProjectStore;

// Reads labels: filtered pages in creation order and the counts that go with them.
class LabelStore {
public:
    LabelStore(Database& database, ProjectStore& projects, AccountStore& accounts,
               const FilterBuilder& filters);

    bool page(const QJsonObject& where, int first, int skip, QJsonArray* out, QString* error) const;
    bool count(const QJsonObject& where, int* out, QString* error) const;
    std::optional<QJsonObject> byId(const QString& id) const;
    // Labels by id, in the order of `ids` (unknown ids are left out).
    bool byIds(const QStringList& ids, QJsonArray* out, QString* error) const;

private:
    Database& m_database;
    ProjectStore& m_projects;
    AccountStore& m_accounts;
    const FilterBuilder& m_filters;
};

} // namespace kili::sandbox
