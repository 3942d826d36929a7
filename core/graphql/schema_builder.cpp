// Turns type system definitions into a Schema and checks it the way graphql-js's buildSchema
// and validateSchema do, with their messages.
#include "graphql/parser.h"
#include "graphql/schema_p.h"

#include <QSet>

namespace kili::graphql {

namespace {

QString at(const SourceLocation& location) {
    return location.isValid() ? QStringLiteral("%1:%2: ").arg(location.line).arg(location.column)
                              : QString();
}

// @deprecated(reason:) and @specifiedBy(url:) are the only directives a schema's meaning depends
// on.
void readDeprecation(const std::vector<ast::Directive>& directives, bool* isDeprecated,
                     QString* reason) {
    for (const ast::Directive& directive : directives) {
        if (directive.name != QLatin1String("deprecated")) {
            continue;
        }
        *isDeprecated = true;
        *reason = QStringLiteral("No longer supported");
        for (const ast::Argument& argument : directive.arguments) {
            if (argument.name == QLatin1String("reason")
                && argument.value.kind == ast::Value::Kind::String) {
                *reason = argument.value.text;
            }
        }
    }
}

InputValueDef toInputValue(const ast::InputValueDefinition& node) {
    InputValueDef value;
    value.name = node.name;
    value.description = node.description;
    value.type = node.type;
    value.defaultValue = node.defaultValue;
    readDeprecation(node.directives, &value.isDeprecated, &value.deprecationReason);
    return value;
}

std::vector<InputValueDef> toInputValues(const std::vector<ast::InputValueDefinition>& nodes) {
    std::vector<InputValueDef> values;
    values.reserve(nodes.size());
    for (const ast::InputValueDefinition& node : nodes) {
        values.push_back(toInputValue(node));
    }
    return values;
}

TypeDef toType(const ast::TypeSystemDefinition& node) {
    using Kind = ast::TypeSystemDefinition::Kind;
    TypeDef type;
    type.name = node.name;
    type.description = node.description;
    switch (node.kind) {
    case Kind::Scalar:
        type.kind = TypeKind::Scalar;
        for (const ast::Directive& directive : node.directives) {
            if (directive.name == QLatin1String("specifiedBy")) {
                for (const ast::Argument& argument : directive.arguments) {
                    if (argument.name == QLatin1String("url")) {
                        type.specifiedByUrl = argument.value.text;
                    }
                }
            }
        }
        break;
    case Kind::Object:
    case Kind::Interface:
        type.kind = node.kind == Kind::Object ? TypeKind::Object : TypeKind::Interface;
        type.interfaces = node.interfaces;
        for (const ast::FieldDefinition& fieldNode : node.fields) {
            FieldDef field;
            field.name = fieldNode.name;
            field.description = fieldNode.description;
            field.type = fieldNode.type;
            field.arguments = toInputValues(fieldNode.arguments);
            readDeprecation(fieldNode.directives, &field.isDeprecated, &field.deprecationReason);
            type.fields.push_back(std::move(field));
        }
        break;
    case Kind::Union:
        type.kind = TypeKind::Union;
        type.possibleTypes = node.unionMembers;
        break;
    case Kind::Enum:
        type.kind = TypeKind::Enum;
        for (const ast::EnumValueDefinition& valueNode : node.enumValues) {
            EnumValueDef value;
            value.name = valueNode.name;
            value.description = valueNode.description;
            readDeprecation(valueNode.directives, &value.isDeprecated, &value.deprecationReason);
            type.enumValues.push_back(std::move(value));
        }
        break;
    case Kind::InputObject:
        type.kind = TypeKind::InputObject;
        type.inputFields = toInputValues(node.inputValues);
        break;
    case Kind::Schema:
    case Kind::Directive:
        break;
    }
    return type;
}

struct Prelude {
    std::vector<TypeDef> types;
    std::vector<DirectiveDef> directives;
};

const Prelude& prelude() {
    static const Prelude instance = [] {
        Prelude result;
        ParseLimits limits;
        limits.maxTokens = 1000000;
        const QString sdl = introspectionPreludeSdl();
        const ParseResult parsed = parse(QStringView(sdl), limits);
        Q_ASSERT(parsed.ok());
        for (const ast::TypeSystemDefinition& node : parsed.document.typeDefinitions) {
            if (node.kind == ast::TypeSystemDefinition::Kind::Directive) {
                DirectiveDef directive;
                directive.name = node.name;
                directive.description = node.description;
                directive.locations = node.directiveLocations;
                directive.arguments = toInputValues(node.inputValues);
                directive.isRepeatable = node.repeatable;
                result.directives.push_back(std::move(directive));
            } else {
                result.types.push_back(toType(node));
            }
        }
        return result;
    }();
    return instance;
}

} // namespace

bool SchemaBuilder::addDocument(const ast::Document& document, QString* error) {
    using Kind = ast::TypeSystemDefinition::Kind;
    for (const ast::TypeSystemDefinition& node : document.typeDefinitions) {
        if (node.isExtension) {
            *error = at(node.location)
                     + QStringLiteral("Type system extensions (\"extend\") are not supported; "
                                      "write the complete definition of \"%1\" instead.")
                           .arg(node.name);
            return false;
        }
        if (node.kind == Kind::Schema) {
            if (m_hasSchemaDefinition) {
                *error =
                    at(node.location) + QStringLiteral("Must provide only one schema definition.");
                return false;
            }
            m_hasSchemaDefinition = true;
            for (const ast::RootOperationType& root : node.rootTypes) {
                QString& name = m_rootNames[int(root.operation)];
                if (!name.isEmpty()) {
                    *error = at(node.location)
                             + QStringLiteral("There can be only one %1 type in schema.")
                                   .arg(ast::operationTypeName(root.operation));
                    return false;
                }
                name = root.typeName;
            }
            continue;
        }
        if (node.kind == Kind::Directive) {
            DirectiveDef directive;
            directive.name = node.name;
            directive.description = node.description;
            directive.locations = node.directiveLocations;
            directive.arguments = toInputValues(node.inputValues);
            directive.isRepeatable = node.repeatable;
            for (const DirectiveDef& existing : m_directives) {
                if (existing.name == directive.name) {
                    *error = at(node.location)
                             + QStringLiteral("There can be only one directive named \"@%1\".")
                                   .arg(directive.name);
                    return false;
                }
            }
            m_directives.push_back(std::move(directive));
            continue;
        }
        QString typeError;
        if (!addType(toType(node), &typeError)) {
            *error = at(node.location) + typeError;
            return false;
        }
    }
    return true;
}

bool SchemaBuilder::addType(TypeDef type, QString* error) {
    if (type.name.startsWith(QLatin1String("__"))) {
        *error = QStringLiteral("Name \"%1\" must not begin with \"__\", which is reserved by "
                                "GraphQL introspection.")
                     .arg(type.name);
        return false;
    }
    if (builtInScalarNames().contains(type.name)) {
        // The standard definition wins, as in graphql-js.
        return true;
    }
    for (const TypeDef& existing : m_types) {
        if (existing.name == type.name) {
            *error = QStringLiteral("There can be only one type named \"%1\".").arg(type.name);
            return false;
        }
    }
    m_types.push_back(std::move(type));
    return true;
}

void SchemaBuilder::addDirective(DirectiveDef directive) {
    m_directives.push_back(std::move(directive));
}

void SchemaBuilder::setRootTypeName(ast::OperationDefinition::Type operation, const QString& name) {
    m_rootNames[int(operation)] = name;
    m_hasSchemaDefinition = true;
}

Schema SchemaBuilder::build(QString* error) {
    auto data = std::make_shared<Schema::Data>();
    data->types = std::move(m_types);
    const Prelude& builtIns = prelude();
    for (const TypeDef& type : builtIns.types) {
        data->types.push_back(type);
    }
    for (qsizetype i = 0; i < qsizetype(data->types.size()); ++i) {
        data->typeIndex.insert(data->types[size_t(i)].name, i);
    }
    data->directives = std::move(m_directives);
    for (const DirectiveDef& directive : builtIns.directives) {
        const bool redefined =
            std::any_of(data->directives.begin(), data->directives.end(),
                        [&](const DirectiveDef& d) { return d.name == directive.name; });
        if (!redefined) {
            data->directives.push_back(directive);
        }
    }
    static const char* const defaultRootNames[] = {"Query", "Mutation", "Subscription"};
    for (int i = 0; i < 3; ++i) {
        if (!m_hasSchemaDefinition
            && data->typeIndex.contains(QLatin1String(defaultRootNames[i]))) {
            m_rootNames[i] = QLatin1String(defaultRootNames[i]);
        }
    }
    data->queryTypeName = m_rootNames[0];
    data->mutationTypeName = m_rootNames[1];
    data->subscriptionTypeName = m_rootNames[2];

    // Interfaces learn their implementations, so that possibleTypes works for both kinds.
    for (TypeDef& type : data->types) {
        if (type.kind == TypeKind::Interface) {
            type.possibleTypes.clear();
        }
    }
    for (const TypeDef& type : data->types) {
        if (type.kind != TypeKind::Object) {
            continue;
        }
        for (const QString& interfaceName : type.interfaces) {
            const auto it = data->typeIndex.constFind(interfaceName);
            if (it != data->typeIndex.cend()
                && data->types[size_t(*it)].kind == TypeKind::Interface) {
                data->types[size_t(*it)].possibleTypes.append(type.name);
            }
        }
    }
    if (!checkReferences(*data, error)) {
        return Schema();
    }
    return Schema(std::move(data));
}

bool SchemaBuilder::checkReferences(const Schema::Data& data, QString* error) const {
    const auto find = [&](const QString& name) -> const TypeDef* {
        const auto it = data.typeIndex.constFind(name);
        return it == data.typeIndex.cend() ? nullptr : &data.types[size_t(*it)];
    };
    const auto fail = [&](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    const auto checkInputValues = [&](const std::vector<InputValueDef>& values,
                                      const QString& owner) {
        for (const InputValueDef& value : values) {
            const TypeDef* type = find(value.type.namedType());
            if (!type) {
                return fail(QStringLiteral("Unknown type \"%1\".").arg(value.type.namedType()));
            }
            if (!type->isInputType()) {
                return fail(QStringLiteral("The type of %1(%2:) must be Input Type but got: %3.")
                                .arg(owner, value.name, value.type.toString()));
            }
        }
        return true;
    };

    const TypeDef* query = find(data.queryTypeName);
    if (!query) {
        return fail(data.queryTypeName.isEmpty()
                        ? QStringLiteral("Query root type must be provided.")
                        : QStringLiteral("Unknown type \"%1\".").arg(data.queryTypeName));
    }
    const QString rootNames[3] = {data.queryTypeName, data.mutationTypeName,
                                  data.subscriptionTypeName};
    static const char* const rootLabels[] = {"Query", "Mutation", "Subscription"};
    for (int i = 0; i < 3; ++i) {
        if (rootNames[i].isEmpty()) {
            continue;
        }
        const TypeDef* root = find(rootNames[i]);
        if (!root) {
            return fail(QStringLiteral("Unknown type \"%1\".").arg(rootNames[i]));
        }
        if (root->kind != TypeKind::Object) {
            return fail(QStringLiteral("%1 root type must be Object type, it cannot be %2.")
                            .arg(QLatin1String(rootLabels[i]), rootNames[i]));
        }
    }

    for (const TypeDef& type : data.types) {
        switch (type.kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
            if (type.fields.empty()) {
                return fail(
                    QStringLiteral("Type %1 must define one or more fields.").arg(type.name));
            }
            for (const QString& interfaceName : type.interfaces) {
                const TypeDef* interface = find(interfaceName);
                if (!interface) {
                    return fail(QStringLiteral("Unknown type \"%1\".").arg(interfaceName));
                }
                if (interface->kind != TypeKind::Interface) {
                    return fail(QStringLiteral("Type %1 must only implement Interface types, it "
                                               "cannot implement %2.")
                                    .arg(type.name, interfaceName));
                }
            }
            for (const FieldDef& field : type.fields) {
                const TypeDef* fieldType = find(field.type.namedType());
                if (!fieldType) {
                    return fail(QStringLiteral("Unknown type \"%1\".").arg(field.type.namedType()));
                }
                if (!fieldType->isOutputType()) {
                    return fail(QStringLiteral("The type of %1.%2 must be Output Type but got: %3.")
                                    .arg(type.name, field.name, field.type.toString()));
                }
                if (!checkInputValues(field.arguments, type.name + QLatin1Char('.') + field.name)) {
                    return false;
                }
            }
            break;
        case TypeKind::Union:
            if (type.possibleTypes.isEmpty()) {
                return fail(QStringLiteral("Union type %1 must define one or more member types.")
                                .arg(type.name));
            }
            for (const QString& member : type.possibleTypes) {
                const TypeDef* memberType = find(member);
                if (!memberType) {
                    return fail(QStringLiteral("Unknown type \"%1\".").arg(member));
                }
                if (memberType->kind != TypeKind::Object) {
                    return fail(QStringLiteral("Union type %1 can only include Object types, it "
                                               "cannot include %2.")
                                    .arg(type.name, member));
                }
            }
            break;
        case TypeKind::Enum:
            if (type.enumValues.empty()) {
                return fail(
                    QStringLiteral("Enum type %1 must define one or more values.").arg(type.name));
            }
            break;
        case TypeKind::InputObject:
            if (type.inputFields.empty()) {
                return fail(QStringLiteral("Input Object type %1 must define one or more fields.")
                                .arg(type.name));
            }
            for (const InputValueDef& field : type.inputFields) {
                const TypeDef* fieldType = find(field.type.namedType());
                if (!fieldType) {
                    return fail(QStringLiteral("Unknown type \"%1\".").arg(field.type.namedType()));
                }
                if (!fieldType->isInputType()) {
                    return fail(QStringLiteral("The type of %1.%2 must be Input Type but got: %3.")
                                    .arg(type.name, field.name, field.type.toString()));
                }
            }
            break;
        case TypeKind::Scalar:
            break;
        }
    }
    for (const DirectiveDef& directive : data.directives) {
        if (!checkInputValues(directive.arguments, QLatin1Char('@') + directive.name)) {
            return false;
        }
    }
    return true;
}

} // namespace kili::graphql
