// projects / countProjects, the computed Project fields, and the 2019-2020 getProject(s)/getTools.
#include "projectstore.h"
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

namespace {

qint64 projectSeq(const FieldContext& field, const SandboxStores& stores) {
    return stores.projects.seqForId(field.parent.toObject().value(QLatin1String("id")).toString());
}

// Every sandbox project belongs to the organization of whoever asks (Project.organizationId).
bool inViewersOrganization(const FieldContext& field, const QJsonObject& where) {
    const QJsonValue organization = where.value(QLatin1String("organizationId"));
    return !organization.isString()
           || organization.toString() == request(field).viewer.organizationId;
}

void registerCount(graphql::Executor& executor, SandboxStores& stores, const QString& field,
                   int ProjectCounts::*member) {
    executor.setResolver(
        QStringLiteral("Project"), field, [&stores, member](const FieldContext& context) {
            const qint64 seq = projectSeq(context, stores);
            if (seq < 0)
                return ResolveResult{0, std::nullopt};
            return ResolveResult{stores.projects.counts(seq).*member, std::nullopt};
        });
}

} // namespace

void registerProjectResolvers(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("projects"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            const QJsonObject where = field.arguments.value(QLatin1String("where")).toObject();
            QList<ProjectRecord> projects;
            QString problem;
            if (!inViewersOrganization(field, where))
                return ResolveResult{QJsonArray(), std::nullopt};
            if (!stores.projects.list(where, first, skip, &projects, &problem))
                return failFilter(field.fieldName, problem);
            QJsonArray out;
            for (const ProjectRecord& project : std::as_const(projects))
                out.append(stores.projects.toJson(project));
            return ResolveResult{out, std::nullopt};
        });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("countProjects"),
                         [&stores](const FieldContext& field) {
                             const QJsonObject where =
                                 field.arguments.value(QLatin1String("where")).toObject();
                             int count = 0;
                             QString problem;
                             if (!inViewersOrganization(field, where))
                                 return ResolveResult{0, std::nullopt};
                             if (!stores.projects.count(where, &count, &problem))
                                 return failFilter(field.fieldName, problem);
                             return ResolveResult{count, std::nullopt};
                         });

    // Legacy playground API (2019-2020): same data, older names.
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("getProject"),
                         [&stores](const FieldContext& field) {
                             const qint64 seq = stores.projects.seqForId(
                                 field.arguments.value(QLatin1String("projectID")).toString());
                             const auto project = stores.projects.bySeq(seq);
                             return ResolveResult{project
                                                      ? QJsonValue(stores.projects.toJson(*project))
                                                      : QJsonValue(),
                                                  std::nullopt};
                         });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("getProjects"),
        [&stores](const FieldContext& field) {
            QJsonObject where;
            const QJsonValue search = field.arguments.value(QLatin1String("searchQuery"));
            if (search.isString())
                where.insert(QStringLiteral("searchQuery"), search);
            QList<ProjectRecord> projects;
            QString problem;
            stores.projects.list(where, field.arguments.value(QLatin1String("first")).toInt(),
                                 field.arguments.value(QLatin1String("skip")).toInt(), &projects,
                                 &problem);
            QJsonArray out;
            for (const ProjectRecord& project : std::as_const(projects))
                out.append(stores.projects.toJson(project));
            return ResolveResult{out, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("getTools"), [&stores](const FieldContext& field) {
            const QString id = field.arguments.value(QLatin1String("projectID")).toString();
            const auto project = stores.projects.bySeq(stores.projects.seqForId(id));
            if (!project)
                return ResolveResult{QJsonArray(), std::nullopt};
            return ResolveResult{
                QJsonArray{QJsonObject{{QStringLiteral("id"), project->id},
                                       {QStringLiteral("jsonSettings"), project->jsonInterface}}},
                std::nullopt};
        });

    registerCount(executor, stores, QStringLiteral("numberOfAssets"), &ProjectCounts::assets);
    registerCount(executor, stores, QStringLiteral("numberOfRemainingAssets"),
                  &ProjectCounts::remaining);
    registerCount(executor, stores, QStringLiteral("numberOfReviewedAssets"),
                  &ProjectCounts::reviewed);
    registerCount(executor, stores, QStringLiteral("numberOfSkippedAssets"),
                  &ProjectCounts::skipped);
    registerCount(executor, stores, QStringLiteral("numberOfOpenIssues"),
                  &ProjectCounts::openIssues);
    registerCount(executor, stores, QStringLiteral("numberOfSolvedIssues"),
                  &ProjectCounts::solvedIssues);
    registerCount(executor, stores, QStringLiteral("numberOfOpenQuestions"),
                  &ProjectCounts::openQuestions);
    registerCount(executor, stores, QStringLiteral("numberOfSolvedQuestions"),
                  &ProjectCounts::solvedQuestions);
    executor.setResolver(
        QStringLiteral("Project"), QStringLiteral("organizationId"), [](const FieldContext& field) {
            return ResolveResult{request(field).viewer.organizationId, std::nullopt};
        });
    // Every project of the sandbox is administered by whoever holds a valid key, so that person
    // may work on each of its steps (and is its one member, as `roles` says).
    executor.setResolver(
        QStringLiteral("ProjectStep"), QStringLiteral("assignees"), [](const FieldContext& field) {
            return ResolveResult{QJsonArray{request(field).viewer.toJson()}, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Project"), QStringLiteral("roles"), [](const FieldContext& field) {
            const UserRecord& viewer = request(field).viewer;
            const QString projectId = field.parent.toObject().value(QLatin1String("id")).toString();
            return ResolveResult{
                QJsonArray{QJsonObject{
                    {QStringLiteral("id"), QString(projectId + QStringLiteral("-") + viewer.id)},
                    {QStringLiteral("role"), QStringLiteral("ADMIN")},
                    {QStringLiteral("user"), viewer.toJson()},
                    {QStringLiteral("activated"), true},
                    {QStringLiteral("starred"), false},
                    {QStringLiteral("status"), QStringLiteral("ACTIVATED")}}},
                std::nullopt};
        });
}

} // namespace kili::sandbox::resolve
