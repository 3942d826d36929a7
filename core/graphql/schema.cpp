#include "graphql/schema.h"

#include "graphql/parser.h"
#include "graphql/schema_p.h"

namespace kili::graphql {

QString typeKindName(TypeKind kind) {
    switch (kind) {
    case TypeKind::Scalar:
        return QStringLiteral("SCALAR");
    case TypeKind::Object:
        return QStringLiteral("OBJECT");
    case TypeKind::Interface:
        return QStringLiteral("INTERFACE");
    case TypeKind::Union:
        return QStringLiteral("UNION");
    case TypeKind::Enum:
        return QStringLiteral("ENUM");
    case TypeKind::InputObject:
        return QStringLiteral("INPUT_OBJECT");
    }
    return {};
}

const QStringList& builtInScalarNames() {
    static const QStringList names = {QStringLiteral("Int"), QStringLiteral("Float"),
                                      QStringLiteral("String"), QStringLiteral("Boolean"),
                                      QStringLiteral("ID")};
    return names;
}

const InputValueDef* FieldDef::argument(QStringView argumentName) const {
    for (const InputValueDef& argument : arguments) {
        if (argument.name == argumentName) {
            return &argument;
        }
    }
    return nullptr;
}

const InputValueDef* DirectiveDef::argument(QStringView argumentName) const {
    for (const InputValueDef& argument : arguments) {
        if (argument.name == argumentName) {
            return &argument;
        }
    }
    return nullptr;
}

const FieldDef* TypeDef::field(QStringView fieldName) const {
    for (const FieldDef& field : fields) {
        if (field.name == fieldName) {
            return &field;
        }
    }
    return nullptr;
}

const InputValueDef* TypeDef::inputField(QStringView fieldName) const {
    for (const InputValueDef& field : inputFields) {
        if (field.name == fieldName) {
            return &field;
        }
    }
    return nullptr;
}

const EnumValueDef* TypeDef::enumValue(QStringView valueName) const {
    for (const EnumValueDef& value : enumValues) {
        if (value.name == valueName) {
            return &value;
        }
    }
    return nullptr;
}

Schema::Schema()
    : d(std::make_shared<const Data>()) {}

Schema::Schema(std::shared_ptr<const Data> data)
    : d(std::move(data)) {}

bool Schema::isValid() const {
    return queryType() != nullptr;
}

const TypeDef* Schema::type(QStringView name) const {
    return type(name.toString());
}

const TypeDef* Schema::type(const QString& name) const {
    const auto it = d->typeIndex.constFind(name);
    return it == d->typeIndex.cend() ? nullptr : &d->types[size_t(*it)];
}

const std::vector<TypeDef>& Schema::types() const {
    return d->types;
}

const TypeDef* Schema::queryType() const {
    return d->queryTypeName.isEmpty() ? nullptr : type(d->queryTypeName);
}

const TypeDef* Schema::mutationType() const {
    return d->mutationTypeName.isEmpty() ? nullptr : type(d->mutationTypeName);
}

const TypeDef* Schema::subscriptionType() const {
    return d->subscriptionTypeName.isEmpty() ? nullptr : type(d->subscriptionTypeName);
}

const TypeDef* Schema::rootType(ast::OperationDefinition::Type operation) const {
    switch (operation) {
    case ast::OperationDefinition::Type::Query:
        return queryType();
    case ast::OperationDefinition::Type::Mutation:
        return mutationType();
    case ast::OperationDefinition::Type::Subscription:
        return subscriptionType();
    }
    return nullptr;
}

const std::vector<DirectiveDef>& Schema::directives() const {
    return d->directives;
}

const DirectiveDef* Schema::directive(QStringView name) const {
    for (const DirectiveDef& directive : d->directives) {
        if (directive.name == name) {
            return &directive;
        }
    }
    return nullptr;
}

namespace {

struct MetaFields {
    FieldDef typeName;
    FieldDef schema;
    FieldDef type;

    MetaFields() {
        typeName.name = QStringLiteral("__typename");
        typeName.description = QStringLiteral("The name of the current Object type at runtime.");
        typeName.type = TypeRef::nonNull(TypeRef(QStringLiteral("String")));
        schema.name = QStringLiteral("__schema");
        schema.description = QStringLiteral("Access the current type schema of this server.");
        schema.type = TypeRef::nonNull(TypeRef(QStringLiteral("__Schema")));
        type.name = QStringLiteral("__type");
        type.description = QStringLiteral("Request the type information of a single type.");
        type.type = TypeRef(QStringLiteral("__Type"));
        InputValueDef name;
        name.name = QStringLiteral("name");
        name.type = TypeRef::nonNull(TypeRef(QStringLiteral("String")));
        type.arguments.push_back(name);
    }
};

const MetaFields& metaFields() {
    static const MetaFields fields;
    return fields;
}

} // namespace

const FieldDef* Schema::field(const TypeDef& parent, QStringView name) const {
    if (name.startsWith(QLatin1String("__"))) {
        const MetaFields& meta = metaFields();
        if (name == meta.typeName.name && parent.isComposite()) {
            return &meta.typeName;
        }
        if (&parent == queryType()) {
            if (name == meta.schema.name) {
                return &meta.schema;
            }
            if (name == meta.type.name) {
                return &meta.type;
            }
        }
    }
    return parent.field(name);
}

bool Schema::isPossibleType(const TypeDef& abstractOrObject, const TypeDef& object) const {
    if (&abstractOrObject == &object) {
        return true;
    }
    return abstractOrObject.isAbstract() && abstractOrObject.possibleTypes.contains(object.name);
}

QList<const TypeDef*> Schema::possibleObjectTypes(const TypeDef& type) const {
    QList<const TypeDef*> result;
    if (type.kind == TypeKind::Object) {
        result.append(&type);
    } else if (type.isAbstract()) {
        for (const QString& name : type.possibleTypes) {
            if (const TypeDef* possible = this->type(name)) {
                result.append(possible);
            }
        }
    }
    return result;
}

bool Schema::isTypeSubTypeOf(const TypeRef& sub, const TypeRef& super) const {
    if (sub == super) {
        return true;
    }
    if (super.isNonNull()) {
        return sub.isNonNull() && isTypeSubTypeOf(sub.ofType(), super.ofType());
    }
    if (sub.isNonNull()) {
        return isTypeSubTypeOf(sub.ofType(), super);
    }
    if (super.isList()) {
        return sub.isList() && isTypeSubTypeOf(sub.ofType(), super.ofType());
    }
    if (sub.isList()) {
        return false;
    }
    const TypeDef* superType = type(super.namedType());
    const TypeDef* subType = type(sub.namedType());
    return superType && subType && superType->isAbstract() && isPossibleType(*superType, *subType);
}

Schema Schema::fromSdl(const QString& sdl, QString* error) {
    ParseLimits limits;
    limits.maxBytes = 16 * 1024 * 1024;
    limits.maxTokens = 1000000;
    const ParseResult parsed = parse(QStringView(sdl), limits);
    if (!parsed.ok()) {
        const GraphQLError& syntax = parsed.errors.first();
        if (error) {
            *error = syntax.locations.isEmpty() ? syntax.message
                                                : QStringLiteral("%1:%2: %3")
                                                      .arg(syntax.locations.first().line)
                                                      .arg(syntax.locations.first().column)
                                                      .arg(syntax.message);
        }
        return Schema();
    }
    if (!parsed.document.operations.empty() || !parsed.document.fragments.empty()) {
        if (error) {
            *error = QStringLiteral("The schema text contains operations or fragments; a schema "
                                    "may only contain type system definitions.");
        }
        return Schema();
    }
    SchemaBuilder builder;
    if (!builder.addDocument(parsed.document, error)) {
        return Schema();
    }
    return builder.build(error);
}

} // namespace kili::graphql
