#include "projectcatalog.h"

#include "api/projectjobs.h"
#include "projectlistmodel.h"

namespace kili::ui {

ProjectCatalog::ProjectCatalog(api::Connection* connection, ProjectListModel* model,
                               QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_model(model) {}

ProjectCatalog::~ProjectCatalog() {
    if (m_listJob)
        m_listJob->cancel();
    if (m_openJob)
        m_openJob->cancel();
}

void ProjectCatalog::search(const QString& text) {
    if (m_listJob)
        m_listJob->cancel();
    m_searchText = text;
    m_model->clear();
    api::ProjectFilter filter;
    filter.searchText = text;
    auto* job = new api::ProjectsJob(m_connection, filter, this);
    job->setAutoDelete(true);
    m_listJob = job;
    connect(job, &api::ProjectsJob::pageReceived, this,
            [this](const QList<Project>& projects) { m_model->append(projects); });
    connect(job, &api::BaseJob::succeeded, this,
            [this, job] { Q_EMIT listed(static_cast<int>(job->projects().size())); });
    connect(job, &api::BaseJob::failed, this, [this](const api::ApiError& error) {
        if (error.kind != api::ApiError::Cancelled)
            Q_EMIT failed(error.message);
    });
    connect(job, &api::BaseJob::finished, this, [this, job] {
        if (m_listJob == job) {
            m_listJob = nullptr;
            Q_EMIT listingChanged(false);
        }
    });
    job->start();
    Q_EMIT listingChanged(true);
}

void ProjectCatalog::open(const QString& projectId) {
    if (m_openJob)
        m_openJob->cancel();
    auto* job = api::ProjectsJob::forProject(m_connection, projectId, this);
    job->setAutoDelete(true);
    m_openJob = job;
    connect(job, &api::BaseJob::succeeded, this, [this, job] {
        const QList<Project> projects = job->projects();
        if (!projects.isEmpty())
            Q_EMIT projectOpened(projects.first());
    });
    connect(job, &api::BaseJob::failed, this, [this](const api::ApiError& error) {
        if (error.kind != api::ApiError::Cancelled)
            Q_EMIT failed(error.message);
    });
    job->start();
}

} // namespace kili::ui
