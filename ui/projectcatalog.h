// Runs the project jobs for the UI: the (searchable) list of projects, and one project with its
// interface when it is opened. Feeds ProjectListModel; reports errors as sentences.
#pragma once

#include "domain/project.h"

#include <QObject>
#include <QPointer>

namespace kili::api {
class Connection;
class ProjectsJob;
} // namespace kili::api

namespace kili::ui {

class ProjectListModel;

class ProjectCatalog : public QObject {
    Q_OBJECT
public:
    ProjectCatalog(api::Connection* connection, ProjectListModel* model, QObject* parent = nullptr);
    ~ProjectCatalog() override;

    // Lists the projects whose title or description contains `text` (all when empty); a new
    // search cancels the one running.
    void search(const QString& text);
    void reload() { search(m_searchText); }
    // Reads one project with its jsonInterface; projectOpened() or failed() follows.
    void open(const QString& projectId);
    bool isListing() const { return !m_listJob.isNull(); }

Q_SIGNALS:
    void listingChanged(bool listing);
    void listed(int count);
    void projectOpened(const kili::Project& project);
    void failed(const QString& message);

private:
    api::Connection* m_connection;
    ProjectListModel* m_model;
    QString m_searchText;
    QPointer<api::ProjectsJob> m_listJob;
    QPointer<api::ProjectsJob> m_openJob;
};

} // namespace kili::ui
