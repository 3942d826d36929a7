// Coercion of input values (variables, literals) and serialization of leaf results, following the
// specification's coercion rules and graphql-js's messages. Kili's custom scalar PageSize accepts
// integers only, with the message of the real server.
#pragma once

#include "graphql/ast.h"
#include "graphql/schema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <functional>
#include <optional>

namespace kili::graphql {

// graphql-js's inspect(): `"text"`, `{ a: 1, b: [2] }`, `null`.
QString inspectJson(const QJsonValue& value);

struct LeafInput {
    std::optional<QJsonValue> value; // empty when the input is not accepted
    QString error;                   // why, when empty ("Int cannot represent …")
};

// A scalar or enum from JSON (variables).
LeafInput parseLeafValue(const TypeDef& type, const QJsonValue& input);
// A scalar or enum from a literal without variables (never Variable or Null).
LeafInput parseLeafLiteral(const TypeDef& type, const ast::Value& literal);
// A scalar or enum result of a resolver; nullopt and `error` when it cannot be represented.
std::optional<QJsonValue> serializeLeaf(const TypeDef& type, const QJsonValue& result,
                                        QString* error);

// Called once per problem: the path inside the value ("where", "label", 0, …), the offending
// value and the message.
using InputErrorSink =
    std::function<void(const QJsonArray& path, const QJsonValue& value, const QString& message)>;

// ".label.idIn[0]": a path inside an input value as graphql-js prints it in messages.
QString printInputPath(const QJsonArray& path);

// graphql-js's coerceInputValue: JSON (a variable's value) to the internal value of `type`.
// Returns Undefined after reporting through `onError` when it cannot be coerced.
QJsonValue coerceInputValue(const Schema& schema, const QJsonValue& input, const TypeRef& type,
                            const InputErrorSink& onError);

// graphql-js's valueFromAST: a literal (possibly with variables) to the internal value of `type`.
// Undefined when the literal is invalid. `variables` holds the coerced variable values; a missing
// key means "not provided".
QJsonValue valueFromLiteral(const Schema& schema, const ast::Value& literal, const TypeRef& type,
                            const QJsonObject& variables);

// The default value of an input value definition, coerced; Undefined when there is none.
QJsonValue defaultValueOf(const Schema& schema, const InputValueDef& definition);

} // namespace kili::graphql
