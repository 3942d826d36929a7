// The syntax tree of a GraphQL document (https://spec.graphql.org/October2021/#sec-Document):
// executable definitions (operations, fragments) and type system definitions (SDL). Nodes are
// plain values; the parser bounds their nesting, so code walking them recursively is safe.
#pragma once

#include "graphql/error.h"
#include "graphql/typeref.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace kili::graphql::ast {

struct ObjectField;

struct Value {
    enum class Kind : unsigned char {
        Variable,
        Int,
        Float,
        String,
        Boolean,
        Null,
        Enum,
        List,
        Object
    };
    Kind kind = Kind::Null;
    SourceLocation location;
    // Variable name (without `$`), the Int/Float lexeme, the String value, or the Enum name.
    QString text;
    bool boolean = false;
    bool isBlockString = false;
    std::vector<Value> items;        // List
    std::vector<ObjectField> fields; // Object
};

struct ObjectField {
    QString name;
    SourceLocation location;
    Value value;
};

struct Argument {
    QString name;
    SourceLocation location;
    Value value;
};

struct Directive {
    QString name;
    SourceLocation location;
    std::vector<Argument> arguments;
};

struct Selection;

struct SelectionSet {
    SourceLocation location;
    std::vector<Selection> selections;
    bool isEmpty() const { return selections.empty(); }
};

struct Selection {
    enum class Kind : unsigned char { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    SourceLocation location;
    QString alias;         // Field; empty when there is none
    QString name;          // Field name or the spread fragment's name
    QString typeCondition; // InlineFragment; empty when there is none
    std::vector<Argument> arguments;
    std::vector<Directive> directives;
    SelectionSet selectionSet; // Field, InlineFragment
    // Field: hash of its source text. Fields with equal text on one parent type are the same
    // field, which spares the field-merging rule from comparing them one by one.
    size_t fingerprint = 0;

    const QString& responseKey() const { return alias.isEmpty() ? name : alias; }
};

struct VariableDefinition {
    QString name; // without `$`
    SourceLocation location;
    TypeRef type;
    SourceLocation typeLocation;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
};

struct OperationDefinition {
    enum class Type : unsigned char { Query, Mutation, Subscription };
    Type operation = Type::Query;
    QString name; // empty for an anonymous operation
    SourceLocation location;
    std::vector<VariableDefinition> variables;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
};

struct FragmentDefinition {
    QString name;
    SourceLocation location;
    QString typeCondition;
    SourceLocation typeConditionLocation;
    std::vector<Directive> directives;
    SelectionSet selectionSet;
};

struct InputValueDefinition {
    QString description;
    QString name;
    SourceLocation location;
    TypeRef type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
};

struct FieldDefinition {
    QString description;
    QString name;
    SourceLocation location;
    std::vector<InputValueDefinition> arguments;
    TypeRef type;
    std::vector<Directive> directives;
};

struct EnumValueDefinition {
    QString description;
    QString name;
    SourceLocation location;
    std::vector<Directive> directives;
};

struct RootOperationType {
    OperationDefinition::Type operation = OperationDefinition::Type::Query;
    QString typeName;
};

struct TypeSystemDefinition {
    enum class Kind : unsigned char {
        Schema,
        Scalar,
        Object,
        Interface,
        Union,
        Enum,
        InputObject,
        Directive
    };
    Kind kind = Kind::Scalar;
    bool isExtension = false; // `extend type …`: parsed, refused by the schema builder
    QString description;
    QString name; // empty for `schema`
    SourceLocation location;
    std::vector<Directive> directives;
    QStringList interfaces;                        // Object, Interface
    std::vector<FieldDefinition> fields;           // Object, Interface
    std::vector<InputValueDefinition> inputValues; // InputObject fields, Directive arguments
    std::vector<EnumValueDefinition> enumValues;   // Enum
    QStringList unionMembers;                      // Union
    std::vector<RootOperationType> rootTypes;      // Schema
    QStringList directiveLocations;                // Directive
    bool repeatable = false;                       // Directive
};

// Definitions are kept in one list per kind, each in document order.
struct Document {
    std::vector<OperationDefinition> operations;
    std::vector<FragmentDefinition> fragments;
    std::vector<TypeSystemDefinition> typeDefinitions;

    const FragmentDefinition* fragment(QStringView name) const;
    const OperationDefinition* operation(QStringView name) const;
};

QString operationTypeName(OperationDefinition::Type type);

// GraphQL source text of a value as graphql-js's print() writes it (`{a: 1, b: [X]}`).
QString printValue(const Value& value);

} // namespace kili::graphql::ast
