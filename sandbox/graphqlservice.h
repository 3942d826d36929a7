#pragma once

#include "graphql/executor.h"
#include "graphqlendpoint.h"
#include "querycost.h"
#include "resolvercontext.h"

#include <QMutex>
#include <memory>

namespace kili::sandbox {

// The sandbox's GraphQL: Kili's schema (the SDL shipped in resources/), the executor of
// core/graphql, and the sandbox resolvers of every root field. Documents that cost more than the
// limit (QueryCost) are refused before they are validated or run.
class GraphQLService : public GraphQLEndpoint {
public:
    // Returns null with *error set when the bundled schema does not load. `withoutSchema`: see
    // SandboxOptions::withoutSchema.
    static std::unique_ptr<GraphQLService> create(SandboxStores stores,
                                                  const QueryCostLimits& costLimits,
                                                  const QStringList& withoutSchema, QString* error);

    GraphQLAnswer execute(const QString& query, const QString& operationName,
                          const QJsonObject& variables, const UserRecord& viewer) override;
    QString firstResponseKey(const QString& query) const override;

private:
    GraphQLService(SandboxStores stores, const graphql::Schema& schema,
                   const QueryCostLimits& costLimits);

    graphql::SerializedResponse tooCostly(qint64 cost) const;

    SandboxStores m_stores;
    graphql::Executor m_executor;
    QueryCostLimits m_costLimits;
    QMutex m_writeMutex;
};

} // namespace kili::sandbox
