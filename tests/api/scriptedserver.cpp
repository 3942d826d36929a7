#include "scriptedserver.h"

#include <QJsonDocument>

ScriptedReply ScriptedReply::json(const QByteArray& body, int status) {
    ScriptedReply reply;
    reply.status = status;
    reply.body = body;
    reply.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    return reply;
}

ScriptedReply ScriptedReply::data(const QJsonObject& data) {
    return json(QJsonDocument(QJsonObject{{QStringLiteral("data"), data}}).toJson());
}

ScriptedReply ScriptedReply::close() {
    ScriptedReply reply;
    reply.action = Action::Close;
    return reply;
}

ScriptedReply ScriptedReply::hang() {
    ScriptedReply reply;
    reply.action = Action::Hang;
    return reply;
}

ScriptedReply& ScriptedReply::header(const QByteArray& name, const QByteArray& value) {
    headers.append({name, value});
    return *this;
}

QJsonObject RecordedRequest::json() const {
    return QJsonDocument::fromJson(body).object();
}

ScriptedServer::ScriptedServer(QObject* parent)
    : QObject(parent) {
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedServer::onNewConnection);
}

bool ScriptedServer::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl ScriptedServer::url(const QString& path) const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    url.setPath(path);
    return url;
}

void ScriptedServer::onNewConnection() {
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        if (!m_garbage.isEmpty()) {
            socket->write(m_garbage);
            socket->flush();
            socket->disconnectFromHost();
            continue;
        }
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedServer::onReadyRead(QTcpSocket* socket) {
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            request.headers.insert(name, value);
            if (name == "content-length")
                length = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);

        ScriptedReply reply;
        if (!m_script.empty()) {
            reply = m_script.front();
            m_script.pop_front();
        } else if (fallback) {
            reply = fallback(request);
        } else {
            reply = ScriptedReply::json(
                QByteArrayLiteral("{\"errors\":[{\"message\":\"unscripted\"}]}"), 500);
        }
        requests.append(request);
        if (m_holding && reply.action == ScriptedReply::Action::Respond)
            m_pending.append({QPointer<QTcpSocket>(socket), reply});
        else
            answer(socket, reply);
        Q_EMIT requestReceived();
        return; // every answer says Connection: close, so one request per connection
    }
}

void ScriptedServer::release() {
    m_holding = false;
    const auto pending = std::exchange(m_pending, {});
    for (const auto& [socket, reply] : pending) {
        if (socket)
            answer(socket, reply);
    }
}

void ScriptedServer::answer(QTcpSocket* socket, const ScriptedReply& reply) {
    switch (reply.action) {
    case ScriptedReply::Action::Hang:
        return;
    case ScriptedReply::Action::Close:
        socket->abort();
        return;
    case ScriptedReply::Action::Respond:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
    for (const auto& [name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += reply.body;
    socket->write(out);
    socket->disconnectFromHost();
}
