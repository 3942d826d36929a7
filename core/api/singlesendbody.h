// The body of a request that must reach the server at most once.
//
// Qt's HTTP/1.1 layer re-sends a request by itself when the connection closes before any answer
// arrives (QHttpNetworkConnectionChannel's reconnect attempts): right for a read, wrong for a
// write, which may have been applied before the connection died — the re-send then creates it a
// second time while the job sees one success. Qt rewinds the body before it re-sends; this body
// refuses to be rewound once it has been read, so Qt gives up with ContentReSendError and the job
// reports an unknown outcome, which the caller settles by reading the server.
#pragma once

#include <QByteArray>
#include <QIODevice>

namespace kili::api {

// A read-only, random-access device over a fixed byte array. Deliberately not a QBuffer: Qt
// reads a QBuffer's bytes directly and rewinds them without asking the device.
class SingleSendBody : public QIODevice {
    Q_OBJECT
public:
    explicit SingleSendBody(QByteArray bytes, QObject* parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_bytes.size(); }
    // Rewinding is allowed until the first byte has been read, never after.
    bool reset() override;
    bool seek(qint64 position) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 maxSize) override;

private:
    QByteArray m_bytes;
    bool m_started = false; // a byte has been read: from now on the body only moves forward
};

} // namespace kili::api
