#include "labeltypecounter.h"

#include "api/countjobs.h"

#include <memory>
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
    // One failure is enough to say: the five jobs fail for the same reason.
    auto reported = std::make_shared<bool>(false);
    for (const LabelType& type : LabelType::known()) {
        api::LabelFilter filter;
        filter.projectId = projectId;
        filter.labelTypes = {type};
        auto* job = new api::CountLabelsJob(m_connection, filter, this);
        job->setAutoDelete(true);
        connect(job, &api::BaseJob::succeeded, this,
                [this, job, type] { Q_EMIT counted(type, job->count()); });
        connect(job, &api::BaseJob::failed, this, [this, reported](const api::ApiError& error) {
            if (error.kind != api::ApiError::Cancelled && !*reported) {
                *reported = true;
                Q_EMIT failed(error.message);
            }
        });
        m_jobs.append(job);
        job->start();
    }
}

} // namespace kili::ui
