// A GraphQL schema (https://spec.graphql.org/October2021/#sec-Schema): named types, directives
// and root operation types, built from SDL or from an introspection result. Immutable and
// implicitly shared: copies are cheap and safe to read from several threads.
#pragma once

#include "graphql/ast.h"
#include "graphql/typeref.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace kili::graphql {

enum class TypeKind : unsigned char { Scalar, Object, Interface, Union, Enum, InputObject };

// "SCALAR", "OBJECT", … as in __TypeKind.
QString typeKindName(TypeKind kind);

struct InputValueDef {
    QString name;
    QString description;
    TypeRef type;
    std::optional<ast::Value> defaultValue; // the literal as written in the schema
    bool isDeprecated = false;
    QString deprecationReason;
};

struct FieldDef {
    QString name;
    QString description;
    std::vector<InputValueDef> arguments;
    TypeRef type;
    bool isDeprecated = false;
    QString deprecationReason;

    const InputValueDef* argument(QStringView argumentName) const;
};

struct EnumValueDef {
    QString name;
    QString description;
    bool isDeprecated = false;
    QString deprecationReason;
};

struct TypeDef {
    TypeKind kind = TypeKind::Scalar;
    QString name;
    QString description;
    QString specifiedByUrl;
    std::vector<FieldDef> fields;           // Object, Interface
    std::vector<InputValueDef> inputFields; // InputObject
    std::vector<EnumValueDef> enumValues;   // Enum
    QStringList interfaces;                 // Object, Interface
    QStringList possibleTypes;              // Union members; Interface implementations

    const FieldDef* field(QStringView fieldName) const;
    const InputValueDef* inputField(QStringView fieldName) const;
    const EnumValueDef* enumValue(QStringView valueName) const;

    bool isLeaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
    bool isComposite() const {
        return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
    }
    bool isAbstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
    bool isInputType() const { return isLeaf() || kind == TypeKind::InputObject; }
    bool isOutputType() const { return kind != TypeKind::InputObject; }
};

struct DirectiveDef {
    QString name;
    QString description;
    QStringList locations; // "FIELD", "FRAGMENT_SPREAD", …
    std::vector<InputValueDef> arguments;
    bool isRepeatable = false;

    const InputValueDef* argument(QStringView argumentName) const;
};

class Schema {
public:
    // An empty schema: isValid() is false and every lookup fails.
    Schema();

    // Builds from SDL such as resources/kili-schema.graphql. On failure returns an invalid schema
    // and says why in `error` ("12:3: Unknown type \"Assett\".").
    static Schema fromSdl(const QString& sdl, QString* error);
    // Builds from the result of the introspection query: accepts the whole response
    // ({"data": {"__schema": …}}), its data ({"__schema": …}) or the __schema object itself.
    static Schema fromIntrospection(const QJsonObject& introspection, QString* error);
    // {"__schema": …}: the data of graphql-js's getIntrospectionQuery() run against this schema.
    QJsonObject introspect() const;

    bool isValid() const;

    const TypeDef* type(QStringView name) const;
    const TypeDef* type(const QString& name) const; // no copy of the name
    // Every named type: the schema's own in definition order, then the built-in scalars it uses,
    // then the introspection types.
    const std::vector<TypeDef>& types() const;
    const TypeDef* queryType() const;
    const TypeDef* mutationType() const;
    const TypeDef* subscriptionType() const;
    const TypeDef* rootType(ast::OperationDefinition::Type operation) const;
    const std::vector<DirectiveDef>& directives() const;
    const DirectiveDef* directive(QStringView name) const;

    // A field of `parent`, including the meta-fields: __typename on every composite type,
    // __schema and __type on the query type.
    const FieldDef* field(const TypeDef& parent, QStringView name) const;
    // Whether objects of `object` can be of type `abstractOrObject` (equal, member,
    // implementation).
    bool isPossibleType(const TypeDef& abstractOrObject, const TypeDef& object) const;
    // The object types a composite type can be at runtime.
    QList<const TypeDef*> possibleObjectTypes(const TypeDef& type) const;
    // Whether a value of `sub` is always acceptable where `super` is expected (variables rule).
    bool isTypeSubTypeOf(const TypeRef& sub, const TypeRef& super) const;

    struct Data;

private:
    explicit Schema(std::shared_ptr<const Data> data);
    friend class SchemaBuilder;
    std::shared_ptr<const Data> d;
};

// The names of GraphQL's five built-in scalars.
const QStringList& builtInScalarNames();

} // namespace kili::graphql
