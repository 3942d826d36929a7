#pragma once

#include "graphql/executor.h"
#include "graphqlendpoint.h"
#include "resolvercontext.h"

#include <memory>

namespace kili::sandbox {

// The sandbox's GraphQL: Kili's schema (the SDL shipped in resources/), the executor of
// core/graphql, and the sandbox resolvers of every root field.
class GraphQLService : public GraphQLEndpoint {
public:
    // Returns null with *error set when the bundled schema does not load.
    static std::unique_ptr<GraphQLService> create(SandboxStores stores, QString* error);

    graphql::SerializedResponse execute(const QString& query, const QString& operationName,
                                        const QJsonObject& variables,
                                        const UserRecord& viewer) override;
    QString firstResponseKey(const QString& query) const override;

private:
    GraphQLService(SandboxStores stores, const graphql::Schema& schema);

    SandboxStores m_stores;
    graphql::Executor m_executor;
};

} // namespace kili::sandbox
