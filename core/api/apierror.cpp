#include "api/apierror.h"

#include <QRegularExpression>

namespace kili::api {

KiliMessage KiliMessage::split(const QString& message) {
    static const QRegularExpression format(
        QStringLiteral(R"(^\s*\[([A-Za-z0-9_]+)\]\s*(.*?)(?:\s*--\s*This can be due to:\s*(.*?))?)"
                       R"((?:\s*\|\s*trace\s*:\s*(.*?))?\s*$)"),
        QRegularExpression::DotMatchesEverythingOption);
    KiliMessage split;
    const QRegularExpressionMatch match = format.match(message);
    if (!match.hasMatch()) {
        split.text = message.trimmed();
        return split;
    }
    split.code = match.captured(1);
    split.text = match.captured(2).trimmed();
    split.cause = match.captured(3).trimmed();
    split.trace = match.captured(4).trimmed();
    return split;
}

ResponseError ResponseError::fromJson(const QJsonObject& json) {
    ResponseError error;
    error.message = json.value(QLatin1String("message")).toString();
    error.path = json.value(QLatin1String("path")).toArray();
    error.locations = json.value(QLatin1String("locations")).toArray();
    error.extensions = json.value(QLatin1String("extensions")).toObject();
    const QJsonValue code = error.extensions.value(QLatin1String("code"));
    error.code = code.isDouble() ? QString::number(code.toInt()) : code.toString();
    error.reason = error.extensions.value(QLatin1String("context"))
                       .toObject()
                       .value(QLatin1String("reason"))
                       .toString();
    error.kili = KiliMessage::split(error.message);
    return error;
}

QString ApiError::kindName(Kind kind) {
    switch (kind) {
    case None:
        return QStringLiteral("none");
    case Network:
        return QStringLiteral("network");
    case Timeout:
        return QStringLiteral("timeout");
    case Tls:
        return QStringLiteral("tls");
    case HttpStatus:
        return QStringLiteral("http-status");
    case GraphQL:
        return QStringLiteral("graphql");
    case Malformed:
        return QStringLiteral("malformed");
    case Authentication:
        return QStringLiteral("authentication");
    case UnknownOutcome:
        return QStringLiteral("unknown-outcome");
    case Cancelled:
        return QStringLiteral("cancelled");
    case NotFound:
        return QStringLiteral("not-found");
    case InvalidRequest:
        return QStringLiteral("invalid-request");
    case Unavailable:
        return QStringLiteral("unavailable");
    }
    return QStringLiteral("unknown");
}

QDebug operator<<(QDebug debug, const ApiError& error) {
    const QDebugStateSaver saver(debug);
    debug.nospace() << "ApiError(" << ApiError::kindName(error.kind) << ", " << error.operation;
    if (error.httpStatus)
        debug << ", HTTP " << error.httpStatus;
    debug << ", " << error.message << ')';
    return debug;
}

} // namespace kili::api
