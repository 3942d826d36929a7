#include "apiroutes.h"

#include "accountstore.h"
#include "assetstore.h"
#include "graphql/jsonwriter.h"
#include "graphqlendpoint.h"
#include "sandboxoptions.h"
#include "schemareduction.h"

#include <QJsonArray>
#include <QJsonParseError>

namespace kili::sandbox {

namespace {

const QString graphqlPath = QStringLiteral("/api/label/v2/graphql");
const QString versionPath = QStringLiteral("/api/label/v2/version");
const QString filesPrefix = QStringLiteral("/api/label/v2/files/");
const QByteArray keyPrefix = QByteArrayLiteral("X-API-Key: ");

// Apollo answers requests it cannot execute (document that does not parse or validate, variables
// that do not coerce, no operation to run, a document over the cost limit) with 400.
bool cannotRun(const graphql::SerializedResponse& result) {
    if (result.hasData || result.errors.isEmpty())
        return false;
    const QString code = result.errors.first().extensions.value(QLatin1String("code")).toString();
    return code == QLatin1String("GRAPHQL_PARSE_FAILED")
           || code == QLatin1String("GRAPHQL_VALIDATION_FAILED")
           || code == QLatin1String("OPERATION_RESOLUTION_FAILURE")
           || code == QLatin1String("QUERY_TOO_COMPLEX");
}

} // namespace

ApiRoutes::ApiRoutes(AccountStore& accounts, AssetStore& assets, GraphQLEndpoint& graphql,
                     const SandboxOptions& options)
    : m_accounts(accounts)
    , m_assets(assets)
    , m_graphql(graphql)
    , m_options(options) {}

bool ApiRoutes::isApiPath(const QString& path) {
    return path == graphqlPath || path == versionPath || path.startsWith(filesPrefix);
}

HttpAnswer ApiRoutes::handle(const HttpRequest& request) {
    HttpAnswer answer = route(request);
    // An answer to HEAD has no body, whatever it says, or the next answer on the connection
    // would be read as its end.
    answer.headOnly = request.method == QHttpServerRequest::Method::Head;
    return answer;
}

HttpAnswer ApiRoutes::route(const HttpRequest& request) {
    const QString& path = request.path;
    if (path == graphqlPath)
        return graphqlRoute(request);
    if (path == versionPath) {
        if (request.method != QHttpServerRequest::Method::Get) {
            HttpAnswer answer =
                HttpAnswer::error(405, QStringLiteral("The version endpoint only answers GET."),
                                  QStringLiteral("METHOD_NOT_ALLOWED"));
            answer.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")});
            return answer;
        }
        return HttpAnswer::json(
            200, QJsonObject{{QStringLiteral("version"), sandboxVersion(m_options.withoutSchema)}});
    }
    if (path.startsWith(filesPrefix))
        return fileRoute(request, path.mid(filesPrefix.size()));
    return HttpAnswer::error(404,
                             QStringLiteral("Nothing is served at %1. The GraphQL endpoint is "
                                            "POST %2.")
                                 .arg(path, graphqlPath),
                             QStringLiteral("NOT_FOUND"));
}

HttpAnswer ApiRoutes::unauthorized(const QString& responseKey, const QString& cause) const {
    graphql::GraphQLError error{
        QStringLiteral("[accessDenied] Access denied. Please verify your credentials or contact "
                       "Kili support. -- This can be due to: %1 | trace : false")
            .arg(cause),
        {},
        {},
        QJsonObject{{QStringLiteral("code"), QStringLiteral("401")}}};
    QByteArray data = QByteArrayLiteral("null");
    if (!responseKey.isEmpty()) {
        error.path = QJsonArray{responseKey};
        data = QByteArrayLiteral("{");
        graphql::json::appendString(data, responseKey);
        data.append(":null}");
    }
    HttpAnswer answer;
    answer.status = 401;
    answer.body = graphql::json::response({error}, data);
    return answer;
}

std::optional<HttpAnswer> ApiRoutes::refuseBeforeBody(const HttpRequest& request) {
    if (request.chunked) {
        // A chunked body has no size to check before it is read whole.
        return HttpAnswer::error(411,
                                 QStringLiteral("The sandbox needs a Content-Length header: send "
                                                "the request body in one piece, not chunked."),
                                 QStringLiteral("LENGTH_REQUIRED"));
    }
    if (request.contentLength > m_options.maxBodyBytes)
        return tooLarge(request.contentLength);
    const bool needsKey = request.path == graphqlPath || request.path.startsWith(filesPrefix);
    if (!needsKey || request.contentLength <= unauthenticatedBodyBytes)
        return std::nullopt;
    QString cause;
    if (viewerFor(request, &cause))
        return std::nullopt;
    return unauthorized(QString(), cause);
}

HttpAnswer ApiRoutes::tooLarge(qint64 bytes) const {
    return HttpAnswer::error(
        413,
        QStringLiteral("The request body holds %1 bytes; the sandbox accepts at most %2. Send "
                       "smaller batches.")
            .arg(bytes)
            .arg(m_options.maxBodyBytes),
        QStringLiteral("PAYLOAD_TOO_LARGE"));
}

std::optional<UserRecord> ApiRoutes::viewerFor(const HttpRequest& request, QString* cause) {
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty()) {
        *cause = QStringLiteral("No API key was sent: add the header "
                                "\"Authorization: X-API-Key: <your key>\"");
        return std::nullopt;
    }
    if (!authorization.startsWith(keyPrefix)) {
        *cause = QStringLiteral("The Authorization header must read \"X-API-Key: <your key>\"");
        return std::nullopt;
    }
    const QString key = QString::fromUtf8(authorization.mid(keyPrefix.size())).trimmed();
    std::optional<UserRecord> viewer = m_accounts.userForKey(key);
    if (!viewer)
        *cause = QStringLiteral("The API key is unknown, revoked or expired");
    return viewer;
}

HttpAnswer ApiRoutes::graphqlRoute(const HttpRequest& request) {
    if (request.method != QHttpServerRequest::Method::Post) {
        HttpAnswer answer = HttpAnswer::error(
            405,
            QStringLiteral("The GraphQL endpoint only answers POST with a JSON body "
                           "{\"query\": \"...\", \"variables\": {...}}; this request used another "
                           "method."),
            QStringLiteral("METHOD_NOT_ALLOWED"));
        answer.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")});
        return answer;
    }
    if (request.body.size() > m_options.maxBodyBytes)
        return tooLarge(request.body.size());
    QString cause;
    const std::optional<UserRecord> viewer = viewerFor(request, &cause);
    if (!viewer) {
        // Only to shape the answer like Kili's; RequestGate refused larger bodies unread.
        QString responseKey;
        if (request.body.size() <= unauthenticatedBodyBytes) {
            const QString query = QJsonDocument::fromJson(request.body)
                                      .object()
                                      .value(QLatin1String("query"))
                                      .toString();
            if (!query.isEmpty())
                responseKey = m_graphql.firstResponseKey(query);
        }
        return unauthorized(responseKey, cause);
    }
    return runGraphQL(request.body, *viewer);
}

HttpAnswer ApiRoutes::runGraphQL(const QByteArray& body, const UserRecord& viewer) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString problem = parseError.error != QJsonParseError::NoError
                                    ? QStringLiteral("%1 at byte %2")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset)
                                    : QStringLiteral("it is not a JSON object");
        return HttpAnswer::error(
            400,
            QStringLiteral("The request body is not valid JSON (%1). Send {\"query\": \"...\", "
                           "\"variables\": {...}} with Content-Type: application/json.")
                .arg(problem),
            QStringLiteral("BAD_REQUEST"));
    }
    const QJsonObject payload = document.object();
    const QString query = payload.value(QLatin1String("query")).toString();
    if (query.trimmed().isEmpty()) {
        return HttpAnswer::error(
            400, QStringLiteral("GraphQL operations must contain a non-empty `query` string."),
            QStringLiteral("BAD_REQUEST"));
    }
    const QJsonValue variables = payload.value(QLatin1String("variables"));
    if (!variables.isUndefined() && !variables.isNull() && !variables.isObject()) {
        return HttpAnswer::error(400, QStringLiteral("`variables` must be a JSON object."),
                                 QStringLiteral("BAD_REQUEST"));
    }
    const QString operationName = payload.value(QLatin1String("operationName")).toString();
    const GraphQLAnswer result =
        m_graphql.execute(query, operationName, variables.toObject(), viewer);
    HttpAnswer answer;
    answer.status = cannotRun(result.response) ? 400 : 200;
    answer.body = result.response.json;
    if (result.complexity > 0) {
        answer.headers.append(
            {QByteArrayLiteral("x-complexity"), QByteArray::number(result.complexity)});
    }
    return answer;
}

HttpAnswer ApiRoutes::fileRoute(const HttpRequest& request, const QString& assetId) {
    QString cause;
    if (!viewerFor(request, &cause)) {
        return unauthorized(QString(), QStringLiteral("Files served by the API need the same "
                                                      "\"Authorization: X-API-Key: <key>\" header "
                                                      "as GraphQL requests"));
    }
    // The SDK asks for a file's type with HEAD before it downloads it with GET.
    if (request.method != QHttpServerRequest::Method::Get
        && request.method != QHttpServerRequest::Method::Head) {
        HttpAnswer answer = HttpAnswer::error(405, QStringLiteral("Files are read with GET."),
                                              QStringLiteral("METHOD_NOT_ALLOWED"));
        answer.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD")});
        return answer;
    }
    HttpAnswer answer;
    if (!m_assets.file(assetId, &answer.body, &answer.contentType)) {
        return HttpAnswer::error(
            404, QStringLiteral("The asset %1 has no file stored in the sandbox.").arg(assetId),
            QStringLiteral("NOT_FOUND"));
    }
    answer.headers.append(
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, max-age=3600")});
    return answer;
}

} // namespace kili::sandbox
