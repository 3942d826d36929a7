#include "api/schemacheckjob.h"

#include "api/connection.h"
#include "api/logging.h"
#include "graphql/introspection.h"
#include "graphql/schema.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace kili::api {

namespace {
constexpr int kVersionTimeoutMs = 15000;

QString safeName(QString text) {
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    return text.replace(unsafe, QStringLiteral("_"));
}
} // namespace

SchemaCache::SchemaCache(QString directory)
    : m_directory(std::move(directory)) {
    if (m_directory.isEmpty()) {
        m_directory = QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                      + QStringLiteral("/kili-schemas");
    }
}

QString SchemaCache::filePath(const QUrl& endpoint, const QString& serverVersion) const {
    QString key = endpoint.host();
    if (endpoint.port() > 0)
        key += QLatin1Char('_') + QString::number(endpoint.port());
    key += endpoint.path() + QLatin1Char('_') + serverVersion;
    return m_directory + QLatin1Char('/') + safeName(key) + QStringLiteral(".json");
}

std::optional<QJsonObject> SchemaCache::load(const QUrl& endpoint,
                                             const QString& serverVersion) const {
    if (serverVersion.isEmpty())
        return std::nullopt;
    QFile file(filePath(endpoint, serverVersion));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return std::nullopt; // a damaged cache file is ignored and replaced
    return document.object();
}

bool SchemaCache::store(const QUrl& endpoint, const QString& serverVersion,
                        const QJsonObject& introspection) const {
    if (serverVersion.isEmpty() || !QDir().mkpath(m_directory))
        return false;
    QSaveFile file(filePath(endpoint, serverVersion));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(introspection).toJson(QJsonDocument::Compact));
    return file.commit();
}

SchemaCheckJob::SchemaCheckJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {
    m_versionTimeout.setSingleShot(true);
    connect(&m_versionTimeout, &QTimer::timeout, this, [this] {
        if (m_versionReply)
            m_versionReply->abort();
    });
}

SchemaCheckJob::~SchemaCheckJob() {
    if (QNetworkReply* reply = m_versionReply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString SchemaCheckJob::action() const {
    return QStringLiteral("check this client's requests against the server's API");
}

void SchemaCheckJob::startRequests() {
    m_versionReply = connection()->get(connection()->versionUrl());
    connect(m_versionReply, &QNetworkReply::finished, this, &SchemaCheckJob::onVersionFinished);
    m_versionTimeout.start(kVersionTimeoutMs);
}

void SchemaCheckJob::onVersionFinished() {
    m_versionTimeout.stop();
    QNetworkReply* reply = m_versionReply;
    m_versionReply.clear();
    if (!reply)
        return;
    reply->deleteLater();
    if (state() != State::Running)
        return;
    // Any answer but 200 with {"version": …} just disables caching, like the SDK.
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        m_serverVersion = json.value(QLatin1String("version")).toString();
    }
    if (const auto cached = m_cache.load(connection()->endpoint(), m_serverVersion)) {
        checkAgainst(*cached, true);
        return;
    }
    introspect();
}

void SchemaCheckJob::introspect() {
    GraphQLRequest request;
    request.operation = QStringLiteral("IntrospectionQuery");
    request.document = kili::graphql::introspectionQuery();
    send(request);
}

void SchemaCheckJob::handleData(const QJsonObject& data) {
    checkAgainst(data, false);
}

void SchemaCheckJob::checkAgainst(const QJsonObject& introspection, bool fromCache) {
    QString error;
    const kili::graphql::Schema schema =
        kili::graphql::Schema::fromIntrospection(introspection, &error);
    if (!schema.isValid()) {
        if (fromCache) {
            introspect(); // stale or damaged cache: ask the server
            return;
        }
        fail(makeError(ApiError::Malformed,
                       QStringLiteral("the server's schema could not be read (%1)").arg(error),
                       QStringLiteral("Kili Desk goes on without checking its requests.")));
        return;
    }
    if (!fromCache && !m_cache.store(connection()->endpoint(), m_serverVersion, introspection))
        qCDebug(lcApi) << "schema not cached (no server version or cache folder not writable)";
    m_usedCache = fromCache;
    m_serverApi = checkServerApi(schema, m_serverVersion);
    for (const QString& message : m_serverApi.messages())
        qCInfo(lcApi).noquote() << message;
    if (!m_serverApi.omittedFields().isEmpty())
        qCInfo(lcApi) << "the server lacks" << m_serverApi.omittedFields() << "; left out";
    connection()->setServerApi(m_serverApi);
    succeed();
}

} // namespace kili::api
