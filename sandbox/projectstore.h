#pragma once

#include "workflow.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <optional>

namespace kili::sandbox {

class Database;
class IdGenerator;

struct ProjectRecord {
    qint64 seq = -1;
    QString id;
    QString title;
    QString description;
    QString inputType = QStringLiteral("IMAGE");
    QString jsonInterface = QStringLiteral("{\"jobs\":{}}"); // JSON-encoded, stored as given
    QString instructions;
    bool archived = false;
    QString workflowVersion = QStringLiteral("V1");
    QString createdAt;
    QString updatedAt;
    // Labeling then review (see workflow.h); empty before insert() = the default names.
    QList<StepRecord> steps;
};

class ProjectStore;

// Forgets a freshly inserted project unless its transaction committed: a failed load or
// generation leaves neither rows nor a cached project behind.
class ProjectInsertGuard {
public:
    ProjectInsertGuard(ProjectStore& projects, qint64 seq)
        : m_projects(projects)
        , m_seq(seq) {}
    ~ProjectInsertGuard();
    ProjectInsertGuard(const ProjectInsertGuard&) = delete;
    ProjectInsertGuard& operator=(const ProjectInsertGuard&) = delete;
    void committed() { m_committed = true; }

private:
    ProjectStore& m_projects;
    qint64 m_seq;
    bool m_committed = false;
};

struct ProjectCounts {
    int assets = 0;
    int remaining = 0; // TODO or ONGOING
    int reviewed = 0;
    int skipped = 0;
    int openIssues = 0;
    int solvedIssues = 0;
    int openQuestions = 0;
    int solvedQuestions = 0;
};

// Where a workflow step id points.
struct StepPlace {
    qint64 projectSeq = -1;
    int index = 0; // workflow::StepIndex
};

// Projects are few: all of them are cached, so resolving `project: {id}` filters and the
// projectId of every asset and label costs no query.
class ProjectStore {
public:
    ProjectStore(Database& database, IdGenerator& ids);

    bool insert(ProjectRecord& project, QString* error); // fills seq, id, timestamps when empty
    // Drops a project from the cache after the transaction that inserted it rolled back.
    void forget(qint64 seq);
    std::optional<ProjectRecord> bySeq(qint64 seq) const;
    qint64 seqForId(const QString& id) const; // -1 when unknown
    QString idForSeq(qint64 seq) const;
    std::optional<StepPlace> stepPlace(const QString& stepId) const;
    // The project's steps (labeling, review); empty for an unknown project.
    QList<StepRecord> steps(const QString& projectId) const;

    bool list(const QJsonObject& where, int first, int skip, QList<ProjectRecord>* out,
              QString* error) const;
    bool count(const QJsonObject& where, int* out, QString* error) const;

    // numberOfAssets & co. Cached until a write on the project's assets or labels. Both are
    // called from several threads: queries read counts while a mutation invalidates them.
    ProjectCounts counts(qint64 seq);
    void invalidateCounts(qint64 seq);

    QJsonObject toJson(const ProjectRecord& project) const;

private:
    bool matching(const QJsonObject& where, QList<ProjectRecord>* out, QString* error) const;
    bool insertSteps(ProjectRecord& project, QString* error);
    void loadSteps();

    Database& m_database;
    IdGenerator& m_ids;
    QList<ProjectRecord> m_projects; // creation order
    QHash<QString, qint64> m_seqById;
    QHash<QString, StepPlace> m_stepsById;
    QMutex m_countsMutex;
    QHash<qint64, ProjectCounts> m_counts;
    // Bumped by every invalidation: counts read before a write committed are not cached after
    // it.
    quint64 m_countsEpoch = 0;
};

} // namespace kili::sandbox
