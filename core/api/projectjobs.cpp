#include "api/projectjobs.h"

#include "api/connection.h"
#include "api/documents.h"

namespace kili::api {

ProjectsJob::ProjectsJob(Connection* connection, const ProjectFilter& filter, QObject* parent)
    : PagedQueryJob(connection, parent)
    , m_filter(filter) {}

ProjectsJob* ProjectsJob::forProject(Connection* connection, const QString& projectId,
                                     QObject* parent) {
    ProjectFilter filter;
    filter.projectId = projectId;
    auto* job = new ProjectsJob(connection, filter, parent);
    job->setIncludeInterface(true);
    job->setLimit(1);
    return job;
}

QString ProjectsJob::action() const {
    if (!m_filter.projectId.isEmpty())
        return QStringLiteral("read project %1").arg(m_filter.projectId);
    if (!m_filter.searchText.trimmed().isEmpty())
        return QStringLiteral("search projects for \"%1\"").arg(m_filter.searchText.trimmed());
    return QStringLiteral("list your projects");
}

GraphQLRequest ProjectsJob::pageRequest() const {
    GraphQLRequest request;
    request.operation =
        m_includeInterface ? QStringLiteral("projectsWithInterface") : QStringLiteral("projects");
    request.document =
        m_includeInterface
            ? documents::projectsWithInterface(connection()->serverApi().omittedFields())
            : documents::projects(connection()->serverApi().omittedFields());
    request.variables.insert(QStringLiteral("where"), m_filter.toWhere());
    return request;
}

void ProjectsJob::handlePage(const QJsonArray& items, int /*skip*/) {
    const QList<kili::Project> page = itemsFromJson<kili::Project>(items);
    m_projects += page;
    Q_EMIT pageReceived(page);
}

void ProjectsJob::pagingDone() {
    if (!m_filter.projectId.isEmpty() && m_projects.isEmpty()) {
        fail(makeError(ApiError::NotFound,
                       QStringLiteral("project %1 does not exist or you do not have access to it")
                           .arg(m_filter.projectId),
                       QStringLiteral("Check the project id, or ask the project's admin to add "
                                      "you to it.")));
        return;
    }
    succeed();
}

} // namespace kili::api
