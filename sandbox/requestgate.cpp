#include "requestgate.h"

#include <QTcpSocket>
#include <QUrl>

namespace kili::sandbox {

namespace {

// Where the headers end (just past the blank line), or -1. QtHttpServer also accepts bare LFs.
qsizetype headEnd(const QByteArray& bytes) {
    const qsizetype crlf = bytes.indexOf("\r\n\r\n");
    const qsizetype lf = bytes.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf))
        return crlf + 4;
    return lf >= 0 ? lf + 2 : -1;
}

// Whether `received` can be the start of a request line: printable ASCII up to the first line
// break. A TLS ClientHello (byte 0x16) cannot: it is refused at once, instead of waiting for
// headers that never come (QtHttpServer's parser would wait for a line break).
bool mayStartARequest(const QByteArray& received) {
    for (const char c : received) {
        if (c == '\r' || c == '\n')
            return true;
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

QHttpServerRequest::Method methodNamed(QByteArrayView name) {
    using Method = QHttpServerRequest::Method;
    static const QList<QPair<QByteArrayView, Method>> methods = {
        {"GET", Method::Get},       {"POST", Method::Post},       {"PUT", Method::Put},
        {"DELETE", Method::Delete}, {"HEAD", Method::Head},       {"OPTIONS", Method::Options},
        {"PATCH", Method::Patch},   {"CONNECT", Method::Connect}, {"TRACE", Method::Trace}};
    for (const auto& [text, method] : methods) {
        if (name == text)
            return method;
    }
    return Method::Unknown;
}

} // namespace

std::optional<HttpRequest> parseRequestHead(QByteArrayView head) {
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return std::nullopt;
    HttpRequest request;
    request.method = methodNamed(requestLine.at(0));
    request.path = QUrl(QString::fromLatin1(requestLine.at(1))).path();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    bool ok = false;
    const qint64 length = request.header("Content-Length").toLongLong(&ok);
    request.contentLength = ok ? length : -1;
    request.chunked = request.header("Transfer-Encoding").toLower().contains("chunked");
    return request;
}

RequestGate::RequestGate(Refusal refuse, QObject* parent)
    : QTcpServer(parent)
    , m_refuse(std::move(refuse)) {}

void RequestGate::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    m_connections.insert(socket, Connection{});
    socket->setReadBufferSize(maxHeaderBytes);
    // Connected before QtHttpServer connects its own (on pendingConnectionAvailable), so this
    // slot runs first on every readyRead.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    addPendingConnection(socket);
}

void RequestGate::onReadyRead(QTcpSocket* socket) {
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    switch (found->state) {
    case State::Passed:
        return;
    case State::Held:
        holdBack(socket);
        return;
    case State::Refused:
        discard(socket, *found);
        return;
    case State::Inspecting:
        inspect(socket);
        return;
    }
}

QByteArray RequestGate::holdBack(QTcpSocket* socket) {
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    socket->startTransaction();
    return socket->readAll();
}

void RequestGate::inspect(QTcpSocket* socket) {
    const QByteArray received = holdBack(socket);
    const qsizetype end = headEnd(received);
    if (!mayStartARequest(received)) {
        refuse(socket,
               HttpAnswer::error(400,
                                 QStringLiteral("This is not an HTTP request. The sandbox speaks "
                                                "plain HTTP on this port: use http://, not "
                                                "https://."),
                                 QStringLiteral("BAD_REQUEST")),
               -1);
        return;
    }
    if (end < 0) {
        if (received.size() >= maxHeaderBytes) {
            refuse(socket,
                   HttpAnswer::error(431,
                                     QStringLiteral("The request line and headers exceed %1 bytes.")
                                         .arg(maxHeaderBytes),
                                     QStringLiteral("REQUEST_HEADER_FIELDS_TOO_LARGE")),
                   -1);
        }
        return;
    }
    // Not HTTP/1.x: QtHttpServer's parser refuses it its own way.
    const std::optional<HttpRequest> head = parseRequestHead(QByteArrayView(received).first(end));
    if (head) {
        if (const std::optional<HttpAnswer> refusal = m_refuse(*head)) {
            const qint64 bodyLeft =
                head->chunked || head->contentLength < 0
                    ? -1
                    : std::max<qint64>(0, head->contentLength - (received.size() - end));
            refuse(socket, *refusal, bodyLeft);
            return;
        }
    }
    pass(socket);
}

void RequestGate::pass(QTcpSocket* socket) {
    socket->rollbackTransaction();
    m_connections[socket].state = State::Passed;
    socket->setReadBufferSize(0); // the body was announced within the limit
}

void RequestGate::refuse(QTcpSocket* socket, const HttpAnswer& answer, qint64 bodyLeft) {
    socket->commitTransaction(); // drops the held bytes
    Connection& connection = m_connections[socket];
    connection.state = State::Refused;
    connection.discardLeft = bodyLeft;
    socket->write(answer.message(true));
    if (bodyLeft <= 0 || bodyLeft > maxDiscardBytes)
        socket->disconnectFromHost(); // once the answer is written
}

void RequestGate::discard(QTcpSocket* socket, Connection& connection) {
    connection.discardLeft -= socket->readAll().size();
    // Ends the transaction QtHttpServer's slot started on the last readyRead, freeing the bytes.
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    if (connection.discardLeft <= 0 && socket->state() == QAbstractSocket::ConnectedState)
        socket->disconnectFromHost();
}

void RequestGate::requestTaken(QTcpSocket* socket) {
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    found->state = State::Held;
    socket->setReadBufferSize(maxHeaderBytes);
}

void RequestGate::answered(QTcpSocket* socket) {
    const auto found = m_connections.find(socket);
    if (found == m_connections.end() || found->state != State::Held)
        return;
    found->state = State::Inspecting;
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
}

} // namespace kili::sandbox
