#include "wherefields.h"

#include "ids.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>

namespace kili::sandbox::where {

bool isSet(const QJsonObject& where, QLatin1String key) {
    const auto it = where.constFind(key);
    return it != where.constEnd() && !it->isNull() && !it->isUndefined();
}

std::optional<QString> string(const QJsonObject& where, QLatin1String key) {
    if (!isSet(where, key))
        return std::nullopt;
    const QJsonValue value = where.value(key);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    return std::nullopt;
}

std::optional<QStringList> stringList(const QJsonObject& where, QLatin1String key) {
    if (!isSet(where, key))
        return std::nullopt;
    const QJsonValue value = where.value(key);
    QStringList out;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        out.reserve(array.size());
        for (const QJsonValue& item : array) {
            if (!item.isNull())
                out.append(item.toString());
        }
    } else {
        out.append(value.toString()); // GraphQL input coercion: a single value is a list of one
    }
    return out;
}

std::optional<double> number(const QJsonObject& where, QLatin1String key) {
    if (!isSet(where, key))
        return std::nullopt;
    return where.value(key).toDouble();
}

std::optional<bool> boolean(const QJsonObject& where, QLatin1String key) {
    if (!isSet(where, key))
        return std::nullopt;
    return where.value(key).toBool();
}

QJsonObject object(const QJsonObject& where, QLatin1String key) {
    return where.value(key).toObject();
}

bool addDateBound(const QJsonObject& where, QLatin1String key, const QString& column, bool upper,
                  SqlCondition& out, QString* error) {
    const std::optional<QString> text = string(where, key);
    if (!text)
        return true;
    const QDate date = QDate::fromString(*text, Qt::ISODate);
    if (date.isValid() && text->size() == 10) {
        if (upper)
            out.add(column + QStringLiteral(" < ?"), {date.addDays(1).toString(Qt::ISODate)});
        else
            out.add(column + QStringLiteral(" >= ?"), {date.toString(Qt::ISODate)});
        return true;
    }
    const QDateTime dateTime = QDateTime::fromString(*text, Qt::ISODateWithMs);
    if (!dateTime.isValid()) {
        *error = QStringLiteral("%1 \"%2\" is not a date: send \"YYYY-MM-DD\" or an ISO-8601 "
                                "date-time such as \"2022-12-15T12:15:52.169Z\".")
                     .arg(key, *text);
        return false;
    }
    out.add(column + (upper ? QStringLiteral(" <= ?") : QStringLiteral(" >= ?")),
            {isoTimestamp(dateTime)});
    return true;
}

void addNumberBound(const QJsonObject& where, QLatin1String key, const QString& column, bool upper,
                    SqlCondition& out) {
    if (const std::optional<double> value = number(where, key))
        out.add(column + (upper ? QStringLiteral(" <= ?") : QStringLiteral(" >= ?")), {*value});
}

void addIn(const QJsonObject& where, QLatin1String key, const QString& column, SqlCondition& out,
           bool negate) {
    const std::optional<QStringList> values = stringList(where, key);
    if (!values)
        return;
    if (values->isEmpty()) {
        if (!negate)
            out.impossible = true;
        return;
    }
    QVariantList bound;
    bound.reserve(values->size());
    for (const QString& value : *values)
        bound.append(value);
    out.add(column + (negate ? QStringLiteral(" NOT IN (") : QStringLiteral(" IN ("))
                + placeholders(values->size()) + QLatin1Char(')'),
            bound);
}

} // namespace kili::sandbox::where
