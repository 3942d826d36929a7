#pragma once

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>
#include <QThreadPool>

namespace kili::sandbox {

class ApiRoutes;
class FaultInjector;
class RequestGate;
struct HttpAnswer;

// The HTTP front: takes every request QtHttpServer parsed, applies the injected faults, has the
// routes compute the answer on a worker thread and writes it from this (the server's) thread.
// Requests run in parallel, so one slow document does not stall every other client; latency and
// 429s are answered from a QTimer — a handler that sleeps would serialise every connection.
// Requests that can be refused from their headers never reach QtHttpServer (RequestGate).
class SandboxHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    SandboxHttpServer(ApiRoutes& routes, FaultInjector& faults, QObject* parent = nullptr);
    // Waits for the requests still running on the workers: they use the routes.
    ~SandboxHttpServer() override;

    // The port listened on, 0 when listening failed.
    quint16 listenOn(const QHostAddress& address, quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    enum class Delivery { Answer, Lose };
    // Runs the routes on a worker, then delivers from this thread after delayMs.
    void dispatch(const QHttpServerRequest& request, QTcpSocket* socket, int delayMs,
                  Delivery delivery);
    void deliver(const QPointer<QTcpSocket>& socket, HttpAnswer answer, int delayMs);
    void write(const QPointer<QTcpSocket>& socket, const HttpAnswer& answer);
    void closeWithoutAnswer(QTcpSocket* socket, int delayMs);

    ApiRoutes& m_routes;
    FaultInjector& m_faults;
    RequestGate* m_gate = nullptr;
    QThreadPool m_workers;
};

} // namespace kili::sandbox
