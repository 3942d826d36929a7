#pragma once

#include "api/basejob.h"
#include "api/documentcheck.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <optional>

class QNetworkReply;

namespace kili::api {

// Introspection results on disk, one file per endpoint and server version, so that a client does
// not download the whole schema at every start. Without a version nothing is cached.
class SchemaCache {
public:
    // Default directory: <user cache>/kili-schemas.
    explicit SchemaCache(QString directory = QString());

    QString filePath(const QUrl& endpoint, const QString& serverVersion) const;
    std::optional<QJsonObject> load(const QUrl& endpoint, const QString& serverVersion) const;
    bool store(const QUrl& endpoint, const QString& serverVersion,
               const QJsonObject& introspection) const;

private:
    QString m_directory;
};

// The schema check on connect: reads the server version (GET …/version), takes the introspection
// result from the cache or asks the server (the standard introspection query), and validates every
// client document against it. Succeeds with the list of problems — a feature whose documents no
// longer validate is reported unavailable while the rest keeps working. Fails only when the schema
// cannot be had at all (then nothing is known, and the client just goes on).
class SchemaCheckJob : public BaseJob {
    Q_OBJECT
public:
    explicit SchemaCheckJob(Connection* connection, QObject* parent = nullptr);
    ~SchemaCheckJob() override;

    void setCache(const SchemaCache& cache) { m_cache = cache; }

    QString serverVersion() const { return m_serverVersion; }
    bool usedCache() const { return m_usedCache; }
    // What the server offers; also given to the connection (Connection::setServerApi) when the
    // check succeeds, so that every job leaves out the fields the server no longer has and none
    // sends a document of an unavailable feature.
    const ServerApi& serverApi() const { return m_serverApi; }
    QList<DocumentProblem> problems() const { return m_serverApi.problems(); }
    bool isAvailable(Feature feature) const { return m_serverApi.offers(feature); }
    // One sentence per unavailable feature (see ServerApi::whyUnavailable()).
    QStringList messages() const { return m_serverApi.messages(); }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    void onVersionFinished();
    void introspect();
    void checkAgainst(const QJsonObject& introspection, bool fromCache);

    SchemaCache m_cache;
    QPointer<QNetworkReply> m_versionReply;
    QTimer m_versionTimeout;
    QString m_serverVersion;
    bool m_usedCache = false;
    ServerApi m_serverApi;
};

} // namespace kili::api
