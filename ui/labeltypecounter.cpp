#include "labeltypecounter.h"

#include "api/countjobs.h"

#include <utility>

namespace kili::ui {

LabelTypeCounter::LabelTypeCounter(api::Connection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection) {}

LabelTypeCounter::~LabelTypeCounter() {
    cancel();
}

void LabelTypeCounter::cancel() {
    const auto jobs = std::exchange(m_jobs, {});
    for (const QPointer<api::BaseJob>& job : jobs) {
        if (job)
            job->cancel();
    }
}

void LabelTypeCounter::count(const QString& projectId) {
    cancel();
    // Every type in one request: opening a project costs one call of the rate limit, not five.
    auto* job = new api::CountLabelsByTypeJob(m_connection, projectId, this);
    job->setAutoDelete(true);
    connect(job, &api::BaseJob::succeeded, this, [this, job] {
        for (const api::CountLabelsByTypeJob::Count& count : job->counts())
            Q_EMIT counted(count.type, count.labels, count.assets);
    });
    connect(job, &api::BaseJob::failed, this, [this](const api::ApiError& error) {
        if (error.kind != api::ApiError::Cancelled)
            Q_EMIT failed(error.message);
    });
    m_jobs.append(job);
    job->start();
}

} // namespace kili::ui
