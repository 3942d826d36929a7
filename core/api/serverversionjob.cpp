#include "api/serverversionjob.h"

#include "api/connection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace kili::api {

namespace {
constexpr int kTimeoutMs = 15000;
}

ServerVersionJob::ServerVersionJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_reply)
            m_reply->abort();
    });
}

ServerVersionJob::~ServerVersionJob() {
    if (QNetworkReply* reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QString ServerVersionJob::action() const {
    return QStringLiteral("read the server's version");
}

void ServerVersionJob::startRequests() {
    m_reply = connection()->get(connection()->versionUrl());
    connect(m_reply, &QNetworkReply::finished, this, &ServerVersionJob::onFinished);
    m_timeout.start(kTimeoutMs);
}

void ServerVersionJob::handleData(const QJsonObject&) {
    // Never called: no GraphQL request is sent.
}

void ServerVersionJob::onFinished() {
    m_timeout.stop();
    QNetworkReply* reply = m_reply;
    m_reply.clear();
    if (!reply)
        return;
    reply->deleteLater();
    if (state() != State::Running)
        return; // cancelled: the base job has reported it
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && status == 0) {
        fail(makeError(ApiError::Network, reply->errorString(),
                       QStringLiteral("Check the connection to the server.")));
        return;
    }
    if (status != 200) {
        ApiError error = makeError(ApiError::HttpStatus,
                                   QStringLiteral("the server answered HTTP %1").arg(status),
                                   QStringLiteral("This server may not publish its version."));
        error.httpStatus = status;
        fail(error);
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    m_version = json.value(QLatin1String("version")).toString();
    if (m_version.isEmpty()) {
        fail(makeError(ApiError::Malformed, QStringLiteral("the answer holds no \"version\""),
                       QStringLiteral("This server may not publish its version.")));
        return;
    }
    succeed();
}

} // namespace kili::api
