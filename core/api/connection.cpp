#include "api/connection.h"

#include "api/logging.h"
#include "api/ratelimiter.h"
#include "api/singlesendbody.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSysInfo>
#include <QUuid>

#ifndef KILI_DESK_VERSION
#define KILI_DESK_VERSION "0.0.0"
#endif

namespace kili::api {

namespace {
const QByteArray kClientName = QByteArrayLiteral("kili-desk");

void setNested(QJsonObject& object, const QStringList& path, const QString& value) {
    if (path.isEmpty())
        return;
    if (path.size() == 1) {
        object.insert(path.first(), value);
        return;
    }
    QJsonObject child = object.value(path.first()).toObject();
    setNested(child, path.mid(1), value);
    object.insert(path.first(), child);
}
} // namespace

QUrl Connection::defaultEndpoint() {
    return QUrl(QStringLiteral("https://cloud.kili-technology.com/api/label/v2/graphql"));
}

Connection::Connection(QObject* parent)
    : Connection(defaultEndpoint(), QString(), parent) {}

Connection::Connection(const QUrl& endpoint, const QString& apiKey, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint.isValid() ? endpoint : defaultEndpoint())
    , m_apiKey(apiKey.trimmed())
    , m_network(new QNetworkAccessManager(this))
    , m_rateLimiter(new RateLimiter(kDefaultCallsPerMinute, 10, this)) {
    // TLS settings are Qt's defaults (system CAs, peer verification on) and are never relaxed:
    // no ignoreSslErrors() anywhere in this client.
    m_network->setAutoDeleteReplies(false);
}

Connection::~Connection() = default;

QUrl Connection::endpointFromEnvironment() {
    const QString fromEnv = qEnvironmentVariable("KILI_API_ENDPOINT").trimmed();
    if (fromEnv.isEmpty())
        return defaultEndpoint();
    const QUrl url = QUrl::fromUserInput(fromEnv);
    return url.isValid() ? url : defaultEndpoint();
}

Connection* Connection::fromEnvironment(QObject* parent) {
    return new Connection(endpointFromEnvironment(), qEnvironmentVariable("KILI_API_KEY"), parent);
}

void Connection::setEndpoint(const QUrl& endpoint) {
    if (endpoint == m_endpoint)
        return;
    m_endpoint = endpoint;
    m_serverApi = ServerApi(); // another server: what it offers is not known yet
    Q_EMIT endpointChanged(m_endpoint);
}

QUrl Connection::versionUrl() const {
    QUrl url = m_endpoint;
    QString path = url.path();
    if (path.endsWith(QLatin1String("/graphql")))
        path.chop(int(qstrlen("graphql")));
    else if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QLatin1String("version"));
    url.setQuery(QString());
    return url;
}

QString Connection::serverName() const {
    QString name = m_endpoint.host();
    if (m_endpoint.port() > 0)
        name += QLatin1Char(':') + QString::number(m_endpoint.port());
    return name.isEmpty() ? m_endpoint.toString(QUrl::RemoveUserInfo) : name;
}

void Connection::setApiKey(const QString& apiKey) {
    m_apiKey = apiKey.trimmed();
}

void Connection::setPageSize(int pageSize) {
    m_pageSize = std::max(1, pageSize);
}

QByteArray Connection::requestBody(const GraphQLRequest& request) {
    QJsonObject body{{QStringLiteral("query"), request.document}};
    if (!request.variables.isEmpty())
        body.insert(QStringLiteral("variables"), request.variables);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QNetworkReply* Connection::post(const GraphQLRequest& request) {
    ++m_requestsSent;
    GraphQLRequest withKey = request;
    if (!request.apiKeyVariablePath.isEmpty())
        setNested(withKey.variables, request.apiKeyVariablePath, m_apiKey);

    QNetworkRequest http(m_endpoint);
    http.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // Qt would re-send the body and the Authorization header to wherever a 307 points, another
    // host included: an API request is never redirected (readReply says where it pointed).
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    http.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_apiKey.isEmpty())
        http.setRawHeader(QByteArrayLiteral("Authorization"),
                          QByteArrayLiteral("X-API-Key: ") + m_apiKey.toUtf8());
    http.setRawHeader(QByteArrayLiteral("apollographql-client-name"), kClientName);
    http.setRawHeader(QByteArrayLiteral("apollographql-client-version"),
                      QByteArrayLiteral(KILI_DESK_VERSION));
    http.setRawHeader(QByteArrayLiteral("kili-client-name"), kClientName);
    http.setRawHeader(QByteArrayLiteral("kili-client-version"),
                      QByteArrayLiteral(KILI_DESK_VERSION));
    http.setRawHeader(QByteArrayLiteral("kili-client-language-name"), QByteArrayLiteral("C++"));
    http.setRawHeader(QByteArrayLiteral("kili-client-language-version"),
                      QByteArrayLiteral("C++20 Qt ") + QByteArray(qVersion()));
    http.setRawHeader(QByteArrayLiteral("kili-client-platform-name"),
                      QSysInfo::productType().toUtf8());
    http.setRawHeader(QByteArrayLiteral("kili-client-platform-version"),
                      QSysInfo::productVersion().toUtf8());
    http.setRawHeader(QByteArrayLiteral("kili-client-method-name"), request.operation.toUtf8());
    http.setRawHeader(QByteArrayLiteral("kili-client-call-time"),
                      QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8());
    http.setRawHeader(QByteArrayLiteral("kili-client-call-uuid"),
                      QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    qCDebug(lcApi) << "POST" << request.operation << "to" << serverName();
    if (!request.isMutation)
        return m_network->post(http, requestBody(withKey));
    // A write goes out at most once (see SingleSendBody); the body lives as long as its reply.
    auto* body = new SingleSendBody(requestBody(withKey));
    http.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    QNetworkReply* reply = m_network->post(http, body);
    body->setParent(reply);
    return reply;
}

bool Connection::isUnderApiBase(const QUrl& url) const {
    QUrl base = m_endpoint;
    QString path = base.path();
    const int graphqlAt = int(path.lastIndexOf(QLatin1String("/graphql")));
    if (graphqlAt >= 0)
        path.truncate(graphqlAt);
    base.setPath(path);
    base.setQuery(QString());
    return url.scheme() == base.scheme() && url.host() == base.host() && url.port() == base.port()
           && url.path().startsWith(base.path());
}

QNetworkReply* Connection::get(const QUrl& url) {
    ++m_requestsSent;
    QNetworkRequest http(url);
    http.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    const bool withKey = !m_apiKey.isEmpty() && isUnderApiBase(url);
    if (withKey) {
        http.setRawHeader(QByteArrayLiteral("Authorization"),
                          QByteArrayLiteral("X-API-Key: ") + m_apiKey.toUtf8());
        // Qt copies the headers to the redirected request: the key follows a redirect only
        // within the origin it was given for.
        http.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    qCDebug(lcApi) << "GET" << url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QNetworkReply* reply = m_network->get(http);
    if (withKey) {
        connect(reply, &QNetworkReply::redirected, reply, [reply, url](const QUrl& target) {
            if (isSameOrigin(url, url.resolved(target)))
                Q_EMIT reply->redirectAllowed();
            else
                reply->abort();
        });
    }
    return reply;
}

bool Connection::isSameOrigin(const QUrl& a, const QUrl& b) {
    const int defaultPort = a.scheme() == QLatin1String("https") ? 443 : 80;
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(defaultPort) == b.port(defaultPort);
}

QString Connection::redacted(const QString& text) const {
    // A key of a few characters would blank out ordinary words; real keys are long.
    if (m_apiKey.size() < 6)
        return text;
    QString copy = text;
    return copy.replace(m_apiKey, QStringLiteral("****"));
}

QDebug operator<<(QDebug debug, const Connection* connection) {
    const QDebugStateSaver saver(debug);
    if (!connection)
        return debug << "Connection(null)";
    debug.nospace() << "Connection(" << connection->endpoint().toString(QUrl::RemoveUserInfo)
                    << ", key " << (connection->hasApiKey() ? "set" : "not set") << ')';
    return debug;
}

} // namespace kili::api
