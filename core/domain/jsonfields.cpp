#include "domain/jsonfields.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace kili::json {

QString typeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::String:
        return QStringLiteral("a string");
    default:
        return QStringLiteral("null");
    }
}

QDateTime dateTime(const QJsonValue& value) {
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::ISODate);
    return parsed;
}

std::optional<double> optionalDouble(const QJsonValue& value) {
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double parsed = value.toString().toDouble(&ok);
        if (ok)
            return parsed;
    }
    return std::nullopt;
}

int integer(const QJsonValue& value, int fallback) {
    if (value.isDouble())
        return value.toInt(fallback);
    return fallback;
}

bool boolean(const QJsonValue& value, bool fallback) {
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0.0;
    return fallback;
}

QJsonObject objectFromJsonString(const QJsonValue& value, QString* error) {
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return QJsonObject();
    };
    if (error)
        error->clear();
    if (value.isNull() || value.isUndefined())
        return {};
    if (value.isObject())
        return value.toObject();
    if (!value.isString())
        return fail(QStringLiteral("is %1 where JSON text was expected").arg(typeName(value)));

    const QString text = value.toString();
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith(QLatin1String("http://"))
        || trimmed.startsWith(QLatin1String("https://"))) {
        return fail(QStringLiteral("is a link (%1), not JSON text; it has to be downloaded first")
                        .arg(trimmed.left(120)));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(QStringLiteral("is not valid JSON (%1 at character %2)")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return fail(QStringLiteral("is JSON but %1, where an object was expected")
                        .arg(document.isArray() ? QStringLiteral("an array")
                                                : QStringLiteral("a single value")));
    }
    return document.object();
}

} // namespace kili::json
