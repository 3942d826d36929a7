// Writing JSON text by hand, for responses whose member order matters: GraphQL's result maps
// follow the query's selection sets
// (https://spec.graphql.org/October2021/#sec-Serialization-Format), which QJsonObject, being sorted
// by key, cannot keep.
#pragma once

#include "graphql/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QStringView>

namespace kili::graphql::json {

// `text` as a JSON string literal in UTF-8 (quotes included). Lone surrogates become U+FFFD.
void appendString(QByteArray& out, QStringView text);
// Any JSON value. The members of objects inside it (values of the JSON scalar) come in
// QJsonObject's key order. Non-finite numbers are written as null, as QJsonDocument does.
void appendValue(QByteArray& out, const QJsonValue& value);
// {"message", "locations"?, "path"?, "extensions"?}, in that order (graphql-js's order).
void appendError(QByteArray& out, const GraphQLError& error);

// A whole GraphQL response: {"errors": [...]} first when there are errors (as Apollo Server
// writes it), then "data" with `data` copied as given (already JSON) unless `data` is empty,
// which leaves the member out (request errors have no "data").
QByteArray response(const QList<GraphQLError>& errors, QByteArrayView data);

} // namespace kili::graphql::json
