#pragma once

#include "graphql/jsonwriter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace kili::sandbox {

// A complete HTTP answer computed before it is written, so that it can be written later from a
// timer (injected latency) without keeping the request alive.
struct HttpAnswer {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // The answer to a HEAD request: the headers of the GET answer (Content-Length included)
    // without its body.
    bool headOnly = false;

    static HttpAnswer json(int status, const QJsonObject& object) {
        HttpAnswer answer;
        answer.status = status;
        answer.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        return answer;
    }

    // A GraphQL-shaped error outside of execution (transport level): {"errors": [...], "data":
    // null}, errors first as in Kili's answers.
    static HttpAnswer error(int status, const QString& message, const QString& code) {
        HttpAnswer answer;
        answer.status = status;
        answer.body = graphql::json::response(
            {graphql::GraphQLError{message, {}, {}, QJsonObject{{QStringLiteral("code"), code}}}},
            "null");
        return answer;
    }

    // The whole HTTP/1.1 message: status line, Content-Type, Content-Length, the headers, the
    // body. `closing` adds "Connection: close", for answers after which the sandbox hangs up.
    QByteArray message(bool closing = false) const;
};

} // namespace kili::sandbox
