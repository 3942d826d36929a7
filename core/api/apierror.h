#pragma once

#include <QDebug>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace kili::api {

// Kili's own error text: "[code] Human text -- This can be due to: cause | trace : trace".
struct KiliMessage {
    QString code;  // "accessDenied"; empty when the text is not in Kili's format
    QString text;  // the human sentence (the whole message when not in Kili's format)
    QString cause; // after "This can be due to:"
    QString trace; // after "trace :"

    static KiliMessage split(const QString& message);
};

// One entry of a GraphQL answer's errors[].
struct ResponseError {
    QString message;
    QJsonArray path;
    QJsonArray locations;
    // extensions.code as text ("GRAPHQL_VALIDATION_FAILED", "401"…); empty when absent.
    QString code;
    QJsonObject extensions;
    // extensions.context.reason (lock reasons of appendManyLabels); empty when absent.
    QString reason;
    KiliMessage kili;

    static ResponseError fromJson(const QJsonObject& json);
};

struct ApiError {
    enum Kind {
        None,
        Network,        // connection refused, host not found, connection dropped…
        Timeout,        // no complete answer within the request timeout
        Tls,            // the secure connection could not be established
        HttpStatus,     // an HTTP error status without a GraphQL answer
        GraphQL,        // the server answered with errors[]
        Malformed,      // the answer is not what a Kili API sends
        Authentication, // wrong, revoked or expired API key
        UnknownOutcome, // a write may or may not have been applied; it was not resent
        Cancelled,      // cancel() was called
        NotFound,       // the project/asset does not exist or is not accessible
        InvalidRequest, // refused before sending (e.g. a prediction without a model name)
        Unavailable,    // the server's API no longer offers what the request needs; not sent
    };

    Kind kind = None;
    int httpStatus = 0;
    // No answer came within the request timeout: a write may still be running on the server.
    bool timedOut = false;
    // A sentence for a person: what happened, to what, what to do. Never contains the API key.
    QString message;
    QList<ResponseError> graphQLErrors;
    // Short name of the operation ("assets", "appendManyLabels").
    QString operation;

    bool isError() const { return kind != None; }
    static QString kindName(Kind kind);
};

QDebug operator<<(QDebug debug, const ApiError& error);

} // namespace kili::api

Q_DECLARE_METATYPE(kili::api::ApiError)
