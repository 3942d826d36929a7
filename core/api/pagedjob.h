#pragma once

#include "api/basejob.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>

namespace kili::api {

// A list query read page by page (first/skip), each page handed over as it arrives. Stops on a
// short or empty page or at the limit. Rows can shift while paging, so items whose id was already
// seen are dropped, like the SDK does for assets.
class PagedQueryJob : public BaseJob {
    Q_OBJECT
public:
    // Index of the first item to read (default 0).
    void setSkip(int skip);
    // Reads at most `limit` items; -1 (default) reads to the end.
    void setLimit(int limit);
    // Items per request; 0 (default) takes the connection's page size.
    void setPageSize(int pageSize);
    int receivedCount() const { return m_received; }

protected:
    PagedQueryJob(Connection* connection, QObject* parent);

    // The request of a page without first/skip; the job adds them to its variables.
    virtual GraphQLRequest pageRequest() const = 0;
    // One page of items (deduplicated), `skip` being the index of the first requested one.
    virtual void handlePage(const QJsonArray& items, int skip) = 0;
    // After the last page. The default succeeds.
    virtual void pagingDone();

    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    void requestNextPage();

    int m_skip0 = 0;
    int m_limit = -1;
    int m_pageSize = 0;
    int m_fetched = 0;  // rows the server returned, duplicates included (drives skip)
    int m_received = 0; // distinct items handed to handlePage
    int m_currentFirst = 0;
    QSet<QString> m_seenIds;
};

// A page's items read with Item::fromJson, in the server's order (what handlePage overrides
// hand on).
template <typename Item> QList<Item> itemsFromJson(const QJsonArray& items) {
    QList<Item> page;
    page.reserve(items.size());
    for (const QJsonValue& item : items)
        page.append(Item::fromJson(item.toObject()));
    return page;
}

} // namespace kili::api
