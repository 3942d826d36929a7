#include "assetpager.h"

#include "assetlabelmodel.h"
#include "assetpagesource.h"

#include <algorithm>

namespace kili::ui {

AssetPager::AssetPager(AssetPageSource* source, AssetLabelModel* model, QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_model(model) {
    connect(m_source, &AssetPageSource::countReady, this, &AssetPager::onCountReady);
    connect(m_source, &AssetPageSource::pageReady, this, &AssetPager::onPageReady);
    connect(m_source, &AssetPageSource::requestFailed, this, &AssetPager::onRequestFailed);
}

int AssetPager::requestsSent() const {
    return m_source->requestsSent();
}

void AssetPager::setQuery(const AssetQuery& query) {
    m_query = query;
    cancelAll();
    m_total = -1;
    m_model->reset(0);
    Q_EMIT totalChanged(0);
    refresh();
}

void AssetPager::refresh() {
    if (m_countTicket != 0)
        m_source->cancel(m_countTicket);
    m_countFailed = false;
    m_countTicket = nextTicket();
    m_source->requestCount(m_countTicket, m_query);
    setBusy();
}

void AssetPager::retry() {
    if (m_countFailed || m_total < 0) {
        refresh();
        return;
    }
    m_failedPages.clear();
    fetchInView();
}

void AssetPager::cancelAll() {
    if (m_countTicket != 0)
        m_source->cancel(m_countTicket);
    m_countTicket = 0;
    for (auto it = m_inFlight.constBegin(); it != m_inFlight.constEnd(); ++it)
        m_source->cancel(it.key());
    m_inFlight.clear();
    m_failedPages.clear();
    setBusy();
}

void AssetPager::showRows(int first, int last) {
    m_firstVisible = std::max(0, std::min(first, last));
    m_lastVisible = std::max(first, last);
    if (m_total < 0)
        return; // the count decides the rows; fetchInView() follows it
    fetchInView();
}

void AssetPager::onCountReady(quint64 ticket, int count) {
    if (ticket != m_countTicket)
        return;
    m_countTicket = 0;
    const bool first = m_total < 0;
    m_total = count;
    if (first) {
        m_model->reset(count);
    } else {
        // A refresh: the rows in view are read again, the others dropped.
        m_model->resize(count);
        for (const int page : m_model->loadedPages())
            m_model->releasePage(page);
    }
    Q_EMIT totalChanged(count);
    fetchInView();
    setBusy();
}

void AssetPager::fetchInView() {
    if (m_total <= 0 || m_countTicket != 0)
        return;
    const int pageCount = m_model->pageCount();
    const int firstPage = std::max(0, m_model->pageOf(m_firstVisible) - 1);
    const int lastPage =
        std::min(pageCount - 1, m_model->pageOf(std::min(m_lastVisible, m_total - 1)) + 1);

    // Requests for pages that left the neighbourhood of the view are not worth waiting for.
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it.value() < firstPage - 1 || it.value() > lastPage + 1) {
            m_source->cancel(it.key());
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    // The visible pages first, then the neighbours.
    QList<int> wanted;
    const int visibleFirst = m_model->pageOf(m_firstVisible);
    const int visibleLast = m_model->pageOf(std::min(m_lastVisible, m_total - 1));
    for (int page = visibleFirst; page <= visibleLast; ++page)
        wanted.append(page);
    if (firstPage < visibleFirst)
        wanted.append(firstPage);
    if (lastPage > visibleLast)
        wanted.append(lastPage);
    const QList<int> pending = m_inFlight.values();
    for (const int page : wanted) {
        if (m_model->isPageLoaded(page) || pending.contains(page) || m_failedPages.contains(page))
            continue;
        const quint64 ticket = nextTicket();
        m_inFlight.insert(ticket, page);
        const int skip = page * m_model->pageSize();
        m_source->requestPage(ticket, m_query, skip, std::min(m_model->pageSize(), m_total - skip));
    }
    releaseFarPages();
    setBusy();
}

void AssetPager::releaseFarPages() {
    QList<int> loaded = m_model->loadedPages();
    if (loaded.size() <= m_maxLoadedPages)
        return;
    const int centre = m_model->pageOf((m_firstVisible + m_lastVisible) / 2);
    std::sort(loaded.begin(), loaded.end(),
              [centre](int a, int b) { return std::abs(a - centre) > std::abs(b - centre); });
    const int excess = static_cast<int>(loaded.size()) - m_maxLoadedPages;
    for (int i = 0; i < excess; ++i)
        m_model->releasePage(loaded.at(i));
}

void AssetPager::onPageReady(quint64 ticket, const QList<kili::Asset>& assets) {
    const auto it = m_inFlight.constFind(ticket);
    if (it == m_inFlight.constEnd())
        return;
    const int page = it.value();
    m_inFlight.erase(it);
    if (!m_query.filtersLabels()) {
        m_model->setPage(page, assets);
    } else {
        QList<kili::Asset> shown = assets;
        for (kili::Asset& asset : shown)
            asset.labels.removeIf([this](const Label& label) { return !m_query.shows(label); });
        m_model->setPage(page, shown);
    }
    Q_EMIT pageLoaded(page);
    releaseFarPages();
    setBusy();
}

void AssetPager::onRequestFailed(quint64 ticket, const QString& message) {
    if (ticket == m_countTicket) {
        m_countTicket = 0;
        m_countFailed = true;
    } else if (m_inFlight.contains(ticket)) {
        // Not asked again on every scroll: retry() clears this.
        m_failedPages.append(m_inFlight.take(ticket));
    } else {
        return;
    }
    setBusy();
    Q_EMIT failed(message);
}

void AssetPager::setBusy() {
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace kili::ui
