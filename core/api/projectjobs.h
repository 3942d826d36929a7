#pragma once

#include "api/filters.h"
#include "api/pagedjob.h"
#include "domain/project.h"

namespace kili::api {

// Lists projects (all, or matching a search), page by page; or reads one project by id with its
// jsonInterface (forProject), failing with NotFound when it does not exist or is not accessible.
class ProjectsJob : public PagedQueryJob {
    Q_OBJECT
public:
    explicit ProjectsJob(Connection* connection, const ProjectFilter& filter = {},
                         QObject* parent = nullptr);
    static ProjectsJob* forProject(Connection* connection, const QString& projectId,
                                   QObject* parent = nullptr);

    // Also read jsonInterface (larger answers; on by default for forProject).
    void setIncludeInterface(bool include) { m_includeInterface = include; }
    // Every project received so far.
    QList<kili::Project> projects() const { return m_projects; }

Q_SIGNALS:
    void pageReceived(const QList<kili::Project>& projects);

protected:
    QString action() const override;
    GraphQLRequest pageRequest() const override;
    void handlePage(const QJsonArray& items, int skip) override;
    void pagingDone() override;

private:
    ProjectFilter m_filter;
    bool m_includeInterface = false;
    QList<kili::Project> m_projects;
};

} // namespace kili::api
