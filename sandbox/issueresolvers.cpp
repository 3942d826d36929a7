// issues / countIssues, createIssues, updatePropertiesInIssue, and the Issue fields that point
// elsewhere (asset, project).
#include "assetstore.h"
#include "issuestore.h"
#include "issuewriter.h"
#include "projectstore.h"
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

namespace {

ResolveResult writtenIssues(SandboxStores& stores, const FieldContext& field,
                            const QStringList& ids) {
    QJsonArray issues;
    if (selectsOnlyIds(field)) {
        for (const QString& id : ids)
            issues.append(QJsonObject{{QStringLiteral("id"), id}});
        return ResolveResult{issues, std::nullopt};
    }
    QString problem;
    if (!stores.issues.byIds(ids, &issues, &problem))
        return failFilter(field.fieldName, problem);
    return ResolveResult{issues, std::nullopt};
}

void registerIssueQueries(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("issues"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            QJsonArray issues;
            QString problem;
            if (!stores.issues.page(field.arguments.value(QLatin1String("where")).toObject(), first,
                                    skip, &issues, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{issues, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("countIssues"),
        [&stores](const FieldContext& field) {
            int count = 0;
            QString problem;
            if (!stores.issues.count(field.arguments.value(QLatin1String("where")).toObject(),
                                     &count, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{count, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Issue"), QStringLiteral("asset"), [&stores](const FieldContext& field) {
            QString problem;
            const auto asset = stores.assets.byId(
                field.parent.toObject().value(QLatin1String("assetId")).toString(), &problem);
            return ResolveResult{asset ? QJsonValue(*asset) : QJsonValue(), std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Issue"), QStringLiteral("project"), [&stores](const FieldContext& field) {
            const QString id = field.parent.toObject().value(QLatin1String("projectId")).toString();
            const auto project = stores.projects.bySeq(stores.projects.seqForId(id));
            return ResolveResult{project ? QJsonValue(stores.projects.toJson(*project))
                                         : QJsonValue(),
                                 std::nullopt};
        });
}

} // namespace

void registerIssueResolvers(graphql::Executor& executor, SandboxStores& stores) {
    registerIssueQueries(executor, stores);
    executor.setResolver(QStringLiteral("Mutation"), QStringLiteral("createIssues"),
                         [&stores](const FieldContext& field) {
                             QStringList created;
                             const auto error = stores.issueWriter.create(
                                 field.arguments.value(QLatin1String("issues")).toArray(),
                                 field.arguments.value(QLatin1String("where")).toObject(),
                                 request(field).viewer.seq, &created);
                             if (error)
                                 return fail(*error);
                             return writtenIssues(stores, field, created);
                         });
    executor.setResolver(
        QStringLiteral("Mutation"), QStringLiteral("updatePropertiesInIssue"),
        [&stores](const FieldContext& field) {
            const QString id = field.arguments.value(QLatin1String("where"))
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
            const QJsonValue status = field.arguments.value(QLatin1String("data"))
                                          .toObject()
                                          .value(QLatin1String("status"));
            if (status.isString()) {
                if (const auto error = stores.issueWriter.setStatus(id, status.toString()))
                    return fail(*error);
            }
            QJsonArray issues;
            QString problem;
            if (!stores.issues.byIds({id}, &issues, &problem))
                return failFilter(field.fieldName, problem);
            if (issues.isEmpty()) {
                return fail(KiliError::accessDenied(QStringLiteral("no issue %1").arg(id)));
            }
            return ResolveResult{issues.first(), std::nullopt};
        });
}

} // namespace kili::sandbox::resolve
