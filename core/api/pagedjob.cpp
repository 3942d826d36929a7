#include "api/pagedjob.h"

#include "api/connection.h"

namespace kili::api {

PagedQueryJob::PagedQueryJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {}

void PagedQueryJob::setSkip(int skip) {
    m_skip0 = std::max(0, skip);
}

void PagedQueryJob::setLimit(int limit) {
    m_limit = limit < 0 ? -1 : limit;
}

void PagedQueryJob::setPageSize(int pageSize) {
    m_pageSize = std::max(0, pageSize);
}

void PagedQueryJob::pagingDone() {
    succeed();
}

void PagedQueryJob::startRequests() {
    m_fetched = 0;
    m_received = 0;
    m_seenIds.clear();
    requestNextPage();
}

void PagedQueryJob::requestNextPage() {
    const int pageSize = m_pageSize > 0 ? m_pageSize : connection()->pageSize();
    int first = pageSize;
    if (m_limit >= 0)
        first = std::min(first, m_limit - m_received);
    if (first <= 0) {
        pagingDone();
        return;
    }
    m_currentFirst = first;
    GraphQLRequest request = pageRequest();
    request.variables.insert(QStringLiteral("first"), first);
    request.variables.insert(QStringLiteral("skip"), m_skip0 + m_fetched);
    send(request);
}

void PagedQueryJob::handleData(const QJsonObject& data) {
    const QJsonValue value = data.value(QLatin1String("data"));
    if (!value.isArray() && !value.isNull()) {
        fail(makeError(ApiError::Malformed,
                       QStringLiteral("the server's answer holds no list where one was expected"),
                       QStringLiteral("Check the endpoint URL; it may not be a Kili API.")));
        return;
    }
    const QJsonArray rows = value.toArray();
    const int skip = m_skip0 + m_fetched;
    m_fetched += int(rows.size());
    QJsonArray fresh;
    for (const QJsonValue& row : rows) {
        const QString id = row.toObject().value(QLatin1String("id")).toString();
        if (!id.isEmpty()) {
            if (m_seenIds.contains(id))
                continue;
            m_seenIds.insert(id);
        }
        fresh.append(row);
    }
    m_received += int(fresh.size());
    if (!fresh.isEmpty())
        handlePage(fresh, skip);
    if (state() != State::Running)
        return; // cancelled (or failed) from a page handler
    const bool lastPage = rows.size() < m_currentFirst || (m_limit >= 0 && m_received >= m_limit);
    if (lastPage)
        pagingDone();
    else
        requestNextPage();
}

} // namespace kili::api
