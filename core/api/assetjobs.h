#pragma once

#include "api/basejob.h"
#include "api/filters.h"
#include "api/pagedjob.h"
#include "domain/asset.h"

namespace kili::api {

// Reads the assets matching a filter, with their labels, streaming one page at a time.
class AssetsJob : public PagedQueryJob {
    Q_OBJECT
public:
    AssetsJob(Connection* connection, const AssetFilter& filter, QObject* parent = nullptr);

    // The SDK's smaller pages for heavy assets: 10 for VIDEO, 50 for LLM_* and GEOSPATIAL
    // projects; 0 (the connection's page size) otherwise. Pass to setPageSize().
    static int pageSizeFor(const QString& inputType);

    // Read each asset's labels too (default on).
    void setIncludeLabels(bool include) { m_includeLabels = include; }
    // Keep every asset in assets() as well as streaming it (default off: a million assets
    // should not sit in memory twice).
    void setCollect(bool collect) { m_collect = collect; }
    QList<kili::Asset> assets() const { return m_assets; }

Q_SIGNALS:
    // `skip` is the index of the page's first asset in the filtered list.
    void pageReceived(const QList<kili::Asset>& assets, int skip);

protected:
    QString action() const override;
    GraphQLRequest pageRequest() const override;
    void handlePage(const QJsonArray& items, int skip) override;

private:
    AssetFilter m_filter;
    bool m_includeLabels = true;
    bool m_collect = false;
    QList<kili::Asset> m_assets;
};

// Which of the given external ids already exist in a project (to skip duplicates on import).
class FilterExistingAssetsJob : public BaseJob {
    Q_OBJECT
public:
    FilterExistingAssetsJob(Connection* connection, const QString& projectId,
                            const QStringList& externalIds, QObject* parent = nullptr);
    QStringList existingExternalIds() const { return m_existing; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    QString m_projectId;
    QStringList m_externalIds;
    QStringList m_existing;
};

} // namespace kili::api
