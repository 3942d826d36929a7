#pragma once

#include "httpanswer.h"
#include "httprequest.h"

#include <QString>
#include <optional>

namespace kili::sandbox {

class AccountStore;
class AssetStore;
class GraphQLEndpoint;
struct SandboxOptions;
struct UserRecord;

// The sandbox's HTTP API, request in, answer out:
//   POST /api/label/v2/graphql       GraphQL (Authorization: X-API-Key: <key>)
//   GET  /api/label/v2/version       {"version": "..."}
//   GET  /api/label/v2/files/<asset> asset content the sandbox stores itself (same key)
// A wrong or missing key gets Kili's 401 answer before the document is parsed or anything is
// written. Every GraphQL answer carries the document's cost in `x-complexity`, as Kili's do.
// handle() is called from the server's worker threads, several at once.
class ApiRoutes {
public:
    static constexpr const char* basePath = "/api/label/v2";
    // Without a valid key, a body up to this size is still read, so that the 401 answer names the
    // response key of the document ({"data": {"data": null}}) as Kili's does; a larger one is
    // refused from its headers alone.
    static constexpr qint64 unauthenticatedBodyBytes = 64 * 1024;

    ApiRoutes(AccountStore& accounts, AssetStore& assets, GraphQLEndpoint& graphql,
              const SandboxOptions& options);

    HttpAnswer handle(const HttpRequest& request);
    // The answer to a request that can be refused from its request line and headers (`request`
    // has no body yet): a body over the limit, a body without a Content-Length, a large body
    // without a valid key. Nothing when the body should be read.
    std::optional<HttpAnswer> refuseBeforeBody(const HttpRequest& request);
    // True for paths fault injection applies to (the API, not unknown paths).
    static bool isApiPath(const QString& path);

private:
    HttpAnswer route(const HttpRequest& request);
    HttpAnswer graphqlRoute(const HttpRequest& request);
    HttpAnswer runGraphQL(const QByteArray& body, const UserRecord& viewer);
    HttpAnswer fileRoute(const HttpRequest& request, const QString& assetId);
    // The key's owner, or the cause of Kili's 401 for a missing, malformed or unknown key.
    std::optional<UserRecord> viewerFor(const HttpRequest& request, QString* cause);
    HttpAnswer unauthorized(const QString& responseKey, const QString& cause) const;
    HttpAnswer tooLarge(qint64 bytes) const;

    AccountStore& m_accounts;
    AssetStore& m_assets;
    GraphQLEndpoint& m_graphql;
    const SandboxOptions& m_options;
};

} // namespace kili::sandbox
