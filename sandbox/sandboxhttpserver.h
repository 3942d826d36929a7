#pragma once

#include <QAbstractHttpServer>

namespace kili::sandbox {

class ApiRoutes;
class FaultInjector;
struct HttpAnswer;

// The HTTP front: takes every request QtHttpServer parsed, applies the injected faults, asks the
// routes for the answer and writes it. Latency and 429s are answered from a QTimer with the
// responder moved into a shared pointer — a handler that sleeps would serialise every connection.
class SandboxHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    SandboxHttpServer(ApiRoutes& routes, FaultInjector& faults, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    void answer(const QHttpServerRequest& request, QTcpSocket* socket, HttpAnswer answer,
                int delayMs);

    ApiRoutes& m_routes;
    FaultInjector& m_faults;
};

} // namespace kili::sandbox
