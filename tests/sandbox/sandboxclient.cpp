#include "sandboxclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>

namespace kili::sandbox::testing {

QByteArray HttpResult::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

SandboxClient::SandboxClient(const SandboxServer& server)
    : m_server(server) {}

QByteArray SandboxClient::authorization() const {
    return QByteArrayLiteral("X-API-Key: ") + m_server.apiKey().toUtf8();
}

HttpResult SandboxClient::graphql(const QString& query, const QJsonObject& variables) {
    return graphqlWithKey(query, variables, authorization());
}

HttpResult SandboxClient::graphqlWithKey(const QString& query, const QJsonObject& variables,
                                         const QByteArray& authorization) {
    QJsonObject body{{QStringLiteral("query"), query}};
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    return post(m_server.graphqlUrl(), QJsonDocument(body).toJson(QJsonDocument::Compact),
                authorization);
}

HttpResult SandboxClient::post(const QUrl& url, const QByteArray& body,
                               const QByteArray& authorization) {
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!authorization.isNull())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    return wait(m_network.post(request, body));
}

HttpResult SandboxClient::get(const QUrl& url, const QByteArray& authorization) {
    QNetworkRequest request(url);
    if (!authorization.isNull())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    return wait(m_network.get(request));
}

HttpResult SandboxClient::head(const QUrl& url, const QByteArray& authorization) {
    QNetworkRequest request(url);
    if (!authorization.isNull())
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
    return wait(m_network.head(request));
}

HttpResult SandboxClient::wait(QNetworkReply* reply) {
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit); // a hung server fails the test, not CI
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.networkError = reply->error();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

QString SandboxClient::projectId(const QString& title) {
    const HttpResult result = graphql(
        QStringLiteral("query { data: projects(where: {}, first: 100, skip: 0) { id title } }"));
    const QJsonArray projects = result.data().toArray();
    for (const QJsonValue& project : projects) {
        if (project.toObject().value(QLatin1String("title")).toString() == title)
            return project.toObject().value(QLatin1String("id")).toString();
    }
    return {};
}

} // namespace kili::sandbox::testing
