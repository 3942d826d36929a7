#pragma once

#include "api/graphqlrequest.h"
#include "api/retrypolicy.h"
#include "api/serverapi.h"

#include <QDebug>
#include <QObject>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace kili::api {

class RateLimiter;

// The link to one Kili server: endpoint, API key, network access, rate limit and retry policy.
// The key is held here and nowhere else: jobs hand over GraphQLRequests and get a reply back; the
// connection adds the Authorization header. The key never appears in logs, errors or qDebug().
class Connection : public QObject {
    Q_OBJECT
public:
    static QUrl defaultEndpoint(); // https://cloud.kili-technology.com/api/label/v2/graphql
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kDefaultCallsPerMinute = 500;

    explicit Connection(QObject* parent = nullptr);
    Connection(const QUrl& endpoint, const QString& apiKey, QObject* parent = nullptr);
    ~Connection() override;

    // Endpoint from KILI_API_ENDPOINT (default endpoint when unset or empty) and key from
    // KILI_API_KEY, like Kili's SDK.
    static Connection* fromEnvironment(QObject* parent = nullptr);
    static QUrl endpointFromEnvironment();

    QUrl endpoint() const { return m_endpoint; }
    void setEndpoint(const QUrl& endpoint);
    // The version endpoint: the endpoint with its trailing /graphql replaced by /version.
    QUrl versionUrl() const;
    // "cloud.kili-technology.com" or "127.0.0.1:8080", for messages.
    QString serverName() const;

    void setApiKey(const QString& apiKey);
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int pageSize);
    std::chrono::milliseconds requestTimeout() const { return m_timeout; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    const RetryPolicy& retryPolicy() const { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retryPolicy = policy; }
    RateLimiter* rateLimiter() const { return m_rateLimiter; }
    // What the server's API offers this client (SchemaCheckJob sets it; unchecked offers all).
    const ServerApi& serverApi() const { return m_serverApi; }
    void setServerApi(const ServerApi& api) { m_serverApi = api; }
    QNetworkAccessManager* network() const { return m_network; }

    // POSTs one GraphQL request with every header Kili expects. The reply belongs to the caller.
    QNetworkReply* post(const GraphQLRequest& request);
    // A plain GET (version endpoint, asset content). The key is sent only to URLs under the API
    // base, never to third-party storage.
    QNetworkReply* get(const QUrl& url);
    // Requests sent so far (POST and GET, retries included), for benchmarks and diagnostics.
    int requestsSent() const { return m_requestsSent; }
    // The body post() sends, without the key; exposed for tests and logs.
    static QByteArray requestBody(const GraphQLRequest& request);

    // Replaces every occurrence of the key in `text` with "****" (for text from elsewhere, e.g. a
    // server echoing the request, before it reaches a message).
    QString redacted(const QString& text) const;

Q_SIGNALS:
    void endpointChanged(const QUrl& endpoint);

private:
    bool isUnderApiBase(const QUrl& url) const;
    // Same scheme, host and port (default ports filled in).
    static bool isSameOrigin(const QUrl& a, const QUrl& b);

    QUrl m_endpoint;
    QString m_apiKey;
    int m_pageSize = kDefaultPageSize;
    std::chrono::milliseconds m_timeout{60000};
    RetryPolicy m_retryPolicy;
    ServerApi m_serverApi;
    int m_requestsSent = 0;
    QNetworkAccessManager* m_network = nullptr;
    RateLimiter* m_rateLimiter = nullptr;
};

// Shows the endpoint and whether a key is set, never the key.
QDebug operator<<(QDebug debug, const Connection* connection);

} // namespace kili::api
