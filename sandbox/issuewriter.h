#pragma once

#include "kilierror.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace kili::sandbox {

class Database;
class FilterBuilder;
class IdGenerator;
class ProjectStore;

// Opens issues and questions (createIssues) and changes their status (updatePropertiesInIssue),
// each call in one transaction: all of it happens or nothing does.
class IssueWriter {
public:
    static constexpr int maxIssuesPerCall = 100;

    IssueWriter(Database& database, ProjectStore& projects, const FilterBuilder& filters,
                IdGenerator& ids);

    // createIssues(issues, where): an ISSUE names the label it is about (labelID, and objectMid
    // for one of its annotations), a QUESTION its asset (assetId); either must lie in an asset
    // that `where` matches. `viewerSeq` is the author.
    std::optional<KiliError> create(const QJsonArray& issues, const QJsonObject& where,
                                    qint64 viewerSeq, QStringList* createdIds);
    // updatePropertiesInIssue(data: {status}, where: {id}).
    std::optional<KiliError> setStatus(const QString& issueId, const QString& status);

private:
    struct Target {
        qint64 assetSeq = -1;
        qint64 projectSeq = -1;
        QString assetId;
    };
    // Where each item's label (ISSUE) or asset (QUESTION) lies, among the assets `where` matches.
    std::optional<KiliError> targets(const QJsonArray& issues, const QJsonObject& where,
                                     QList<Target>* out) const;
    // id -> (asset seq, project seq, asset id) for assets (byLabel false) or labels (true).
    std::optional<KiliError> lookUp(const QStringList& ids, bool byLabel, const QJsonObject& where,
                                    QHash<QString, Target>* out) const;

    Database& m_database;
    ProjectStore& m_projects;
    const FilterBuilder& m_filters;
    IdGenerator& m_ids;
};

} // namespace kili::sandbox
