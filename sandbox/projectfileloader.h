#pragma once

#include "accountstore.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <optional>

namespace kili::sandbox {

class Database;
class IdGenerator;
class LabelWriter;
class ProjectStore;

// `--load PROJECT.json`: one project with its assets and labels, in one transaction.
//
//   {"title", "description"?, "inputType", "jsonInterface": {...},
//    "assets": [{"externalId", "content", "jsonMetadata"?, "status"?,
//                "skipped"?, "assignees"?: [email], "issues"?: [{"type"?, "status"?, "text"?,
//                "author"?}], "labels": [{"labelType", "jsonResponse", "modelName"?, "author"?,
//                            "createdAt"?, "secondsToLabel"?}]}],
//    "workflowVersion"?, "steps"?: [{"name"}, {"name"}]}
//
// `content` is a URL (kept as is), a file path relative to the JSON file (stored in the database
// and served at /api/label/v2/files/<asset id>; the text itself for TEXT projects), or, in TEXT
// projects, the text. `author` is an email (the user is created when new). Without `status`, an
// asset's status follows its labels (DEFAULT -> LABELED, REVIEW -> REVIEWED, AUTOSAVE ->
// ONGOING). Errors name the file and the JSON path of the problem: "demo.json: assets[3].labels[0]
// .labelType: ...".
class ProjectFileLoader {
public:
    ProjectFileLoader(Database& database, ProjectStore& projects, AccountStore& accounts,
                      LabelWriter& labelWriter, IdGenerator& ids);

    bool loadFile(const QString& path, QString* projectId, QString* error);
    // `origin` names the data in errors; relative content paths resolve against `baseDir`.
    bool load(const QByteArray& json, const QString& origin, const QString& baseDir,
              QString* projectId, QString* error);

private:
    bool addAssignees(qint64 assetSeq, const QJsonArray& emails, QString* error);
    bool addIssues(qint64 assetSeq, qint64 projectSeq, const QString& createdAt,
                   const QJsonArray& issues, QString* error);
    std::optional<UserRecord> ensureUser(const QString& email, QString* error);

    Database& m_database;
    ProjectStore& m_projects;
    AccountStore& m_accounts;
    LabelWriter& m_labelWriter;
    IdGenerator& m_ids;
};

} // namespace kili::sandbox
