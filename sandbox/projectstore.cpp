#include "projectstore.h"

#include "database.h"
#include "ids.h"
#include "wherefields.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

// PostgreSQL ILIKE pattern (% and _ wildcards, backslash escapes) as a regular expression.
QRegularExpression ilikePattern(const QString& pattern) {
    QString regex = QStringLiteral("^");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('\\') && i + 1 < pattern.size())
            regex += QRegularExpression::escape(QString(pattern.at(++i)));
        else if (c == QLatin1Char('%'))
            regex += QStringLiteral(".*");
        else if (c == QLatin1Char('_'))
            regex += QLatin1Char('.');
        else
            regex += QRegularExpression::escape(QString(c));
    }
    regex += QLatin1Char('$');
    return QRegularExpression(regex, QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::DotMatchesEverythingOption);
}

bool withinDates(const QString& value, const QJsonObject& where, QLatin1String gte,
                 QLatin1String lte, QString* error, bool* ok) {
    // Reuse the SQL date-bound parser, then compare in memory (projects are cached).
    SqlCondition bounds;
    if (!where::addDateBound(where, gte, QStringLiteral("x"), false, bounds, error)
        || !where::addDateBound(where, lte, QStringLiteral("x"), true, bounds, error)) {
        *ok = false;
        return false;
    }
    for (qsizetype i = 0; i < bounds.clauses.size(); ++i) {
        const QString bound = bounds.values.at(i).toString();
        const QString& clause = bounds.clauses.at(i);
        const bool pass = clause.endsWith(QLatin1String(">= ?"))  ? value >= bound
                          : clause.endsWith(QLatin1String("< ?")) ? value < bound
                                                                  : value <= bound;
        if (!pass)
            return false;
    }
    return true;
}

} // namespace

ProjectStore::ProjectStore(Database& database, IdGenerator& ids)
    : m_database(database)
    , m_ids(ids) {
    QSqlQuery query(m_database.connection());
    query.exec(QStringLiteral("SELECT seq, id, title, description, input_type, json_interface, "
                              "instructions, archived, workflow_version, created_at, updated_at "
                              "FROM projects ORDER BY created_at, seq"));
    while (query.next()) {
        ProjectRecord project;
        project.seq = query.value(0).toLongLong();
        project.id = query.value(1).toString();
        project.title = query.value(2).toString();
        project.description = query.value(3).toString();
        project.inputType = query.value(4).toString();
        project.jsonInterface = query.value(5).toString();
        project.instructions = query.value(6).toString();
        project.archived = query.value(7).toBool();
        project.workflowVersion = query.value(8).toString();
        project.createdAt = query.value(9).toString();
        project.updatedAt = query.value(10).toString();
        m_seqById.insert(project.id, project.seq);
        m_projects.append(project);
    }
    loadSteps();
}

void ProjectStore::loadSteps() {
    QHash<qint64, QList<StepRecord>> stepsByProject;
    {
        QSqlQuery query(m_database.connection());
        query.exec(QStringLiteral("SELECT project_seq, id, name, type FROM project_steps "
                                  "ORDER BY project_seq, position"));
        while (query.next()) {
            stepsByProject[query.value(0).toLongLong()].append(StepRecord{
                query.value(1).toString(), query.value(2).toString(), query.value(3).toString()});
        }
    }
    for (ProjectRecord& project : m_projects) {
        project.steps = stepsByProject.value(project.seq);
        // Databases written before projects had steps get the default workflow now.
        if (project.steps.size() != workflow::StepCount) {
            project.steps.clear();
            QString ignored;
            Transaction transaction(m_database.connection());
            if (!insertSteps(project, &ignored) || !transaction.commit())
                project.steps.clear();
        }
        for (qsizetype i = 0; i < project.steps.size(); ++i)
            m_stepsById.insert(project.steps.at(i).id, StepPlace{project.seq, int(i)});
    }
}

bool ProjectStore::insertSteps(ProjectRecord& project, QString* error) {
    if (project.steps.isEmpty())
        project.steps = workflow::defaultSteps();
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO project_steps(id, project_seq, position, name, type) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < project.steps.size(); ++i) {
        StepRecord& step = project.steps[i];
        if (step.id.isEmpty())
            step.id = m_ids.next();
        step.type = workflow::stepType(int(i));
        query.addBindValue(step.id);
        query.addBindValue(project.seq);
        query.addBindValue(i + 1);
        query.addBindValue(step.name);
        query.addBindValue(step.type);
        if (!query.exec()) {
            *error = QStringLiteral("The sandbox database could not add the steps of the project "
                                    "\"%1\": %2")
                         .arg(project.title, query.lastError().text());
            return false;
        }
    }
    return true;
}

bool ProjectStore::insert(ProjectRecord& project, QString* error) {
    if (project.id.isEmpty())
        project.id = m_ids.next();
    if (project.createdAt.isEmpty())
        project.createdAt = isoNow();
    if (project.updatedAt.isEmpty())
        project.updatedAt = project.createdAt;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO projects(id, title, description, input_type, "
                                 "json_interface, instructions, archived, workflow_version, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(project.id);
    query.addBindValue(project.title);
    query.addBindValue(project.description);
    query.addBindValue(project.inputType);
    query.addBindValue(project.jsonInterface);
    query.addBindValue(project.instructions);
    query.addBindValue(project.archived);
    query.addBindValue(project.workflowVersion);
    query.addBindValue(project.createdAt);
    query.addBindValue(project.updatedAt);
    if (!query.exec()) {
        *error = QStringLiteral("The sandbox database could not add the project \"%1\": %2")
                     .arg(project.title, query.lastError().text());
        return false;
    }
    project.seq = query.lastInsertId().toLongLong();
    if (!insertSteps(project, error))
        return false;
    m_seqById.insert(project.id, project.seq);
    for (qsizetype i = 0; i < project.steps.size(); ++i)
        m_stepsById.insert(project.steps.at(i).id, StepPlace{project.seq, int(i)});
    m_projects.append(project);
    return true;
}

void ProjectStore::forget(qint64 seq) {
    for (qsizetype i = 0; i < m_projects.size(); ++i) {
        if (m_projects.at(i).seq == seq) {
            m_seqById.remove(m_projects.at(i).id);
            for (const StepRecord& step : m_projects.at(i).steps)
                m_stepsById.remove(step.id);
            m_projects.removeAt(i);
            break;
        }
    }
    invalidateCounts(seq);
}

ProjectInsertGuard::~ProjectInsertGuard() {
    if (!m_committed)
        m_projects.forget(m_seq);
}

std::optional<ProjectRecord> ProjectStore::bySeq(qint64 seq) const {
    for (const ProjectRecord& project : m_projects) {
        if (project.seq == seq)
            return project;
    }
    return std::nullopt;
}

qint64 ProjectStore::seqForId(const QString& id) const {
    return m_seqById.value(id, -1);
}

QString ProjectStore::idForSeq(qint64 seq) const {
    for (const ProjectRecord& project : m_projects) {
        if (project.seq == seq)
            return project.id;
    }
    return {};
}

std::optional<StepPlace> ProjectStore::stepPlace(const QString& stepId) const {
    const auto it = m_stepsById.constFind(stepId);
    if (it == m_stepsById.constEnd())
        return std::nullopt;
    return *it;
}

QList<StepRecord> ProjectStore::steps(const QString& projectId) const {
    const qint64 seq = seqForId(projectId);
    for (const ProjectRecord& project : m_projects) {
        if (project.seq == seq)
            return project.steps;
    }
    return {};
}

bool ProjectStore::matching(const QJsonObject& where, QList<ProjectRecord>* out,
                            QString* error) const {
    const std::optional<QString> id = where::string(where, QLatin1String("id"));
    const std::optional<QString> search = where::string(where, QLatin1String("searchQuery"));
    const std::optional<bool> archived = where::boolean(where, QLatin1String("archived"));
    const std::optional<QStringList> tags = where::stringList(where, QLatin1String("tagIds"));
    // Nobody stars a sandbox project (roles say starred: false).
    const bool starredOnly = where::boolean(where, QLatin1String("starred")).value_or(false);
    const QRegularExpression pattern = search ? ilikePattern(*search) : QRegularExpression();
    for (const ProjectRecord& project : m_projects) {
        if (id && project.id != *id)
            continue;
        if (search && !pattern.match(project.title).hasMatch()
            && !pattern.match(project.description).hasMatch())
            continue;
        if (archived && project.archived != *archived)
            continue;
        if (tags && !tags->isEmpty())
            continue; // the sandbox has no tags
        if (starredOnly)
            continue;
        bool ok = true;
        if (!withinDates(project.createdAt, where, QLatin1String("createdAtGte"),
                         QLatin1String("createdAtLte"), error, &ok)) {
            if (!ok)
                return false;
            continue;
        }
        if (!withinDates(project.updatedAt, where, QLatin1String("updatedAtGte"),
                         QLatin1String("updatedAtLte"), error, &ok)) {
            if (!ok)
                return false;
            continue;
        }
        out->append(project);
    }
    return true;
}

bool ProjectStore::list(const QJsonObject& where, int first, int skip, QList<ProjectRecord>* out,
                        QString* error) const {
    QList<ProjectRecord> all;
    if (!matching(where, &all, error))
        return false;
    *out = all.mid(skip, first);
    return true;
}

bool ProjectStore::count(const QJsonObject& where, int* out, QString* error) const {
    QList<ProjectRecord> all;
    if (!matching(where, &all, error))
        return false;
    *out = static_cast<int>(all.size());
    return true;
}

void ProjectStore::invalidateCounts(qint64 seq) {
    const QMutexLocker lock(&m_countsMutex);
    m_counts.remove(seq);
    ++m_countsEpoch;
}

ProjectCounts ProjectStore::counts(qint64 seq) {
    quint64 epoch = 0;
    {
        const QMutexLocker lock(&m_countsMutex);
        const auto cached = m_counts.constFind(seq);
        if (cached != m_counts.constEnd())
            return *cached;
        epoch = m_countsEpoch;
    }
    ProjectCounts counts;
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(status IN ('TODO', 'ONGOING')), 0), "
                       "COALESCE(SUM(status = 'REVIEWED'), 0), COALESCE(SUM(skipped), 0) "
                       "FROM assets WHERE project_seq = ?"));
    query.addBindValue(seq);
    if (query.exec() && query.next()) {
        counts.assets = query.value(0).toInt();
        counts.remaining = query.value(1).toInt();
        counts.reviewed = query.value(2).toInt();
        counts.skipped = query.value(3).toInt();
    }
    query.prepare(QStringLiteral("SELECT type, status, COUNT(*) FROM issues WHERE project_seq = ? "
                                 "GROUP BY type, status"));
    query.addBindValue(seq);
    if (query.exec()) {
        while (query.next()) {
            const bool isIssue = query.value(0).toString() == QLatin1String("ISSUE");
            const QString status = query.value(1).toString();
            const int n = query.value(2).toInt();
            if (status == QLatin1String("OPEN"))
                (isIssue ? counts.openIssues : counts.openQuestions) = n;
            else if (status == QLatin1String("SOLVED"))
                (isIssue ? counts.solvedIssues : counts.solvedQuestions) = n;
        }
    }
    const QMutexLocker lock(&m_countsMutex);
    if (epoch == m_countsEpoch)
        m_counts.insert(seq, counts);
    return counts;
}

QJsonObject ProjectStore::toJson(const ProjectRecord& project) const {
    QJsonArray stepsJson;
    for (const StepRecord& step : project.steps) {
        stepsJson.append(QJsonObject{{QStringLiteral("id"), step.id},
                                     {QStringLiteral("name"), step.name},
                                     {QStringLiteral("type"), step.type}});
    }
    return QJsonObject{
        {QStringLiteral("id"), project.id},
        {QStringLiteral("title"), project.title},
        {QStringLiteral("description"), project.description},
        {QStringLiteral("inputType"), project.inputType},
        {QStringLiteral("jsonInterface"), project.jsonInterface},
        {QStringLiteral("instructions"), project.instructions},
        {QStringLiteral("archived"), project.archived},
        {QStringLiteral("createdAt"), project.createdAt},
        {QStringLiteral("updatedAt"), project.updatedAt},
        {QStringLiteral("workflowVersion"), project.workflowVersion},
        {QStringLiteral("consensusTotCoverage"), 0},
        {QStringLiteral("minConsensusSize"), 1},
        {QStringLiteral("reviewCoverage"), 100},
        {QStringLiteral("useHoneyPot"), false},
        {QStringLiteral("canSkipAsset"), true},
        {QStringLiteral("canNavigateBetweenAssets"), true},
        {QStringLiteral("shouldAutoAssign"), false},
        {QStringLiteral("complianceTags"), QJsonArray()},
        {QStringLiteral("metadataProperties"), QJsonObject()},
        {QStringLiteral("steps"), stepsJson},
        {QStringLiteral("roles"), QJsonArray()},
    };
}

} // namespace kili::sandbox
