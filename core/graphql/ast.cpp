#include "graphql/ast.h"

namespace kili::graphql::ast {

const FragmentDefinition* Document::fragment(QStringView name) const {
    for (const FragmentDefinition& fragment : fragments) {
        if (fragment.name == name) {
            return &fragment;
        }
    }
    return nullptr;
}

const OperationDefinition* Document::operation(QStringView name) const {
    for (const OperationDefinition& operation : operations) {
        if (operation.name == name) {
            return &operation;
        }
    }
    return nullptr;
}

QString operationTypeName(OperationDefinition::Type type) {
    switch (type) {
    case OperationDefinition::Type::Query:
        return QStringLiteral("query");
    case OperationDefinition::Type::Mutation:
        return QStringLiteral("mutation");
    case OperationDefinition::Type::Subscription:
        return QStringLiteral("subscription");
    }
    return {};
}

namespace {

QString printString(const QString& text) {
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\b':
            out += QLatin1String("\\b");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\f':
            out += QLatin1String("\\f");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        default:
            if (u < 0x20 || (u >= 0x7f && u <= 0x9f)) {
                out += QLatin1String("\\u")
                       + QString::number(u, 16).toUpper().rightJustified(4, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    out += QLatin1Char('"');
    return out;
}

} // namespace

QString printValue(const Value& value) {
    switch (value.kind) {
    case Value::Kind::Variable:
        return QLatin1Char('$') + value.text;
    case Value::Kind::Int:
    case Value::Kind::Float:
    case Value::Kind::Enum:
        return value.text;
    case Value::Kind::String:
        return printString(value.text);
    case Value::Kind::Boolean:
        return value.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Value::Kind::Null:
        return QStringLiteral("null");
    case Value::Kind::List: {
        QStringList items;
        for (const Value& item : value.items) {
            items.append(printValue(item));
        }
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case Value::Kind::Object: {
        QStringList fields;
        for (const ObjectField& field : value.fields) {
            fields.append(field.name + QLatin1String(": ") + printValue(field.value));
        }
        return QLatin1Char('{') + fields.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

} // namespace kili::graphql::ast
