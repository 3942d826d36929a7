#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <optional>

namespace kili::sandbox {

class AccountStore;
class Database;
class FilterBuilder;
class ProjectStore;

// Reads assets: filtered pages in creation order, counts that use the same filter, the labels
// of a whole page in one query, external-id lookups and served files.
class AssetStore {
public:
    AssetStore(Database& database, ProjectStore& projects, AccountStore& accounts,
               const FilterBuilder& filters);

    // Base of the URLs of files the sandbox serves itself, e.g.
    // "http://127.0.0.1:PORT/api/label/v2/files/" (known only once the server listens).
    void setFileUrlBase(const QString& base) { m_fileUrlBase = base; }

    // One page of assets as GraphQL Asset objects; with `withLabels`, each carries `labels`,
    // `latestLabel` and `latestLabels` (all from one query for the whole page).
    bool page(const QJsonObject& where, int first, int skip, bool withLabels, QJsonArray* out,
              QString* error) const;
    bool count(const QJsonObject& where, int* out, QString* error) const;
    std::optional<QJsonObject> byId(const QString& id, QString* error) const;

    // The subset of `externalIds` already present in the project (filterExistingAssets).
    bool existingExternalIds(const QString& projectId, const QStringList& externalIds,
                             QJsonArray* out, QString* error) const;

    // Bytes and MIME type of a served asset (content_kind 1 or 2); false when there are none.
    bool file(const QString& assetId, QByteArray* data, QByteArray* mimeType) const;

private:
    QJsonObject toJson(const QSqlQuery& query) const;
    bool attachLabels(QJsonArray* assets, const QList<qint64>& seqs, QString* error) const;

    Database& m_database;
    ProjectStore& m_projects;
    AccountStore& m_accounts;
    const FilterBuilder& m_filters;
    QString m_fileUrlBase;
};

} // namespace kili::sandbox
