#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <deque>
#include <functional>

// A loopback HTTP/1.1 server whose answers a test scripts one by one: a status and body, a
// dropped connection, no answer at all, or bytes that are not HTTP (or TLS) at all. Plain
// QTcpServer so that a test can also drop connections and talk garbage, which QHttpServer cannot.
struct ScriptedReply {
    enum class Action { Respond, Close, Hang };
    Action action = Action::Respond;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ScriptedReply json(const QByteArray& body, int status = 200);
    static ScriptedReply data(const QJsonObject& data);
    static ScriptedReply close();
    static ScriptedReply hang();
    ScriptedReply& header(const QByteArray& name, const QByteArray& value);
};

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json() const;
    QJsonObject variables() const { return json().value(QLatin1String("variables")).toObject(); }
};

class ScriptedServer : public QObject {
    Q_OBJECT
public:
    explicit ScriptedServer(QObject* parent = nullptr);
    bool listen();
    QUrl url(const QString& path = QStringLiteral("/api/label/v2/graphql")) const;
    quint16 port() const { return m_server.serverPort(); }

    void enqueue(const ScriptedReply& reply) { m_script.push_back(reply); }
    // Answers requests once the script is used up.
    std::function<ScriptedReply(const RecordedRequest&)> fallback;
    // Writes these bytes to every new connection, then closes it (e.g. to fail a TLS handshake).
    void setGarbage(const QByteArray& bytes) { m_garbage = bytes; }
    // Holds answers back until release() (to see several requests in flight at once).
    void setHolding(bool holding) { m_holding = holding; }
    void release();

    QList<RecordedRequest> requests;
    int pendingCount() const { return int(m_pending.size()); }

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void answer(QTcpSocket* socket, const ScriptedReply& reply);

    QTcpServer m_server;
    std::deque<ScriptedReply> m_script;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QByteArray m_garbage;
    bool m_holding = false;
    QList<QPair<QPointer<QTcpSocket>, ScriptedReply>> m_pending;
};
