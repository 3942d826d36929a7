// Decides which pages of the asset tree to fetch and which to release, from the rows in view.
// It owns no widget and no network: it asks an AssetPageSource and feeds AssetLabelModel.
//
// Policy: the pages covering the rows in view, plus one page either side, are fetched; requests
// for pages that scrolled far out of view are cancelled; loaded pages beyond maxLoadedPages are
// released farthest-first. Dragging the scroll bar of a million-asset project to the end thus
// costs a count and a page or two, and memory stays at maxLoadedPages pages.
#pragma once

#include "assetquery.h"
#include "domain/asset.h"

#include <QHash>
#include <QObject>

namespace kili::ui {

class AssetLabelModel;
class AssetPageSource;

class AssetPager : public QObject {
    Q_OBJECT
public:
    AssetPager(AssetPageSource* source, AssetLabelModel* model, QObject* parent = nullptr);

    // Starts over: counts the assets of the query, then fetches the pages in view.
    void setQuery(const AssetQuery& query);
    const AssetQuery& query() const { return m_query; }
    // Counts again and reloads the pages in view, keeping the query.
    void refresh();
    // Asks again what failed last time.
    void retry();
    void cancelAll();

    // The view reports the rows it shows (inclusive); fetches and releases follow.
    void showRows(int first, int last);

    void setMaxLoadedPages(int pages) { m_maxLoadedPages = std::max(3, pages); }
    int maxLoadedPages() const { return m_maxLoadedPages; }
    bool isBusy() const { return m_countTicket != 0 || !m_inFlight.isEmpty(); }
    int total() const { return m_total; }
    int requestsSent() const;

Q_SIGNALS:
    void totalChanged(int total);
    void busyChanged(bool busy);
    void pageLoaded(int page);
    void failed(const QString& message);

private:
    void onCountReady(quint64 ticket, int count);
    void onPageReady(quint64 ticket, const QList<kili::Asset>& assets);
    void onRequestFailed(quint64 ticket, const QString& message);
    void fetchInView();
    void releaseFarPages();
    void setBusy();
    quint64 nextTicket() { return ++m_lastTicket; }

    AssetPageSource* m_source;
    AssetLabelModel* m_model;
    AssetQuery m_query;
    int m_total = -1;
    int m_firstVisible = 0;
    int m_lastVisible = 50;
    int m_maxLoadedPages = 12;
    quint64 m_lastTicket = 0;
    quint64 m_countTicket = 0;
    QHash<quint64, int> m_inFlight; // ticket -> page
    bool m_busy = false;
    bool m_countFailed = false;
    QList<int> m_failedPages;
};

} // namespace kili::ui
