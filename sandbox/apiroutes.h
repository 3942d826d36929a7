#pragma once

#include "httpanswer.h"

#include <QString>

class QHttpServerRequest;

namespace kili::sandbox {

class AccountStore;
class AssetStore;
class GraphQLEndpoint;
struct SandboxOptions;

// The sandbox's HTTP API, request in, answer out:
//   POST /api/label/v2/graphql       GraphQL (Authorization: X-API-Key: <key>)
//   GET  /api/label/v2/version       {"version": "..."}
//   GET  /api/label/v2/files/<asset> asset content the sandbox stores itself (same key)
// A wrong or missing key gets Kili's 401 answer before anything is read or written.
class ApiRoutes {
public:
    static constexpr const char* basePath = "/api/label/v2";

    ApiRoutes(AccountStore& accounts, AssetStore& assets, GraphQLEndpoint& graphql,
              const SandboxOptions& options);

    HttpAnswer handle(const QHttpServerRequest& request);
    // True for paths fault injection applies to (the API, not unknown paths).
    static bool isApiPath(const QString& path);

private:
    HttpAnswer graphqlRoute(const QHttpServerRequest& request);
    HttpAnswer fileRoute(const QHttpServerRequest& request, const QString& assetId);
    HttpAnswer unauthorized(const QString& responseKey, const QString& cause) const;

    AccountStore& m_accounts;
    AssetStore& m_assets;
    GraphQLEndpoint& m_graphql;
    const SandboxOptions& m_options;
};

} // namespace kili::sandbox
