#include "sandboxhttpserver.h"

#include "apiroutes.h"
#include "faultinjector.h"
#include "httpanswer.h"
#include "requestgate.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace kili::sandbox {

SandboxHttpServer::SandboxHttpServer(ApiRoutes& routes, FaultInjector& faults, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_routes(routes)
    , m_faults(faults) {
    // At least a few workers even on a small machine: a slow document should leave room for the
    // client's other requests (QNetworkAccessManager opens 6 connections per host).
    m_workers.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    // Workers never expire: each keeps its SQLite connection, closed with the Database.
    m_workers.setExpiryTimeout(-1);
}

SandboxHttpServer::~SandboxHttpServer() {
    m_workers.waitForDone();
}

quint16 SandboxHttpServer::listenOn(const QHostAddress& address, quint16 port) {
    auto* gate = new RequestGate(
        [this](const HttpRequest& head) { return m_routes.refuseBeforeBody(head); }, this);
    if (!gate->listen(address, port)) {
        delete gate;
        return 0;
    }
    m_gate = gate;
    bind(gate);
    return gate->serverPort();
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    if (!ApiRoutes::isApiPath(request.url().path())) {
        dispatch(request, socket, 0, Delivery::Answer);
        return true;
    }
    const FaultInjector::Decision fault = m_faults.decide();
    if (fault.drop) {
        closeWithoutAnswer(socket, fault.latencyMs);
        return true;
    }
    if (fault.retryAfterSecs >= 0) {
        HttpAnswer tooMany = HttpAnswer::error(
            429,
            QStringLiteral("Too many requests: the sandbox accepts a limited number of calls per "
                           "minute. Retry after %1 s.")
                .arg(fault.retryAfterSecs),
            QStringLiteral("TOO_MANY_REQUESTS"));
        tooMany.headers.append(
            {QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfterSecs)});
        m_gate->requestTaken(socket);
        deliver(socket, std::move(tooMany), fault.latencyMs);
        return true;
    }
    if (fault.failStatus != 0) {
        HttpAnswer failure = HttpAnswer::error(
            fault.failStatus,
            QStringLiteral("Injected failure: the sandbox answered %1 without handling the "
                           "request (--fail-rate).")
                .arg(fault.failStatus),
            QStringLiteral("INTERNAL_SERVER_ERROR"));
        if (fault.failStatus == 503)
            failure.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        m_gate->requestTaken(socket);
        deliver(socket, std::move(failure), fault.latencyMs);
        return true;
    }
    // A lost answer: the work is done (a mutation is committed) and then the answer never
    // arrives.
    dispatch(request, socket, fault.latencyMs,
             fault.loseAnswer ? Delivery::Lose : Delivery::Answer);
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    dispatch(request, socket, 0, Delivery::Answer);
}

void SandboxHttpServer::dispatch(const QHttpServerRequest& request, QTcpSocket* socket, int delayMs,
                                 Delivery delivery) {
    m_gate->requestTaken(socket);
    const QPointer<QTcpSocket> guard(socket);
    m_workers.start([this, guard, delayMs, delivery, copy = HttpRequest::from(request)] {
        HttpAnswer answer = m_routes.handle(copy);
        QMetaObject::invokeMethod(
            this,
            [this, guard, delayMs, delivery, answer = std::move(answer)]() mutable {
                if (delivery == Delivery::Lose) {
                    if (guard)
                        closeWithoutAnswer(guard, delayMs);
                    return;
                }
                deliver(guard, std::move(answer), delayMs);
            },
            Qt::QueuedConnection);
    });
}

void SandboxHttpServer::deliver(const QPointer<QTcpSocket>& socket, HttpAnswer answer,
                                int delayMs) {
    if (delayMs <= 0) {
        write(socket, answer);
        return;
    }
    QTimer::singleShot(delayMs, this,
                       [this, socket, answer = std::move(answer)] { write(socket, answer); });
}

void SandboxHttpServer::write(const QPointer<QTcpSocket>& socket, const HttpAnswer& answer) {
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(answer.message());
    m_gate->answered(socket);
}

// Closes the connection without a byte of answer, once QtHttpServer is done with the request.
void SandboxHttpServer::closeWithoutAnswer(QTcpSocket* socket, int delayMs) {
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delayMs, socket, [guard] {
        if (guard)
            guard->abort();
    });
}

} // namespace kili::sandbox
