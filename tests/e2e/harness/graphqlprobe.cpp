#include "graphqlprobe.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

namespace kili::testing {

GraphQLProbe::GraphQLProbe(QUrl url, QString apiKey)
    : m_url(std::move(url))
    , m_key(std::move(apiKey)) {}

HttpAnswer GraphQLProbe::postRaw(const QByteArray& body, bool withKey,
                                 const QByteArray& authorization) {
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    else if (withKey)
        request.setRawHeader("Authorization", "X-API-Key: " + m_key.toUtf8());
    request.setTransferTimeout(60000);
    QNetworkReply* reply = m_network.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (answer.status == 0)
        answer.networkError = reply->errorString();
    answer.body = reply->readAll();
    reply->deleteLater();
    return answer;
}

QJsonObject GraphQLProbe::query(const QString& document, const QJsonObject& variables,
                                QString* error) {
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("query"), document},
                                                      {QStringLiteral("variables"), variables}})
                                .toJson(QJsonDocument::Compact);
    QString last;
    for (int attempt = 0; attempt < 60; ++attempt) {
        const HttpAnswer answer = postRaw(body);
        if (answer.status == 200) {
            const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
            if (object.contains(QStringLiteral("errors"))) {
                *error = QString::fromUtf8(
                    QJsonDocument(object.value(QStringLiteral("errors")).toArray()).toJson());
                return {};
            }
            error->clear();
            return object.value(QStringLiteral("data")).toObject();
        }
        last = answer.status == 0 ? answer.networkError
                                  : QStringLiteral("HTTP %1: %2")
                                        .arg(answer.status)
                                        .arg(QString::fromUtf8(answer.body.left(500)));
        if (answer.status != 0 && answer.status != 429 && answer.status < 500)
            break;
        QThread::msleep(answer.status == 429 ? 1000 : 100);
    }
    *error = QStringLiteral("GraphQL request failed: ") + last;
    return {};
}

namespace {

QJsonObject labelWhere(const QString& projectId, const QStringList& types) {
    QJsonObject where{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}}};
    if (!types.isEmpty())
        where.insert(QStringLiteral("typeIn"), QJsonArray::fromStringList(types));
    return where;
}

} // namespace

int GraphQLProbe::countLabels(const QString& projectId, const QStringList& types, QString* error) {
    const QJsonObject data =
        query(QStringLiteral("query($where: LabelWhere!) { countLabels(where: $where) }"),
              {{QStringLiteral("where"), labelWhere(projectId, types)}}, error);
    return error->isEmpty() ? data.value(QStringLiteral("countLabels")).toInt(-1) : -1;
}

QJsonArray GraphQLProbe::labels(const QString& projectId, const QStringList& types,
                                QString* error) {
    QJsonArray all;
    for (int skip = 0;; skip += 500) {
        const QJsonObject data =
            query(QStringLiteral("query($where: LabelWhere!, $skip: Int!) { labels(where: $where, "
                                 "first: 500, skip: $skip) { id labelType modelName assetId "
                                 "jsonResponse } }"),
                  {{QStringLiteral("where"), labelWhere(projectId, types)},
                   {QStringLiteral("skip"), skip}},
                  error);
        if (!error->isEmpty())
            return {};
        const QJsonArray page = data.value(QStringLiteral("labels")).toArray();
        for (const QJsonValue& label : page)
            all.append(label);
        if (page.size() < 500)
            return all;
    }
}

QJsonArray GraphQLProbe::assets(const QString& projectId, QString* error) {
    QJsonArray all;
    for (int skip = 0;; skip += 500) {
        const QJsonObject data =
            query(QStringLiteral("query($where: AssetWhere!, $skip: Int!) { assets(where: $where, "
                                 "first: 500, skip: $skip) { id externalId } }"),
                  {{QStringLiteral("where"),
                    QJsonObject{{QStringLiteral("project"),
                                 QJsonObject{{QStringLiteral("id"), projectId}}}}},
                   {QStringLiteral("skip"), skip}},
                  error);
        if (!error->isEmpty())
            return {};
        const QJsonArray page = data.value(QStringLiteral("assets")).toArray();
        for (const QJsonValue& asset : page)
            all.append(asset);
        if (page.size() < 500)
            return all;
    }
}

QString GraphQLProbe::projectId(const QString& titlePrefix, QString* error) {
    const QJsonObject data = query(
        QStringLiteral("{ projects(where: {}, first: 100, skip: 0) { id title } }"), {}, error);
    for (const QJsonValue& project : data.value(QStringLiteral("projects")).toArray()) {
        if (project[QStringLiteral("title")].toString().startsWith(titlePrefix))
            return project[QStringLiteral("id")].toString();
    }
    return {};
}

} // namespace kili::testing
