#include "graphql/introspection.h"

#include "graphql/executor.h"
#include "graphql/introspection_p.h"
#include "graphql/parser.h"
#include "graphql/schema_p.h"

#include <QJsonArray>

namespace kili::graphql {

QString introspectionPreludeSdl() {
    return QStringLiteral(R"graphql(
"The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."
scalar Int
"The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."
scalar Float
"The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."
scalar String
"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean
"The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."
scalar ID

"A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations."
type __Schema {
  description: String
  "A list of all types supported by this server."
  types: [__Type!]!
  "The type that query operations will be rooted at."
  queryType: __Type!
  "If this server supports mutation, the type that mutation operations will be rooted at."
  mutationType: __Type
  "If this server support subscription, the type that subscription operations will be rooted at."
  subscriptionType: __Type
  "A list of all directives supported by this server."
  directives: [__Directive!]!
}

"The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}

"An enum describing what kind of type a given `__Type` is."
enum __TypeKind {
  SCALAR
  OBJECT
  INTERFACE
  UNION
  ENUM
  INPUT_OBJECT
  LIST
  NON_NULL
}

"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}

"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  "A GraphQL-formatted string representing the default value for this input value."
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}

"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies."
enum __DirectiveLocation {
  QUERY
  MUTATION
  SUBSCRIPTION
  FIELD
  FRAGMENT_DEFINITION
  FRAGMENT_SPREAD
  INLINE_FRAGMENT
  VARIABLE_DEFINITION
  SCHEMA
  SCALAR
  OBJECT
  FIELD_DEFINITION
  ARGUMENT_DEFINITION
  INTERFACE
  UNION
  ENUM
  ENUM_VALUE
  INPUT_OBJECT
  INPUT_FIELD_DEFINITION
}

"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include("Included when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip("Skipped when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated(
  "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)."
  reason: String = "No longer supported"
) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE

"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy("The URL that specifies the behavior of this scalar." url: String!) on SCALAR
)graphql");
}

QString introspectionQuery(const IntrospectionOptions& options) {
    const QString description = options.descriptions ? QStringLiteral("description") : QString();
    const QString specifiedBy =
        options.specifiedByUrl ? QStringLiteral("specifiedByURL") : QString();
    const QString repeatable =
        options.directiveIsRepeatable ? QStringLiteral("isRepeatable") : QString();
    const QString schemaDescription = options.schemaDescription ? description : QString();
    const QString inputDeprecation =
        options.inputValueDeprecation ? QStringLiteral("(includeDeprecated: true)") : QString();
    const QString inputValueDeprecation =
        options.inputValueDeprecation ? QStringLiteral("isDeprecated\n      deprecationReason")
                                      : QString();
    return QStringLiteral(R"graphql(
    query IntrospectionQuery {
      __schema {
        %1
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          %2
          %3
          locations
          args%4 {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      %2
      %5
      fields(includeDeprecated: true) {
        name
        %2
        args%4 {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields%4 {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        %2
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      %2
      type { ...TypeRef }
      defaultValue
      %6
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  )graphql")
        .arg(schemaDescription, description, repeatable, inputDeprecation, specifiedBy,
             inputValueDeprecation);
}

namespace {

QJsonValue orNull(const QString& text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject inputValueJson(const Schema& schema, const InputValueDef& value) {
    return QJsonObject{
        {QStringLiteral("name"), value.name},
        {QStringLiteral("description"), orNull(value.description)},
        {QStringLiteral("type"), typeRefJson(schema, value.type)},
        {QStringLiteral("defaultValue"), value.defaultValue
                                             ? QJsonValue(ast::printValue(*value.defaultValue))
                                             : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("isDeprecated"), value.isDeprecated},
        {QStringLiteral("deprecationReason"),
         value.isDeprecated ? QJsonValue(value.deprecationReason) : QJsonValue(QJsonValue::Null)},
    };
}

QJsonArray inputValuesJson(const Schema& schema, const std::vector<InputValueDef>& values,
                           bool includeDeprecated) {
    QJsonArray array;
    for (const InputValueDef& value : values) {
        if (includeDeprecated || !value.isDeprecated) {
            array.append(inputValueJson(schema, value));
        }
    }
    return array;
}

QJsonArray typeRefsJson(const Schema& schema, const QStringList& names) {
    QJsonArray array;
    for (const QString& name : names) {
        array.append(typeRefJson(schema, TypeRef(name)));
    }
    return array;
}

QJsonValue resolveType(const Schema& schema, const QString& field, const QJsonObject& arguments,
                       const QJsonObject& parent) {
    const TypeDef* type = parent.contains(QStringLiteral("ofType"))
                              ? nullptr
                              : schema.type(parent.value(QStringLiteral("name")).toString());
    const bool includeDeprecated = arguments.value(QStringLiteral("includeDeprecated")).toBool();
    if (field == QLatin1String("description")) {
        return type ? orNull(type->description) : QJsonValue(QJsonValue::Null);
    }
    if (field == QLatin1String("specifiedByURL")) {
        return type ? orNull(type->specifiedByUrl) : QJsonValue(QJsonValue::Null);
    }
    if (field == QLatin1String("fields")) {
        if (!type || (type->kind != TypeKind::Object && type->kind != TypeKind::Interface)) {
            return QJsonValue::Null;
        }
        QJsonArray fields;
        for (const FieldDef& definition : type->fields) {
            if (!includeDeprecated && definition.isDeprecated) {
                continue;
            }
            fields.append(QJsonObject{
                {QStringLiteral("name"), definition.name},
                {QStringLiteral("description"), orNull(definition.description)},
                {QStringLiteral("args"), inputValuesJson(schema, definition.arguments, true)},
                {QStringLiteral("type"), typeRefJson(schema, definition.type)},
                {QStringLiteral("isDeprecated"), definition.isDeprecated},
                {QStringLiteral("deprecationReason"), definition.isDeprecated
                                                          ? QJsonValue(definition.deprecationReason)
                                                          : QJsonValue(QJsonValue::Null)},
            });
        }
        return fields;
    }
    if (field == QLatin1String("interfaces")) {
        if (!type || (type->kind != TypeKind::Object && type->kind != TypeKind::Interface)) {
            return QJsonValue::Null;
        }
        return typeRefsJson(schema, type->interfaces);
    }
    if (field == QLatin1String("possibleTypes")) {
        return type && type->isAbstract() ? QJsonValue(typeRefsJson(schema, type->possibleTypes))
                                          : QJsonValue(QJsonValue::Null);
    }
    if (field == QLatin1String("enumValues")) {
        if (!type || type->kind != TypeKind::Enum) {
            return QJsonValue::Null;
        }
        QJsonArray values;
        for (const EnumValueDef& value : type->enumValues) {
            if (!includeDeprecated && value.isDeprecated) {
                continue;
            }
            values.append(QJsonObject{
                {QStringLiteral("name"), value.name},
                {QStringLiteral("description"), orNull(value.description)},
                {QStringLiteral("isDeprecated"), value.isDeprecated},
                {QStringLiteral("deprecationReason"), value.isDeprecated
                                                          ? QJsonValue(value.deprecationReason)
                                                          : QJsonValue(QJsonValue::Null)},
            });
        }
        return values;
    }
    if (field == QLatin1String("inputFields")) {
        if (!type || type->kind != TypeKind::InputObject) {
            return QJsonValue::Null;
        }
        return inputValuesJson(schema, type->inputFields, includeDeprecated);
    }
    return parent.value(field);
}

} // namespace

QJsonObject typeRefJson(const Schema& schema, const TypeRef& type) {
    if (type.isNonNull()) {
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("NON_NULL")},
                           {QStringLiteral("name"), QJsonValue::Null},
                           {QStringLiteral("ofType"), typeRefJson(schema, type.ofType())}};
    }
    if (type.isList()) {
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("LIST")},
                           {QStringLiteral("name"), QJsonValue::Null},
                           {QStringLiteral("ofType"), typeRefJson(schema, type.ofType())}};
    }
    const TypeDef* named = schema.type(type.namedType());
    return QJsonObject{
        {QStringLiteral("kind"), named ? typeKindName(named->kind) : QStringLiteral("SCALAR")},
        {QStringLiteral("name"), type.namedType()}};
}

QJsonValue resolveIntrospectionField(const Schema& schema, const QString& parentType,
                                     const QString& field, const QJsonObject& arguments,
                                     const QJsonValue& parent) {
    const QJsonObject object = parent.toObject();
    if (parentType == QLatin1String("__Schema")) {
        if (field == QLatin1String("types")) {
            QJsonArray types;
            for (const TypeDef& type : schema.types()) {
                types.append(typeRefJson(schema, TypeRef(type.name)));
            }
            return types;
        }
        if (field == QLatin1String("queryType") || field == QLatin1String("mutationType")
            || field == QLatin1String("subscriptionType")) {
            const TypeDef* root = field == QLatin1String("queryType") ? schema.queryType()
                                  : field == QLatin1String("mutationType")
                                      ? schema.mutationType()
                                      : schema.subscriptionType();
            return root ? QJsonValue(typeRefJson(schema, TypeRef(root->name)))
                        : QJsonValue(QJsonValue::Null);
        }
        if (field == QLatin1String("directives")) {
            QJsonArray directives;
            for (const DirectiveDef& directive : schema.directives()) {
                directives.append(QJsonObject{
                    {QStringLiteral("name"), directive.name},
                    {QStringLiteral("description"), orNull(directive.description)},
                    {QStringLiteral("isRepeatable"), directive.isRepeatable},
                    {QStringLiteral("locations"), QJsonArray::fromStringList(directive.locations)},
                    {QStringLiteral("args"), inputValuesJson(schema, directive.arguments, true)},
                });
            }
            return directives;
        }
        return QJsonValue::Null; // description
    }
    if (parentType == QLatin1String("__Type")) {
        return resolveType(schema, field, arguments, object);
    }
    if (field == QLatin1String("args")
        && !arguments.value(QStringLiteral("includeDeprecated")).toBool()) {
        QJsonArray args;
        for (const QJsonValue& arg : object.value(field).toArray()) {
            if (!arg.toObject().value(QStringLiteral("isDeprecated")).toBool()) {
                args.append(arg);
            }
        }
        return args;
    }
    return object.value(field);
}

QJsonObject Schema::introspect() const {
    IntrospectionOptions options;
    options.specifiedByUrl = true;
    options.directiveIsRepeatable = true;
    options.schemaDescription = true;
    options.inputValueDeprecation = true;
    ParseResult parsed = parse(QStringView(introspectionQuery(options)));
    Q_ASSERT(parsed.ok());
    Executor executor(*this);
    executor.setValidationEnabled(false);
    const QJsonObject response = executor.execute(parsed.document, {}, {}, nullptr);
    return response.value(QStringLiteral("data")).toObject();
}

} // namespace kili::graphql
