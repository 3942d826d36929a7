#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QString>

namespace kili::sandbox {

// A request as the routes see it: a copy of what QtHttpServer parsed, so that a worker thread can
// answer it after QtHttpServer reused its own request object for the connection's next request.
// Before the body is read (RequestGate), `body` is empty and `contentLength` says what is coming.
struct HttpRequest {
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 contentLength = -1; // -1: no Content-Length header
    bool chunked = false;      // Transfer-Encoding: chunked

    // The first header of that name (case-insensitive), empty when there is none.
    QByteArray header(QByteArrayView name) const {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    static HttpRequest from(const QHttpServerRequest& request) {
        HttpRequest copy;
        copy.method = request.method();
        copy.path = request.url().path();
        copy.headers = request.headers();
        copy.body = request.body();
        copy.contentLength = copy.body.size();
        return copy;
    }
};

} // namespace kili::sandbox
