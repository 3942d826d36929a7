#include "graphql/values.h"

#include "graphql/suggestions.h"

#include <QJsonArray>
#include <cmath>
#include <limits>

namespace kili::graphql {

namespace {

QString jsNumber(double number) {
    if (std::isfinite(number) && std::trunc(number) == number && std::abs(number) < 1e21) {
        return QString::number(qint64(number));
    }
    if (std::isnan(number)) {
        return QStringLiteral("NaN");
    }
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

QString inspect(const QJsonValue& value, int depth) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return jsNumber(value.toDouble());
    case QJsonValue::String: {
        QString quoted = value.toString();
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
        quoted.replace(QLatin1Char('\n'), QLatin1String("\\n"));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            return QStringLiteral("[]");
        }
        if (depth >= 2) {
            return QStringLiteral("[Array]");
        }
        QStringList items;
        for (qsizetype i = 0; i < std::min<qsizetype>(array.size(), 10); ++i) {
            items.append(inspect(array.at(i), depth + 1));
        }
        if (array.size() > 10) {
            items.append(QStringLiteral("... %1 more items").arg(array.size() - 10));
        }
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            return QStringLiteral("{}");
        }
        if (depth >= 2) {
            return QStringLiteral("[Object]");
        }
        QStringList fields;
        for (auto it = object.begin(); it != object.end(); ++it) {
            fields.append(it.key() + QLatin1String(": ") + inspect(it.value(), depth + 1));
        }
        return QLatin1String("{ ") + fields.join(QLatin1String(", ")) + QLatin1String(" }");
    }
    case QJsonValue::Undefined:
        return QStringLiteral("undefined");
    }
    return {};
}

bool isInteger(const QJsonValue& value) {
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    return std::isfinite(number) && std::trunc(number) == number;
}

bool fitsInt32(double number) {
    return number >= std::numeric_limits<qint32>::min()
           && number <= std::numeric_limits<qint32>::max();
}

QStringList enumValueNames(const TypeDef& type) {
    QStringList names;
    for (const EnumValueDef& value : type.enumValues) {
        names.append(value.name);
    }
    return names;
}

QString didYouMeanEnumValue(const TypeDef& type, const QString& unknown) {
    return didYouMean(suggestionList(unknown, enumValueNames(type)),
                      QStringLiteral("the enum value"));
}

// What typeof says of a JSON value, as Kili's PageSize message names it.
QString jsTypeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Undefined:
        return QStringLiteral("undefined");
    default:
        return QStringLiteral("object");
    }
}

QString pageSizeError(const QString& typeName) {
    return QStringLiteral("Bad type of input PageSize, expected type integer, got type %1.")
        .arg(typeName);
}

// A literal of a custom scalar without a known shape: the JSON it spells.
QJsonValue untypedValue(const ast::Value& literal, const QJsonObject& variables) {
    switch (literal.kind) {
    case ast::Value::Kind::Variable:
        return variables.value(literal.text);
    case ast::Value::Kind::Int:
    case ast::Value::Kind::Float:
        return literal.text.toDouble();
    case ast::Value::Kind::String:
    case ast::Value::Kind::Enum:
        return literal.text;
    case ast::Value::Kind::Boolean:
        return literal.boolean;
    case ast::Value::Kind::Null:
        return QJsonValue::Null;
    case ast::Value::Kind::List: {
        QJsonArray array;
        for (const ast::Value& item : literal.items) {
            array.append(untypedValue(item, variables));
        }
        return array;
    }
    case ast::Value::Kind::Object: {
        QJsonObject object;
        for (const ast::ObjectField& field : literal.fields) {
            object.insert(field.name, untypedValue(field.value, variables));
        }
        return object;
    }
    }
    return QJsonValue::Undefined;
}

} // namespace

QString inspectJson(const QJsonValue& value) {
    return inspect(value, 0);
}

LeafInput parseLeafValue(const TypeDef& type, const QJsonValue& input) {
    const QString& name = type.name;
    if (type.kind == TypeKind::Enum) {
        if (!input.isString()) {
            const QString text = inspectJson(input);
            return {
                std::nullopt,
                QStringLiteral("Enum \"%1\" cannot represent non-string value: %2.").arg(name, text)
                    + didYouMeanEnumValue(type, text)};
        }
        if (!type.enumValue(input.toString())) {
            return {std::nullopt, QStringLiteral("Value \"%1\" does not exist in \"%2\" enum.")
                                          .arg(input.toString(), name)
                                      + didYouMeanEnumValue(type, input.toString())};
        }
        return {input, {}};
    }
    if (name == QLatin1String("Int")) {
        if (!isInteger(input)) {
            return {std::nullopt, QStringLiteral("Int cannot represent non-integer value: ")
                                      + inspectJson(input)};
        }
        if (!fitsInt32(input.toDouble())) {
            return {std::nullopt, QStringLiteral("Int cannot represent non 32-bit signed integer "
                                                 "value: ")
                                      + inspectJson(input)};
        }
        return {input, {}};
    }
    if (name == QLatin1String("Float")) {
        if (!input.isDouble() || !std::isfinite(input.toDouble())) {
            return {std::nullopt, QStringLiteral("Float cannot represent non numeric value: ")
                                      + inspectJson(input)};
        }
        return {input, {}};
    }
    if (name == QLatin1String("String")) {
        if (!input.isString()) {
            return {std::nullopt, QStringLiteral("String cannot represent a non string value: ")
                                      + inspectJson(input)};
        }
        return {input, {}};
    }
    if (name == QLatin1String("Boolean")) {
        if (!input.isBool()) {
            return {std::nullopt, QStringLiteral("Boolean cannot represent a non boolean value: ")
                                      + inspectJson(input)};
        }
        return {input, {}};
    }
    if (name == QLatin1String("ID")) {
        if (input.isString()) {
            return {input, {}};
        }
        if (isInteger(input)) {
            return {QJsonValue(jsNumber(input.toDouble())), {}};
        }
        return {std::nullopt, QStringLiteral("ID cannot represent value: ") + inspectJson(input)};
    }
    if (name == QLatin1String("PageSize")) {
        if (!isInteger(input)) {
            return {std::nullopt, pageSizeError(jsTypeName(input))};
        }
        return {input, {}};
    }
    return {input, {}};
}

LeafInput parseLeafLiteral(const TypeDef& type, const ast::Value& literal) {
    using Kind = ast::Value::Kind;
    const QString& name = type.name;
    if (type.kind == TypeKind::Enum) {
        if (literal.kind != Kind::Enum) {
            const QString text = ast::printValue(literal);
            return {
                std::nullopt,
                QStringLiteral("Enum \"%1\" cannot represent non-enum value: %2.").arg(name, text)
                    + didYouMeanEnumValue(type, text)};
        }
        if (!type.enumValue(literal.text)) {
            return {std::nullopt, QStringLiteral("Value \"%1\" does not exist in \"%2\" enum.")
                                          .arg(literal.text, name)
                                      + didYouMeanEnumValue(type, literal.text)};
        }
        return {QJsonValue(literal.text), {}};
    }
    if (name == QLatin1String("Int") || name == QLatin1String("PageSize")) {
        if (literal.kind != Kind::Int) {
            if (name == QLatin1String("PageSize")) {
                const QString jsType = literal.kind == Kind::Float     ? QStringLiteral("number")
                                       : literal.kind == Kind::String  ? QStringLiteral("string")
                                       : literal.kind == Kind::Enum    ? QStringLiteral("string")
                                       : literal.kind == Kind::Boolean ? QStringLiteral("boolean")
                                                                       : QStringLiteral("object");
                return {std::nullopt, pageSizeError(jsType)};
            }
            return {std::nullopt, QStringLiteral("Int cannot represent non-integer value: ")
                                      + ast::printValue(literal)};
        }
        const double number = literal.text.toDouble();
        if (name == QLatin1String("Int") && !fitsInt32(number)) {
            return {std::nullopt,
                    QStringLiteral("Int cannot represent non 32-bit signed integer value: ")
                        + literal.text};
        }
        return {QJsonValue(number), {}};
    }
    if (name == QLatin1String("Float")) {
        if (literal.kind != Kind::Int && literal.kind != Kind::Float) {
            return {std::nullopt, QStringLiteral("Float cannot represent non numeric value: ")
                                      + ast::printValue(literal)};
        }
        return {QJsonValue(literal.text.toDouble()), {}};
    }
    if (name == QLatin1String("String")) {
        if (literal.kind != Kind::String) {
            return {std::nullopt, QStringLiteral("String cannot represent a non string value: ")
                                      + ast::printValue(literal)};
        }
        return {QJsonValue(literal.text), {}};
    }
    if (name == QLatin1String("Boolean")) {
        if (literal.kind != Kind::Boolean) {
            return {std::nullopt, QStringLiteral("Boolean cannot represent a non boolean value: ")
                                      + ast::printValue(literal)};
        }
        return {QJsonValue(literal.boolean), {}};
    }
    if (name == QLatin1String("ID")) {
        if (literal.kind != Kind::String && literal.kind != Kind::Int) {
            return {std::nullopt,
                    QStringLiteral("ID cannot represent a non-string and non-integer value: ")
                        + ast::printValue(literal)};
        }
        return {QJsonValue(literal.text), {}};
    }
    return {untypedValue(literal, {}), {}};
}

std::optional<QJsonValue> serializeLeaf(const TypeDef& type, const QJsonValue& result,
                                        QString* error) {
    const QString& name = type.name;
    const auto fail = [&](const QString& message) -> std::optional<QJsonValue> {
        *error = message;
        return std::nullopt;
    };
    if (type.kind == TypeKind::Enum) {
        if (result.isString() && type.enumValue(result.toString())) {
            return result;
        }
        return fail(QStringLiteral("Enum \"%1\" cannot represent value: %2")
                        .arg(name, inspectJson(result)));
    }
    if (name == QLatin1String("Int")) {
        if (result.isBool()) {
            return QJsonValue(result.toBool() ? 1 : 0);
        }
        if (!isInteger(result)) {
            return fail(QStringLiteral("Int cannot represent non-integer value: ")
                        + inspectJson(result));
        }
        if (!fitsInt32(result.toDouble())) {
            return fail(QStringLiteral("Int cannot represent non 32-bit signed integer value: ")
                        + inspectJson(result));
        }
        return result;
    }
    if (name == QLatin1String("Float")) {
        if (result.isBool()) {
            return QJsonValue(result.toBool() ? 1.0 : 0.0);
        }
        if (!result.isDouble() || !std::isfinite(result.toDouble())) {
            return fail(QStringLiteral("Float cannot represent non numeric value: ")
                        + inspectJson(result));
        }
        return result;
    }
    if (name == QLatin1String("String")) {
        if (result.isString()) {
            return result;
        }
        if (result.isBool()) {
            return QJsonValue(result.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        }
        if (result.isDouble()) {
            return QJsonValue(jsNumber(result.toDouble()));
        }
        return fail(QStringLiteral("String cannot represent value: ") + inspectJson(result));
    }
    if (name == QLatin1String("Boolean")) {
        if (result.isBool()) {
            return result;
        }
        if (result.isDouble() && std::isfinite(result.toDouble())) {
            return QJsonValue(result.toDouble() != 0);
        }
        return fail(QStringLiteral("Boolean cannot represent a non boolean value: ")
                    + inspectJson(result));
    }
    if (name == QLatin1String("ID")) {
        if (result.isString()) {
            return result;
        }
        if (isInteger(result)) {
            return QJsonValue(jsNumber(result.toDouble()));
        }
        return fail(QStringLiteral("ID cannot represent value: ") + inspectJson(result));
    }
    return result;
}

namespace {

QString printPath(const QJsonArray& path) {
    QString text;
    for (const QJsonValue& key : path) {
        text += key.isDouble() ? QStringLiteral("[%1]").arg(key.toInt())
                               : QLatin1Char('.') + key.toString();
    }
    return text;
}

constexpr int maxInputDepth = 200;

QJsonValue coerce(const Schema& schema, const QJsonValue& input, const TypeRef& type,
                  const InputErrorSink& onError, const QJsonArray& path, int depth) {
    if (depth > maxInputDepth) {
        onError(path, input,
                QStringLiteral("Value is nested deeper than %1 levels.").arg(maxInputDepth));
        return QJsonValue::Undefined;
    }
    const bool isNull = input.isNull() || input.isUndefined();
    if (type.isNonNull()) {
        if (!isNull) {
            return coerce(schema, input, type.ofType(), onError, path, depth);
        }
        onError(path, input,
                QStringLiteral("Expected non-nullable type \"%1\" not to be null.")
                    .arg(type.toString()));
        return QJsonValue::Undefined;
    }
    if (isNull) {
        return QJsonValue::Null;
    }
    if (type.isList()) {
        const TypeRef itemType = type.ofType();
        if (input.isArray()) {
            const QJsonArray items = input.toArray();
            QJsonArray coerced;
            bool ok = true;
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonArray itemPath = path;
                itemPath.append(int(i));
                const QJsonValue item =
                    coerce(schema, items.at(i), itemType, onError, itemPath, depth + 1);
                ok = ok && !item.isUndefined();
                coerced.append(item.isUndefined() ? QJsonValue(QJsonValue::Null) : item);
            }
            return ok ? QJsonValue(coerced) : QJsonValue(QJsonValue::Undefined);
        }
        const QJsonValue item = coerce(schema, input, itemType, onError, path, depth + 1);
        return item.isUndefined() ? item : QJsonValue(QJsonArray{item});
    }
    const TypeDef* named = schema.type(type.namedType());
    if (!named) {
        onError(path, input, QStringLiteral("Unknown type \"%1\".").arg(type.namedType()));
        return QJsonValue::Undefined;
    }
    if (named->kind == TypeKind::InputObject) {
        if (!input.isObject()) {
            onError(path, input,
                    QStringLiteral("Expected type \"%1\" to be an object.").arg(named->name));
            return QJsonValue::Undefined;
        }
        const QJsonObject object = input.toObject();
        QJsonObject coerced;
        bool ok = true;
        QStringList fieldNames;
        for (const InputValueDef& field : named->inputFields) {
            fieldNames.append(field.name);
            const QJsonValue fieldValue = object.value(field.name);
            if (fieldValue.isUndefined()) {
                const QJsonValue defaultValue = defaultValueOf(schema, field);
                if (!defaultValue.isUndefined()) {
                    coerced.insert(field.name, defaultValue);
                } else if (field.type.isNonNull()) {
                    onError(path, input,
                            QStringLiteral("Field \"%1\" of required type \"%2\" was not provided.")
                                .arg(field.name, field.type.toString()));
                    ok = false;
                }
                continue;
            }
            QJsonArray fieldPath = path;
            fieldPath.append(field.name);
            const QJsonValue value =
                coerce(schema, fieldValue, field.type, onError, fieldPath, depth + 1);
            ok = ok && !value.isUndefined();
            coerced.insert(field.name, value);
        }
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!named->inputField(it.key())) {
                onError(path, input,
                        QStringLiteral("Field \"%1\" is not defined by type \"%2\".")
                                .arg(it.key(), named->name)
                            + didYouMean(suggestionList(it.key(), fieldNames)));
                ok = false;
            }
        }
        return ok ? QJsonValue(coerced) : QJsonValue(QJsonValue::Undefined);
    }
    if (named->isLeaf()) {
        const LeafInput leaf = parseLeafValue(*named, input);
        if (!leaf.value) {
            onError(path, input, leaf.error);
            return QJsonValue::Undefined;
        }
        return *leaf.value;
    }
    onError(path, input, QStringLiteral("Type \"%1\" is not an input type.").arg(type.toString()));
    return QJsonValue::Undefined;
}

bool isMissingVariable(const ast::Value& literal, const QJsonObject& variables) {
    return literal.kind == ast::Value::Kind::Variable && !variables.contains(literal.text);
}

} // namespace

QJsonValue coerceInputValue(const Schema& schema, const QJsonValue& input, const TypeRef& type,
                            const InputErrorSink& onError) {
    return coerce(schema, input, type, onError, {}, 0);
}

QJsonValue valueFromLiteral(const Schema& schema, const ast::Value& literal, const TypeRef& type,
                            const QJsonObject& variables) {
    using Kind = ast::Value::Kind;
    if (literal.kind == Kind::Variable) {
        const QJsonValue value = variables.value(literal.text);
        if (value.isUndefined() || (value.isNull() && type.isNonNull())) {
            return QJsonValue::Undefined;
        }
        return value;
    }
    if (type.isNonNull()) {
        return literal.kind == Kind::Null
                   ? QJsonValue(QJsonValue::Undefined)
                   : valueFromLiteral(schema, literal, type.ofType(), variables);
    }
    if (literal.kind == Kind::Null) {
        return QJsonValue::Null;
    }
    if (type.isList()) {
        const TypeRef itemType = type.ofType();
        if (literal.kind == Kind::List) {
            QJsonArray items;
            for (const ast::Value& item : literal.items) {
                if (isMissingVariable(item, variables)) {
                    if (itemType.isNonNull()) {
                        return QJsonValue::Undefined;
                    }
                    items.append(QJsonValue::Null);
                    continue;
                }
                const QJsonValue value = valueFromLiteral(schema, item, itemType, variables);
                if (value.isUndefined()) {
                    return QJsonValue::Undefined;
                }
                items.append(value);
            }
            return items;
        }
        const QJsonValue value = valueFromLiteral(schema, literal, itemType, variables);
        return value.isUndefined() ? value : QJsonValue(QJsonArray{value});
    }
    const TypeDef* named = schema.type(type.namedType());
    if (!named) {
        return QJsonValue::Undefined;
    }
    if (named->kind == TypeKind::InputObject) {
        if (literal.kind != Kind::Object) {
            return QJsonValue::Undefined;
        }
        QJsonObject object;
        for (const InputValueDef& field : named->inputFields) {
            const ast::ObjectField* node = nullptr;
            for (const ast::ObjectField& candidate : literal.fields) {
                if (candidate.name == field.name) {
                    node = &candidate;
                    break;
                }
            }
            if (!node || isMissingVariable(node->value, variables)) {
                const QJsonValue defaultValue = defaultValueOf(schema, field);
                if (!defaultValue.isUndefined()) {
                    object.insert(field.name, defaultValue);
                } else if (field.type.isNonNull()) {
                    return QJsonValue::Undefined;
                }
                continue;
            }
            const QJsonValue value = valueFromLiteral(schema, node->value, field.type, variables);
            if (value.isUndefined()) {
                return QJsonValue::Undefined;
            }
            object.insert(field.name, value);
        }
        return object;
    }
    if (named->isLeaf()) {
        if (named->kind == TypeKind::Scalar && !builtInScalarNames().contains(named->name)
            && named->name != QLatin1String("PageSize")) {
            return untypedValue(literal, variables);
        }
        const LeafInput leaf = parseLeafLiteral(*named, literal);
        return leaf.value ? *leaf.value : QJsonValue(QJsonValue::Undefined);
    }
    return QJsonValue::Undefined;
}

QJsonValue defaultValueOf(const Schema& schema, const InputValueDef& definition) {
    if (!definition.defaultValue) {
        return QJsonValue::Undefined;
    }
    return valueFromLiteral(schema, *definition.defaultValue, definition.type, {});
}

QString printInputPath(const QJsonArray& path) {
    return printPath(path);
}

} // namespace kili::graphql
