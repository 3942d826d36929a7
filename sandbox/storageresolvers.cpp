// Cloud storage: Project.dataConnections, dataConnections / dataConnection and
// countDataIntegrations. The sandbox serves every asset itself, so no project is connected to a
// bucket: the SDK asks before each export and media download, and an empty answer lets both run.
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

void registerStorageResolvers(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(QStringLiteral("Project"), QStringLiteral("dataConnections"),
                         [](const FieldContext&) {
                             return ResolveResult{QJsonArray(), std::nullopt};
                         });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("dataConnections"),
                         [&stores](const FieldContext& field) {
                             int first = 0;
                             int skip = 0;
                             if (const auto error =
                                     paging(field, stores.maxPageSize, &first, &skip))
                                 return fail(*error);
                             return ResolveResult{QJsonArray(), std::nullopt};
                         });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("dataConnection"),
                         [](const FieldContext&) {
                             return ResolveResult{QJsonValue::Null, std::nullopt};
                         });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("countDataIntegrations"),
                         [](const FieldContext&) {
                             return ResolveResult{0, std::nullopt};
                         });
}

} // namespace kili::sandbox::resolve
