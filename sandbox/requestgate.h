#pragma once

#include "httpanswer.h"
#include "httprequest.h"

#include <QHash>
#include <QTcpServer>
#include <functional>
#include <optional>

class QTcpSocket;

namespace kili::sandbox {

// The listening socket of the sandbox, standing between each connection and QtHttpServer.
//
// QtHttpServer 6.4 reads a request's whole body into memory (three copies of it: the socket's
// transaction buffer, its body buffer, the body) before the server sees the request, and offers no
// hook once the headers are in. This gate sees every connection's bytes first (its readyRead slot
// is connected before QtHttpServer's): it holds them back (read inside a socket transaction, so
// QtHttpServer's parser, called next, finds nothing) until the request line and headers are
// complete, asks `refuse` about them, and then either rolls the transaction back for QtHttpServer
// to parse the request, or writes the refusal — before a byte of the body is buffered. After a
// refusal the announced body is still received and dropped as it comes (up to maxDiscardBytes),
// and only then does the gate hang up: a client still sending when the connection closes gets a
// reset, and would lose the answer (QNetworkAccessManager does not read it before its upload
// ends).
//
// It also keeps one request in flight per connection: the answers are computed on worker threads,
// and a pipelined second request answered first would get the first one's answer. While a
// request is taken (requestTaken) and not yet answered (answered), later bytes are held back the
// same way, and the socket reads at most maxHeaderBytes ahead, so held bytes stay bounded.
class RequestGate : public QTcpServer {
    Q_OBJECT
public:
    // A request line and headers too large for this are refused (431) unread.
    static constexpr qsizetype maxHeaderBytes = 64 * 1024;
    // A refused body larger than this is not waited for: the gate hangs up after its answer.
    static constexpr qint64 maxDiscardBytes = qint64(1) << 30;

    using Refusal = std::function<std::optional<HttpAnswer>(const HttpRequest& head)>;

    explicit RequestGate(Refusal refuse, QObject* parent = nullptr);

    // QtHttpServer handed the socket's current request to the server: hold what follows.
    void requestTaken(QTcpSocket* socket);
    // Its answer is written: look at the next request, if some of it is already here.
    void answered(QTcpSocket* socket);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    enum class State {
        Inspecting, // reading a request line and headers, hidden from QtHttpServer
        Passed,     // QtHttpServer is reading this request (its body)
        Held,       // the request is being answered; what follows waits
        Refused,    // answered from the headers; the body is dropped until the hang-up
    };
    struct Connection {
        State state = State::Inspecting;
        qint64 discardLeft = 0; // Refused: bytes of the announced body still to drop
    };

    void onReadyRead(QTcpSocket* socket);
    // Everything received since the transaction began (the transaction starts if needed).
    static QByteArray holdBack(QTcpSocket* socket);
    void inspect(QTcpSocket* socket);
    // Hands the held bytes over to QtHttpServer's parser, for the rest of this request.
    void pass(QTcpSocket* socket);
    // `bodyLeft`: bytes of the announced body not received yet, -1 when unknown.
    void refuse(QTcpSocket* socket, const HttpAnswer& answer, qint64 bodyLeft);
    void discard(QTcpSocket* socket, Connection& connection);

    Refusal m_refuse;
    QHash<QTcpSocket*, Connection> m_connections;
};

// The request line and headers of `head` (which ends with the blank line), as HttpRequest without a
// body; nullopt when they are not HTTP/1.x.
std::optional<HttpRequest> parseRequestHead(QByteArrayView head);

} // namespace kili::sandbox
