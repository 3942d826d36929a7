#include "issuewriter.h"

#include "database.h"
#include "filterbuilder.h"
#include "ids.h"
#include "projectstore.h"
#include "wherefields.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

KiliError databaseError(const QString& what) {
    return KiliError::saveFailed(QStringLiteral("the issues"), what);
}

KiliError badItem(int index, const QString& problem) {
    return KiliError::make(QStringLiteral("invalidIssue"),
                           QStringLiteral("issues[%1] cannot be created.").arg(index), problem);
}

QVariant nullableText(const QString& text) {
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

bool isQuestion(const QJsonObject& item) {
    return item.value(QLatin1String("type")).toString() == QLatin1String("QUESTION");
}

} // namespace

IssueWriter::IssueWriter(Database& database, ProjectStore& projects, const FilterBuilder& filters,
                         IdGenerator& ids)
    : m_database(database)
    , m_projects(projects)
    , m_filters(filters)
    , m_ids(ids) {}

std::optional<KiliError> IssueWriter::lookUp(const QStringList& ids, bool byLabel,
                                             const QJsonObject& where,
                                             QHash<QString, Target>* out) const {
    if (ids.isEmpty())
        return std::nullopt;
    SqlCondition condition;
    QString filterError;
    if (!m_filters.assetWhere(where, QStringLiteral("a"), condition, &filterError))
        return KiliError::make(QStringLiteral("invalidFilter"), filterError,
                               QStringLiteral("the where argument of createIssues"));
    if (condition.impossible)
        return std::nullopt;
    QSqlQuery query(m_database.connection());
    const QString from = byLabel ? QStringLiteral("SELECT l.id, a.seq, a.project_seq, a.id FROM "
                                                  "labels l JOIN assets a ON a.seq = l.asset_seq "
                                                  "WHERE l.id IN (")
                                 : QStringLiteral("SELECT a.id, a.seq, a.project_seq, a.id FROM "
                                                  "assets a WHERE a.id IN (");
    query.prepare(from + placeholders(ids.size()) + QLatin1Char(')') + condition.andClause());
    for (const QString& id : ids)
        query.addBindValue(id);
    for (const QVariant& value : std::as_const(condition.values))
        query.addBindValue(value);
    if (!query.exec())
        return databaseError(query.lastError().text());
    while (query.next()) {
        out->insert(query.value(0).toString(),
                    Target{query.value(1).toLongLong(), query.value(2).toLongLong(),
                           query.value(3).toString()});
    }
    return std::nullopt;
}

std::optional<KiliError> IssueWriter::targets(const QJsonArray& issues, const QJsonObject& where,
                                              QList<Target>* out) const {
    QStringList labelIds;
    QStringList assetIds;
    for (qsizetype i = 0; i < issues.size(); ++i) {
        const QJsonObject item = issues.at(i).toObject();
        const auto label = where::string(item, QLatin1String("labelID"));
        const auto asset = where::string(item, QLatin1String("assetId"));
        if (isQuestion(item) && !asset)
            return badItem(int(i), QStringLiteral("a QUESTION needs the assetId it asks about"));
        if (!isQuestion(item) && !label)
            return badItem(int(i), QStringLiteral("an ISSUE needs the labelID it is about"));
        if (label)
            labelIds.append(*label);
        if (asset)
            assetIds.append(*asset);
    }
    QHash<QString, Target> byLabel;
    QHash<QString, Target> byAsset;
    if (auto error = lookUp(labelIds, true, where, &byLabel))
        return error;
    if (auto error = lookUp(assetIds, false, where, &byAsset))
        return error;
    for (qsizetype i = 0; i < issues.size(); ++i) {
        const QJsonObject item = issues.at(i).toObject();
        const auto label = where::string(item, QLatin1String("labelID"));
        const auto asset = where::string(item, QLatin1String("assetId"));
        if (label && !byLabel.contains(*label))
            return KiliError::accessDenied(
                QStringLiteral("issues[%1]: no label %2 in the targeted assets")
                    .arg(i)
                    .arg(*label));
        if (asset && !byAsset.contains(*asset))
            return KiliError::accessDenied(
                QStringLiteral("issues[%1]: no asset %2 in the targeted assets")
                    .arg(i)
                    .arg(*asset));
        const Target target = label ? byLabel.value(*label) : byAsset.value(*asset);
        if (label && asset && target.assetId != *asset) {
            return badItem(int(i), QStringLiteral("the label %1 belongs to the asset %2, not to %3")
                                       .arg(*label, target.assetId, *asset));
        }
        out->append(target);
    }
    return std::nullopt;
}

std::optional<KiliError> IssueWriter::create(const QJsonArray& issues, const QJsonObject& where,
                                             qint64 viewerSeq, QStringList* createdIds) {
    if (issues.size() > maxIssuesPerCall) {
        return KiliError::make(
            QStringLiteral("tooManyIssues"),
            QStringLiteral("You cannot create more than %1 issues in one call.")
                .arg(maxIssuesPerCall),
            QStringLiteral("issues holds %1 items; send them in batches of at most %2")
                .arg(issues.size())
                .arg(maxIssuesPerCall));
    }
    QList<Target> found;
    if (auto error = targets(issues, where, &found))
        return error;
    Transaction transaction(m_database.connection());
    QSqlQuery insert(m_database.connection());
    insert.prepare(QStringLiteral("INSERT INTO issues(id, project_seq, asset_seq, type, status, "
                                  "text, author_seq, created_at, label_id, object_mid, updated_at) "
                                  "VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)"));
    const QString now = isoNow();
    QSet<qint64> projects;
    QStringList ids;
    for (qsizetype i = 0; i < issues.size(); ++i) {
        const QJsonObject item = issues.at(i).toObject();
        const QString id = m_ids.next();
        for (const QVariant& value :
             {QVariant(id), QVariant(found.at(i).projectSeq), QVariant(found.at(i).assetSeq),
              QVariant(isQuestion(item) ? QStringLiteral("QUESTION") : QStringLiteral("ISSUE")),
              nullableText(where::string(item, QLatin1String("text")).value_or(QString())),
              QVariant(viewerSeq), QVariant(now),
              nullableText(where::string(item, QLatin1String("labelID")).value_or(QString())),
              nullableText(where::string(item, QLatin1String("objectMid")).value_or(QString())),
              QVariant(now)})
            insert.addBindValue(value);
        if (!insert.exec())
            return databaseError(insert.lastError().text());
        ids.append(id);
        projects.insert(found.at(i).projectSeq);
    }
    if (!transaction.commit())
        return databaseError(QStringLiteral("the transaction could not be committed"));
    for (qint64 project : std::as_const(projects))
        m_projects.invalidateCounts(project);
    createdIds->append(ids);
    return std::nullopt;
}

std::optional<KiliError> IssueWriter::setStatus(const QString& issueId, const QString& status) {
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE issues SET status = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(status);
    query.addBindValue(isoNow());
    query.addBindValue(issueId);
    if (!query.exec())
        return databaseError(query.lastError().text());
    if (query.numRowsAffected() == 0)
        return KiliError::accessDenied(QStringLiteral("no issue %1").arg(issueId));
    QSqlQuery project(m_database.connection());
    project.prepare(QStringLiteral("SELECT project_seq FROM issues WHERE id = ?"));
    project.addBindValue(issueId);
    if (project.exec() && project.next())
        m_projects.invalidateCounts(project.value(0).toLongLong());
    return std::nullopt;
}

} // namespace kili::sandbox
