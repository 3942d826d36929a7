#include "graphql/executor.h"
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "test_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace kili::graphql;
using kili::graphql::testing::kiliSchema;

namespace {

// graphql-js 16's getIntrospectionQuery() with its default options, verbatim.
const char* const graphqlJsIntrospectionQuery = R"(
    query IntrospectionQuery {
      __schema {
        
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          
          locations
          args {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      
      fields(includeDeprecated: true) {
        name
        description
        args {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
      
      
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
  )";

std::string compact(const QJsonValue& value) {
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject findByName(const QJsonValue& list, const char* name) {
    for (const QJsonValue& item : list.toArray()) {
        if (item.toObject().value(QStringLiteral("name")).toString() == QLatin1String(name)) {
            return item.toObject();
        }
    }
    ADD_FAILURE() << "no " << name;
    return {};
}

QJsonObject runStandardQuery(const Schema& schema) {
    const ParseResult parsed = parse(QByteArrayView(graphqlJsIntrospectionQuery));
    EXPECT_TRUE(parsed.ok());
    EXPECT_TRUE(validate(schema, parsed.document).isEmpty());
    Executor executor(schema);
    return executor.execute(parsed.document, {}, {}, nullptr);
}

TEST(Introspection, StandardQueryOfGraphqlJsRunsAgainstTheKiliSchema) {
    const QJsonObject response = runStandardQuery(kiliSchema());
    ASSERT_FALSE(response.contains(QStringLiteral("errors")))
        << compact(response.value(QStringLiteral("errors")));
    const QJsonObject schema = response.value(QStringLiteral("data"))
                                   .toObject()
                                   .value(QStringLiteral("__schema"))
                                   .toObject();
    EXPECT_EQ(compact(schema.value(QStringLiteral("queryType"))), R"([{"name":"Query"}])");
    EXPECT_EQ(compact(schema.value(QStringLiteral("mutationType"))), R"([{"name":"Mutation"}])");
    EXPECT_EQ(compact(schema.value(QStringLiteral("subscriptionType"))), "[null]");

    const QJsonObject query = findByName(schema.value(QStringLiteral("types")), "Query");
    EXPECT_EQ(query.value(QStringLiteral("kind")).toString(), QStringLiteral("OBJECT"));
    const QJsonObject assets = findByName(query.value(QStringLiteral("fields")), "assets");
    EXPECT_EQ(
        compact(assets.value(QStringLiteral("type"))),
        R"([{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Asset","ofType":null}}}])");
    const QJsonObject first = findByName(assets.value(QStringLiteral("args")), "first");
    EXPECT_EQ(
        compact(first),
        R"([{"defaultValue":null,"description":null,"name":"first","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"SCALAR","name":"PageSize","ofType":null}}}])");
    const QJsonObject me = findByName(query.value(QStringLiteral("fields")), "me");
    EXPECT_TRUE(me.value(QStringLiteral("isDeprecated")).toBool());
    EXPECT_EQ(me.value(QStringLiteral("deprecationReason")).toString(),
              QStringLiteral("Use viewer."));

    const QJsonObject labelType = findByName(schema.value(QStringLiteral("types")), "LabelType");
    EXPECT_EQ(labelType.value(QStringLiteral("enumValues")).toArray().size(), 5);
    EXPECT_TRUE(labelType.value(QStringLiteral("fields")).isNull());

    const QJsonObject where = findByName(schema.value(QStringLiteral("types")), "AssetWhere");
    EXPECT_EQ(where.value(QStringLiteral("kind")).toString(), QStringLiteral("INPUT_OBJECT"));
    EXPECT_EQ(where.value(QStringLiteral("inputFields")).toArray().size(), 27);

    const QJsonObject deprecated =
        findByName(schema.value(QStringLiteral("directives")), "deprecated");
    EXPECT_EQ(findByName(deprecated.value(QStringLiteral("args")), "reason")
                  .value(QStringLiteral("defaultValue"))
                  .toString(),
              QStringLiteral("\"No longer supported\""));
    findByName(schema.value(QStringLiteral("types")), "__Schema");
    findByName(schema.value(QStringLiteral("types")), "Boolean");
}

TEST(Introspection, LibraryQueryTextMatchesGraphqlJsDefaults) {
    const QString simplified = introspectionQuery().simplified();
    EXPECT_EQ(simplified.toStdString(),
              QString::fromUtf8(graphqlJsIntrospectionQuery).simplified().toStdString());
}

TEST(Introspection, RoundTripsThroughIntrospectionJson) {
    const QJsonObject introspection = kiliSchema().introspect();
    ASSERT_TRUE(introspection.value(QStringLiteral("__schema")).isObject());

    QString error;
    const Schema rebuilt = Schema::fromIntrospection(introspection, &error);
    ASSERT_TRUE(rebuilt.isValid()) << error.toStdString();
    EXPECT_EQ(rebuilt.introspect(), introspection) << "SDL → JSON → schema → the same JSON";

    ASSERT_EQ(rebuilt.types().size(), kiliSchema().types().size());
    for (const TypeDef& original : kiliSchema().types()) {
        const TypeDef* copy = rebuilt.type(original.name);
        ASSERT_NE(copy, nullptr) << original.name.toStdString();
        EXPECT_EQ(copy->kind, original.kind) << original.name.toStdString();
        ASSERT_EQ(copy->fields.size(), original.fields.size()) << original.name.toStdString();
        for (size_t i = 0; i < original.fields.size(); ++i) {
            EXPECT_EQ(copy->fields[i].name, original.fields[i].name);
            EXPECT_EQ(copy->fields[i].type, original.fields[i].type);
            EXPECT_EQ(copy->fields[i].arguments.size(), original.fields[i].arguments.size());
            EXPECT_EQ(copy->fields[i].isDeprecated, original.fields[i].isDeprecated);
        }
        EXPECT_EQ(copy->inputFields.size(), original.inputFields.size());
        EXPECT_EQ(copy->enumValues.size(), original.enumValues.size());
    }
    EXPECT_EQ(rebuilt.queryType()->name, QStringLiteral("Query"));
    EXPECT_EQ(rebuilt.mutationType()->name, QStringLiteral("Mutation"));
}

TEST(Introspection, RoundTripKeepsDefaultsDescriptionsAndCustomDirectives) {
    QString error;
    const Schema schema = Schema::fromSdl(QStringLiteral(R"(
        "Cache hints" directive @cached(ttl: Int = 60) repeatable on FIELD
        "Where to look" input Filter { ids: [ID!] = ["a"], size: PageSize = 10, nested: Filter }
        scalar PageSize @specifiedBy(url: "https://kili.example/pagesize")
        enum Color { RED GREEN @deprecated(reason: "Use RED.") }
        interface Node { id: ID! }
        type Item implements Node { id: ID! color(f: Filter = {size: 5}): Color }
        union Result = Item
        type Query { node: Node result: Result }
    )"),
                                          &error);
    ASSERT_TRUE(schema.isValid()) << error.toStdString();
    const Schema rebuilt = Schema::fromIntrospection(
        QJsonObject{{QStringLiteral("data"), schema.introspect()}}, &error);
    ASSERT_TRUE(rebuilt.isValid()) << error.toStdString();
    EXPECT_EQ(rebuilt.introspect(), schema.introspect());
    const TypeDef* filter = rebuilt.type(u"Filter");
    EXPECT_EQ(filter->description, QStringLiteral("Where to look"));
    EXPECT_EQ(ast::printValue(*filter->inputField(u"ids")->defaultValue),
              QStringLiteral("[\"a\"]"));
    EXPECT_EQ(
        ast::printValue(*rebuilt.type(u"Item")->field(u"color")->argument(u"f")->defaultValue),
        QStringLiteral("{size: 5}"));
    EXPECT_EQ(rebuilt.type(u"PageSize")->specifiedByUrl,
              QStringLiteral("https://kili.example/pagesize"));
    EXPECT_TRUE(rebuilt.type(u"Color")->enumValue(u"GREEN")->isDeprecated);
    EXPECT_EQ(rebuilt.type(u"Node")->possibleTypes, QStringList{QStringLiteral("Item")});
    EXPECT_EQ(rebuilt.type(u"Result")->possibleTypes, QStringList{QStringLiteral("Item")});
    ASSERT_NE(rebuilt.directive(u"cached"), nullptr);
    EXPECT_TRUE(rebuilt.directive(u"cached")->isRepeatable);
}

TEST(Introspection, ClientDocumentsValidateAgainstARebuiltSchema) {
    QString error;
    const Schema rebuilt = Schema::fromIntrospection(kiliSchema().introspect(), &error);
    ASSERT_TRUE(rebuilt.isValid()) << error.toStdString();
    const ParseResult parsed = parse(QByteArrayView(
        "query q($where: AssetWhere!) { data: assets(where: $where, first: 100, skip: 0) { id "
        "labels { labelType } } }"));
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(validate(rebuilt, parsed.document).isEmpty());
    const ParseResult moved = parse(QByteArrayView("{ countAssets(where: {}, first: 1) }"));
    const QList<GraphQLError> errors = validate(rebuilt, moved.document);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().message,
              QStringLiteral("Unknown argument \"first\" on field \"Query.countAssets\"."));
}

TEST(Introspection, RefusesResultsThatAreNotIntrospection) {
    QString error;
    EXPECT_FALSE(
        Schema::fromIntrospection(QJsonObject{{QStringLiteral("errors"), QJsonArray{}}}, &error)
            .isValid());
    EXPECT_EQ(error,
              QStringLiteral("Invalid or incomplete introspection result: no "
                             "\"__schema.types\" list. Pass the \"data\" of an introspection "
                             "response that has no \"errors\"."));
    QJsonObject broken = kiliSchema().introspect();
    QJsonObject schema = broken.value(QStringLiteral("__schema")).toObject();
    QJsonArray types = schema.value(QStringLiteral("types")).toArray();
    types.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("WIDGET")},
                             {QStringLiteral("name"), QStringLiteral("Gadget")}});
    schema.insert(QStringLiteral("types"), types);
    broken.insert(QStringLiteral("__schema"), schema);
    EXPECT_FALSE(Schema::fromIntrospection(broken, &error).isValid());
    EXPECT_EQ(error, QStringLiteral("Invalid or incomplete schema, unknown kind \"WIDGET\" of type "
                                    "\"Gadget\"."));
}

} // namespace
