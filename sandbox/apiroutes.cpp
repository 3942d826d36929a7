#include "apiroutes.h"

#include "accountstore.h"
#include "assetstore.h"
#include "graphql/jsonwriter.h"
#include "graphqlendpoint.h"
#include "sandboxoptions.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonParseError>

namespace kili::sandbox {

namespace {

const QString graphqlPath = QStringLiteral("/api/label/v2/graphql");
const QString versionPath = QStringLiteral("/api/label/v2/version");
const QString filesPrefix = QStringLiteral("/api/label/v2/files/");
const QByteArray keyPrefix = QByteArrayLiteral("X-API-Key: ");

QByteArray header(const QHttpServerRequest& request, const QByteArray& name) {
    const auto headers = request.headers();
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
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

HttpAnswer ApiRoutes::handle(const QHttpServerRequest& request) {
    const QString path = request.url().path();
    if (path == graphqlPath)
        return graphqlRoute(request);
    if (path == versionPath) {
        if (request.method() != QHttpServerRequest::Method::Get) {
            HttpAnswer answer =
                HttpAnswer::error(405, QStringLiteral("The version endpoint only answers GET."),
                                  QStringLiteral("METHOD_NOT_ALLOWED"));
            answer.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")});
            return answer;
        }
        return HttpAnswer::json(
            200, QJsonObject{{QStringLiteral("version"), QStringLiteral("kili-sandbox-0.1.0")}});
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

HttpAnswer ApiRoutes::graphqlRoute(const QHttpServerRequest& request) {
    if (request.method() != QHttpServerRequest::Method::Post) {
        HttpAnswer answer = HttpAnswer::error(
            405,
            QStringLiteral("The GraphQL endpoint only answers POST with a JSON body "
                           "{\"query\": \"...\", \"variables\": {...}}; this request used another "
                           "method."),
            QStringLiteral("METHOD_NOT_ALLOWED"));
        answer.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("POST")});
        return answer;
    }
    const QByteArray body = request.body();
    if (body.size() > m_options.maxBodyBytes) {
        return HttpAnswer::error(
            413,
            QStringLiteral("The request body holds %1 bytes; the sandbox accepts at most %2. Send "
                           "smaller batches.")
                .arg(body.size())
                .arg(m_options.maxBodyBytes),
            QStringLiteral("PAYLOAD_TOO_LARGE"));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject payload = document.object();
    const QString query = payload.value(QLatin1String("query")).toString();

    const QByteArray authorization = header(request, QByteArrayLiteral("Authorization"));
    const QString responseKey = query.isEmpty() ? QString() : m_graphql.firstResponseKey(query);
    if (authorization.isEmpty()) {
        return unauthorized(responseKey,
                            QStringLiteral("No API key was sent: add the header "
                                           "\"Authorization: X-API-Key: <your key>\""));
    }
    if (!authorization.startsWith(keyPrefix)) {
        return unauthorized(responseKey, QStringLiteral("The Authorization header must read "
                                                        "\"X-API-Key: <your key>\""));
    }
    const QString key = QString::fromUtf8(authorization.mid(keyPrefix.size())).trimmed();
    const std::optional<UserRecord> viewer = m_accounts.userForKey(key);
    if (!viewer) {
        return unauthorized(responseKey, QStringLiteral("The API key is unknown, revoked or "
                                                        "expired"));
    }

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
        m_graphql.execute(query, operationName, variables.toObject(), *viewer);
    // Apollo answers requests it cannot execute (document that does not parse or validate,
    // variables that do not coerce, no operation to run, a document over the cost limit) with
    // 400, executed ones with 200.
    int status = 200;
    if (!result.response.hasData && !result.response.errors.isEmpty()) {
        const QString code =
            result.response.errors.first().extensions.value(QLatin1String("code")).toString();
        if (code == QLatin1String("GRAPHQL_PARSE_FAILED")
            || code == QLatin1String("GRAPHQL_VALIDATION_FAILED")
            || code == QLatin1String("OPERATION_RESOLUTION_FAILURE")
            || code == QLatin1String("QUERY_TOO_COMPLEX"))
            status = 400;
    }
    HttpAnswer answer;
    answer.status = status;
    answer.body = result.response.json;
    if (result.complexity > 0) {
        answer.headers.append(
            {QByteArrayLiteral("x-complexity"), QByteArray::number(result.complexity)});
    }
    return answer;
}

HttpAnswer ApiRoutes::fileRoute(const QHttpServerRequest& request, const QString& assetId) {
    const QByteArray authorization = header(request, QByteArrayLiteral("Authorization"));
    if (!authorization.startsWith(keyPrefix)
        || !m_accounts.userForKey(
            QString::fromUtf8(authorization.mid(keyPrefix.size())).trimmed())) {
        return unauthorized(QString(), QStringLiteral("Files served by the API need the same "
                                                      "\"Authorization: X-API-Key: <key>\" header "
                                                      "as GraphQL requests"));
    }
    if (request.method() != QHttpServerRequest::Method::Get) {
        return HttpAnswer::error(405, QStringLiteral("Files are read with GET."),
                                 QStringLiteral("METHOD_NOT_ALLOWED"));
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
