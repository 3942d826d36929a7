#include "apiassetpagesource.h"

#include "api/assetjobs.h"
#include "api/countjobs.h"

namespace kili::ui {

ApiAssetPageSource::ApiAssetPageSource(api::Connection* connection, QObject* parent)
    : AssetPageSource(parent)
    , m_connection(connection) {}

ApiAssetPageSource::~ApiAssetPageSource() {
    // Jobs are children of this object; cancel them so that none reports into a dead pager.
    const auto jobs = m_jobs;
    for (const QPointer<api::BaseJob>& job : jobs) {
        if (job)
            job->cancel();
    }
}

void ApiAssetPageSource::track(quint64 ticket, api::BaseJob* job) {
    m_jobs.insert(ticket, job);
    job->setAutoDelete(true);
    connect(job, &api::BaseJob::failed, this, [this, ticket](const api::ApiError& error) {
        if (error.kind != api::ApiError::Cancelled)
            Q_EMIT requestFailed(ticket, error.message);
    });
    connect(job, &api::BaseJob::finished, this, [this, ticket, job] {
        m_finishedRequests += job->requestCount();
        m_jobs.remove(ticket);
    });
    job->start();
}

void ApiAssetPageSource::requestCount(quint64 ticket, const AssetQuery& query) {
    auto* job = new api::CountAssetsJob(m_connection, query.filter, this);
    connect(job, &api::BaseJob::succeeded, this,
            [this, ticket, job] { Q_EMIT countReady(ticket, job->count()); });
    track(ticket, job);
}

void ApiAssetPageSource::requestPage(quint64 ticket, const AssetQuery& query, int skip, int first) {
    auto* job = new api::AssetsJob(m_connection, query.filter, this);
    job->setSkip(skip);
    job->setLimit(first);
    job->setPageSize(first);
    job->setCollect(true);
    connect(job, &api::BaseJob::succeeded, this,
            [this, ticket, job] { Q_EMIT pageReady(ticket, job->assets()); });
    track(ticket, job);
}

void ApiAssetPageSource::cancel(quint64 ticket) {
    const QPointer<api::BaseJob> job = m_jobs.take(ticket);
    if (job)
        job->cancel();
}

int ApiAssetPageSource::requestsSent() const {
    int inFlight = 0;
    for (const QPointer<api::BaseJob>& job : m_jobs) {
        if (job)
            inFlight += job->requestCount();
    }
    return m_finishedRequests + inFlight;
}

} // namespace kili::ui
