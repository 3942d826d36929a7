// Schema::fromIntrospection: what a client rebuilds from a live server's introspection result,
// as graphql-js's buildClientSchema does.
#include "graphql/parser.h"
#include "graphql/schema_p.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kili::graphql {

namespace {

constexpr int maxTypeRefDepth = 32;

class IntrospectionReader {
public:
    QString error;

    bool fail(const QString& message) {
        if (error.isEmpty()) {
            error = message;
        }
        return false;
    }

    TypeRef readTypeRef(const QJsonValue& value) {
        QList<TypeRef::Wrapper> wrappers;
        QJsonObject object = value.toObject();
        for (int depth = 0;; ++depth) {
            if (depth > maxTypeRefDepth) {
                fail(QStringLiteral("A type reference nests more than %1 list and non-null "
                                    "modifiers.")
                         .arg(maxTypeRefDepth));
                return {};
            }
            const QString kind = object.value(QStringLiteral("kind")).toString();
            if (kind == QLatin1String("LIST") || kind == QLatin1String("NON_NULL")) {
                wrappers.append(kind == QLatin1String("LIST") ? TypeRef::Wrapper::List
                                                              : TypeRef::Wrapper::NonNull);
                if (!object.value(QStringLiteral("ofType")).isObject()) {
                    fail(QStringLiteral("Decorated type deeper than introspection query."));
                    return {};
                }
                object = object.value(QStringLiteral("ofType")).toObject();
                continue;
            }
            const QString name = object.value(QStringLiteral("name")).toString();
            if (name.isEmpty()) {
                fail(QStringLiteral("Unknown type reference: %1.")
                         .arg(QString::fromUtf8(
                             QJsonDocument(object).toJson(QJsonDocument::Compact))));
                return {};
            }
            TypeRef type(name);
            for (auto it = wrappers.crbegin(); it != wrappers.crend(); ++it) {
                type =
                    *it == TypeRef::Wrapper::List ? TypeRef::listOf(type) : TypeRef::nonNull(type);
            }
            return type;
        }
    }

    std::vector<InputValueDef> readInputValues(const QJsonValue& value) {
        std::vector<InputValueDef> values;
        for (const QJsonValue& item : value.toArray()) {
            const QJsonObject object = item.toObject();
            InputValueDef input;
            input.name = object.value(QStringLiteral("name")).toString();
            input.description = object.value(QStringLiteral("description")).toString();
            input.type = readTypeRef(object.value(QStringLiteral("type")));
            input.isDeprecated = object.value(QStringLiteral("isDeprecated")).toBool();
            input.deprecationReason = object.value(QStringLiteral("deprecationReason")).toString();
            const QJsonValue defaultValue = object.value(QStringLiteral("defaultValue"));
            if (defaultValue.isString()) {
                QString parseError;
                input.defaultValue = parseConstValue(defaultValue.toString(), &parseError);
                if (!input.defaultValue) {
                    fail(QStringLiteral("The default value of \"%1\" is not a GraphQL value: %2")
                             .arg(input.name, parseError));
                }
            }
            values.push_back(std::move(input));
        }
        return values;
    }

    bool readType(const QJsonObject& object, TypeDef* type) {
        static const QStringList kinds = {
            QStringLiteral("SCALAR"), QStringLiteral("OBJECT"), QStringLiteral("INTERFACE"),
            QStringLiteral("UNION"),  QStringLiteral("ENUM"),   QStringLiteral("INPUT_OBJECT")};
        const QString kind = object.value(QStringLiteral("kind")).toString();
        type->name = object.value(QStringLiteral("name")).toString();
        const qsizetype kindIndex = kinds.indexOf(kind);
        if (type->name.isEmpty() || kindIndex < 0) {
            return fail(QStringLiteral("Invalid or incomplete schema, unknown kind \"%1\" of type "
                                       "\"%2\".")
                            .arg(kind, type->name));
        }
        type->kind = TypeKind(kindIndex);
        type->description = object.value(QStringLiteral("description")).toString();
        type->specifiedByUrl = object.value(QStringLiteral("specifiedByURL")).toString();
        for (const QJsonValue& fieldValue : object.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject fieldObject = fieldValue.toObject();
            FieldDef field;
            field.name = fieldObject.value(QStringLiteral("name")).toString();
            field.description = fieldObject.value(QStringLiteral("description")).toString();
            field.arguments = readInputValues(fieldObject.value(QStringLiteral("args")));
            field.type = readTypeRef(fieldObject.value(QStringLiteral("type")));
            field.isDeprecated = fieldObject.value(QStringLiteral("isDeprecated")).toBool();
            field.deprecationReason =
                fieldObject.value(QStringLiteral("deprecationReason")).toString();
            type->fields.push_back(std::move(field));
        }
        type->inputFields = readInputValues(object.value(QStringLiteral("inputFields")));
        for (const QJsonValue& enumValue : object.value(QStringLiteral("enumValues")).toArray()) {
            const QJsonObject valueObject = enumValue.toObject();
            EnumValueDef value;
            value.name = valueObject.value(QStringLiteral("name")).toString();
            value.description = valueObject.value(QStringLiteral("description")).toString();
            value.isDeprecated = valueObject.value(QStringLiteral("isDeprecated")).toBool();
            value.deprecationReason =
                valueObject.value(QStringLiteral("deprecationReason")).toString();
            type->enumValues.push_back(std::move(value));
        }
        for (const QJsonValue& interface : object.value(QStringLiteral("interfaces")).toArray()) {
            type->interfaces.append(interface.toObject().value(QStringLiteral("name")).toString());
        }
        if (type->kind == TypeKind::Union) {
            for (const QJsonValue& member :
                 object.value(QStringLiteral("possibleTypes")).toArray()) {
                type->possibleTypes.append(
                    member.toObject().value(QStringLiteral("name")).toString());
            }
        }
        return error.isEmpty();
    }
};

} // namespace

Schema Schema::fromIntrospection(const QJsonObject& introspection, QString* error) {
    QJsonObject schemaObject = introspection;
    if (schemaObject.value(QStringLiteral("data")).isObject()) {
        schemaObject = schemaObject.value(QStringLiteral("data")).toObject();
    }
    if (schemaObject.value(QStringLiteral("__schema")).isObject()) {
        schemaObject = schemaObject.value(QStringLiteral("__schema")).toObject();
    }
    const auto fail = [&](const QString& message) {
        if (error) {
            *error = message;
        }
        return Schema();
    };
    if (!schemaObject.value(QStringLiteral("types")).isArray()) {
        return fail(QStringLiteral("Invalid or incomplete introspection result: no "
                                   "\"__schema.types\" list. Pass the \"data\" of an introspection "
                                   "response that has no \"errors\"."));
    }
    IntrospectionReader reader;
    SchemaBuilder builder;
    for (const QJsonValue& typeValue : schemaObject.value(QStringLiteral("types")).toArray()) {
        TypeDef type;
        if (!reader.readType(typeValue.toObject(), &type)) {
            return fail(reader.error);
        }
        if (type.name.startsWith(QLatin1String("__"))) {
            continue; // the introspection types are GraphQL's own
        }
        QString typeError;
        if (!builder.addType(std::move(type), &typeError)) {
            return fail(typeError);
        }
    }
    static const QStringList builtInDirectives = {QStringLiteral("skip"), QStringLiteral("include"),
                                                  QStringLiteral("deprecated"),
                                                  QStringLiteral("specifiedBy")};
    for (const QJsonValue& directiveValue :
         schemaObject.value(QStringLiteral("directives")).toArray()) {
        const QJsonObject object = directiveValue.toObject();
        DirectiveDef directive;
        directive.name = object.value(QStringLiteral("name")).toString();
        if (builtInDirectives.contains(directive.name)) {
            continue;
        }
        directive.description = object.value(QStringLiteral("description")).toString();
        directive.isRepeatable = object.value(QStringLiteral("isRepeatable")).toBool();
        for (const QJsonValue& location : object.value(QStringLiteral("locations")).toArray()) {
            directive.locations.append(location.toString());
        }
        directive.arguments = reader.readInputValues(object.value(QStringLiteral("args")));
        builder.addDirective(std::move(directive));
    }
    if (!reader.error.isEmpty()) {
        return fail(reader.error);
    }
    const auto rootName = [&](const char* key) {
        return schemaObject.value(QLatin1String(key))
            .toObject()
            .value(QStringLiteral("name"))
            .toString();
    };
    builder.setRootTypeName(ast::OperationDefinition::Type::Query, rootName("queryType"));
    builder.setRootTypeName(ast::OperationDefinition::Type::Mutation, rootName("mutationType"));
    builder.setRootTypeName(ast::OperationDefinition::Type::Subscription,
                            rootName("subscriptionType"));
    return builder.build(error);
}

} // namespace kili::graphql
