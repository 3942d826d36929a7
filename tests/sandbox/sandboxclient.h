#pragma once

#include "sandbox/sandboxserver.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QUrl>

namespace kili::sandbox::testing {

// Raw HTTP against an in-process sandbox: what a client sends, byte for byte, and what comes back.
struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray& name) const;
    QJsonValue data(const QString& key = QStringLiteral("data")) const {
        return json.value(QLatin1String("data")).toObject().value(key);
    }
    QJsonArray errors() const { return json.value(QLatin1String("errors")).toArray(); }
    QString firstErrorMessage() const {
        return errors().first().toObject().value(QLatin1String("message")).toString();
    }
    QString firstErrorCode() const {
        return errors()
            .first()
            .toObject()
            .value(QLatin1String("extensions"))
            .toObject()
            .value(QLatin1String("code"))
            .toString();
    }
};

class SandboxClient {
public:
    explicit SandboxClient(const SandboxServer& server);

    // POST {query, variables} with the server's key (or `key` when given).
    HttpResult graphql(const QString& query, const QJsonObject& variables = {});
    HttpResult graphqlWithKey(const QString& query, const QJsonObject& variables,
                              const QByteArray& authorization);
    HttpResult post(const QUrl& url, const QByteArray& body, const QByteArray& authorization);
    HttpResult get(const QUrl& url, const QByteArray& authorization);
    HttpResult head(const QUrl& url, const QByteArray& authorization);

    QByteArray authorization() const;
    // The id of the demo project with this title.
    QString projectId(const QString& title);

private:
    HttpResult wait(QNetworkReply* reply);

    const SandboxServer& m_server;
    QNetworkAccessManager m_network;
};

} // namespace kili::sandbox::testing
