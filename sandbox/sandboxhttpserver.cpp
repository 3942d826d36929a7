#include "sandboxhttpserver.h"

#include "apiroutes.h"
#include "faultinjector.h"
#include "httpanswer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace kili::sandbox {

namespace {

void write(QHttpServerResponder& responder, const HttpAnswer& answer) {
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(answer.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), answer.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(answer.body.size()));
    for (const auto& [name, value] : answer.headers)
        responder.writeHeader(name, value);
    responder.writeBody(answer.body);
}

// Closes the connection without a byte of answer, once QtHttpServer is done with the request.
void closeWithoutAnswer(QTcpSocket* socket, int delayMs) {
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delayMs, socket, [guard] {
        if (guard)
            guard->abort();
    });
}

} // namespace

SandboxHttpServer::SandboxHttpServer(ApiRoutes& routes, FaultInjector& faults, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_routes(routes)
    , m_faults(faults) {}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
    if (!ApiRoutes::isApiPath(request.url().path())) {
        answer(request, socket, m_routes.handle(request), 0);
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
        answer(request, socket, tooMany, fault.latencyMs);
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
        answer(request, socket, failure, fault.latencyMs);
        return true;
    }
    if (fault.loseAnswer) {
        // The work is done (a mutation is committed) and then the answer never arrives.
        m_routes.handle(request);
        closeWithoutAnswer(socket, fault.latencyMs);
        return true;
    }
    answer(request, socket, m_routes.handle(request), fault.latencyMs);
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) {
    answer(request, socket, m_routes.handle(request), 0);
}

void SandboxHttpServer::answer(const QHttpServerRequest& request, QTcpSocket* socket,
                               HttpAnswer answer, int delayMs) {
    if (delayMs <= 0) {
        QHttpServerResponder responder = makeResponder(request, socket);
        write(responder, answer);
        return;
    }
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delayMs, this, [responder, guard, answer = std::move(answer)] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            write(*responder, answer);
    });
}

} // namespace kili::sandbox
