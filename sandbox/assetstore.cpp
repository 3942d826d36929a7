#include "assetstore.h"

#include "accountstore.h"
#include "database.h"
#include "filterbuilder.h"
#include "labelrows.h"
#include "projectstore.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

const QString assetColumns = QStringLiteral(
    "a.seq, a.id, a.project_seq, a.external_id, a.content, a.content_kind, a.json_metadata, "
    "a.status, a.is_honeypot, a.skipped, a.priority, a.consensus_mark, a.honeypot_mark, "
    "a.inference_mark, a.width, a.height, a.created_at, a.updated_at");

const QString placeholderImage = QStringLiteral(":/kili/sandbox/demo/placeholder.png");

QJsonValue nullable(const QVariant& value) {
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(value);
}

QString failure(const QSqlQuery& query, const QString& what) {
    return QStringLiteral("The sandbox database failed while %1: %2")
        .arg(what, query.lastError().text());
}

void bindAll(QSqlQuery& query, const QVariantList& values) {
    for (const QVariant& value : values)
        query.addBindValue(value);
}

} // namespace

AssetStore::AssetStore(Database& database, ProjectStore& projects, AccountStore& accounts,
                       const FilterBuilder& filters)
    : m_database(database)
    , m_projects(projects)
    , m_accounts(accounts)
    , m_filters(filters) {}

QJsonObject AssetStore::toJson(const QSqlQuery& query) const {
    const QString id = query.value(1).toString();
    const int contentKind = query.value(5).toInt();
    const QString content = contentKind == 0 ? query.value(4).toString() : m_fileUrlBase + id;
    const QVariant width = query.value(14);
    const QVariant height = query.value(15);
    QJsonValue resolution;
    if (!width.isNull() && !height.isNull()) {
        resolution = QJsonObject{{QStringLiteral("width"), width.toDouble()},
                                 {QStringLiteral("height"), height.toDouble()}};
    }
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("projectId"), m_projects.idForSeq(query.value(2).toLongLong())},
        {QStringLiteral("externalId"), query.value(3).toString()},
        {QStringLiteral("content"), content},
        {QStringLiteral("jsonContent"), QString()},
        {QStringLiteral("jsonMetadata"), query.value(6).toString()},
        {QStringLiteral("status"), query.value(7).toString()},
        {QStringLiteral("isHoneypot"), query.value(8).toBool()},
        {QStringLiteral("skipped"), query.value(9).toBool()},
        {QStringLiteral("priority"), query.value(10).toInt()},
        {QStringLiteral("consensusMark"), nullable(query.value(11))},
        {QStringLiteral("honeypotMark"), nullable(query.value(12))},
        {QStringLiteral("inferenceMark"), nullable(query.value(13))},
        {QStringLiteral("isUsedForConsensus"), false},
        {QStringLiteral("resolution"), resolution},
        {QStringLiteral("pageResolutions"), QJsonArray()},
        {QStringLiteral("createdAt"), query.value(16).toString()},
        {QStringLiteral("updatedAt"), query.value(17).toString()},
    };
}

bool AssetStore::page(const QJsonObject& where, int first, int skip, bool withLabels,
                      QJsonArray* out, QString* error) const {
    SqlCondition condition;
    if (!m_filters.assetWhere(where, QStringLiteral("a"), condition, error))
        return false;
    if (condition.impossible || first <= 0)
        return true;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // A whole project (the common case, and the one a client pages through): seek to the
    // position instead of stepping over `skip` rows.
    const bool wholeProject = condition.clauses == QStringList{QStringLiteral("a.project_seq = ?")};
    if (wholeProject) {
        query.prepare(QStringLiteral("SELECT ") + assetColumns
                      + QStringLiteral(" FROM assets a WHERE a.project_seq = ? AND a.position > ?"
                                       " ORDER BY a.position LIMIT ?"));
        bindAll(query, condition.values);
        query.addBindValue(qMax(0, skip));
        query.addBindValue(first);
    } else {
        query.prepare(QStringLiteral("SELECT ") + assetColumns + QStringLiteral(" FROM assets a")
                      + condition.whereClause()
                      + QStringLiteral(" ORDER BY a.project_seq, a.position LIMIT ? OFFSET ?"));
        bindAll(query, condition.values);
        query.addBindValue(first);
        query.addBindValue(qMax(0, skip));
    }
    if (!query.exec()) {
        *error = failure(query, QStringLiteral("reading assets"));
        return false;
    }
    QList<qint64> seqs;
    while (query.next()) {
        seqs.append(query.value(0).toLongLong());
        out->append(toJson(query));
    }
    if (withLabels)
        return attachLabels(out, seqs, error);
    return true;
}

bool AssetStore::attachLabels(QJsonArray* assets, const QList<qint64>& seqs, QString* error) const {
    if (seqs.isEmpty())
        return true;
    QHash<qint64, QJsonArray> labelsByAsset;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + labelrows::columns() + labelrows::from()
                  + QStringLiteral(" WHERE l.asset_seq IN (") + placeholders(seqs.size())
                  + QStringLiteral(") ORDER BY l.created_at, l.seq"));
    for (qint64 seq : seqs)
        query.addBindValue(seq);
    if (!query.exec()) {
        *error = failure(query, QStringLiteral("reading the labels of a page of assets"));
        return false;
    }
    while (query.next()) {
        labelsByAsset[query.value(labelrows::assetSeqColumn).toLongLong()].append(
            labelrows::toJson(query, m_accounts, m_projects));
    }
    for (qsizetype i = 0; i < assets->size(); ++i) {
        QJsonObject asset = assets->at(i).toObject();
        const QJsonArray labels = labelsByAsset.value(seqs.at(i));
        asset.insert(QStringLiteral("labels"), labels);
        asset.insert(QStringLiteral("latestLabel"), labelrows::latestLabel(labels));
        asset.insert(QStringLiteral("latestLabels"), labelrows::latestLabels(labels));
        assets->replace(i, asset);
    }
    return true;
}

bool AssetStore::count(const QJsonObject& where, int* out, QString* error) const {
    SqlCondition condition;
    if (!m_filters.assetWhere(where, QStringLiteral("a"), condition, error))
        return false;
    return m_database.count(QStringLiteral("assets a"), condition, QStringLiteral("assets"), out,
                            error);
}

std::optional<QJsonObject> AssetStore::byId(const QString& id, QString* error) const {
    QJsonArray found;
    if (!page(QJsonObject{{QStringLiteral("id"), id}}, 1, 0, false, &found, error)
        || found.isEmpty())
        return std::nullopt;
    return found.first().toObject();
}

bool AssetStore::existingExternalIds(const QString& projectId, const QStringList& externalIds,
                                     QJsonArray* out, QString* error) const {
    const qint64 project = m_projects.seqForId(projectId);
    if (project < 0)
        return true;
    constexpr qsizetype chunk = 500;
    for (qsizetype start = 0; start < externalIds.size(); start += chunk) {
        const QStringList part = externalIds.mid(start, chunk);
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("SELECT DISTINCT external_id FROM assets WHERE project_seq "
                                     "= ? AND external_id IN (")
                      + placeholders(part.size()) + QLatin1Char(')'));
        query.addBindValue(project);
        for (const QString& externalId : part)
            query.addBindValue(externalId);
        if (!query.exec()) {
            *error = failure(query, QStringLiteral("looking up external ids"));
            return false;
        }
        QSet<QString> present;
        while (query.next())
            present.insert(query.value(0).toString());
        for (const QString& externalId : part) {
            if (present.contains(externalId))
                out->append(externalId);
        }
    }
    return true;
}

bool AssetStore::file(const QString& assetId, QByteArray* data, QByteArray* mimeType) const {
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT a.content_kind, f.mime, f.data FROM assets a LEFT JOIN "
                                 "asset_files f ON f.asset_seq = a.seq WHERE a.id = ?"));
    query.addBindValue(assetId);
    if (!query.exec() || !query.next())
        return false;
    const int kind = query.value(0).toInt();
    if (kind == 1 && !query.value(2).isNull()) {
        *mimeType = query.value(1).toString().toLatin1();
        *data = query.value(2).toByteArray();
        return true;
    }
    if (kind == 2) {
        QFile placeholder(placeholderImage);
        if (!placeholder.open(QIODevice::ReadOnly))
            return false;
        *mimeType = QByteArrayLiteral("image/png");
        *data = placeholder.readAll();
        return true;
    }
    return false;
}

} // namespace kili::sandbox
