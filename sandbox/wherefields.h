#pragma once

#include "sqlcondition.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace kili::sandbox {

// Reading the members of a GraphQL `where` object the way Kili does: an absent member and an
// explicit null both mean "no filter on that field", and `{}` means no filter at all.
namespace where {

bool isSet(const QJsonObject& where, QLatin1String key);
std::optional<QString> string(const QJsonObject& where, QLatin1String key);
std::optional<QStringList> stringList(const QJsonObject& where, QLatin1String key);
std::optional<double> number(const QJsonObject& where, QLatin1String key);
std::optional<bool> boolean(const QJsonObject& where, QLatin1String key);
QJsonObject object(const QJsonObject& where, QLatin1String key);

// Adds `column >= bound` / `column <= bound` for a date filter sent as "YYYY-MM-DD" or a full
// ISO-8601 date-time. A date-only upper bound includes that whole day. Returns false with a
// sentence for a person when the text is not a date.
bool addDateBound(const QJsonObject& where, QLatin1String key, const QString& column, bool upper,
                  SqlCondition& out, QString* error);

// Adds `column >= x` / `column <= x` for numeric bounds such as consensusMarkGte.
void addNumberBound(const QJsonObject& where, QLatin1String key, const QString& column, bool upper,
                    SqlCondition& out);

// Adds `column IN (...)` for a list filter; an empty list matches nothing, like in Kili.
void addIn(const QJsonObject& where, QLatin1String key, const QString& column, SqlCondition& out,
           bool negate = false);

} // namespace where
} // namespace kili::sandbox
