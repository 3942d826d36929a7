#include "graphql/schema.h"
#include "test_schema.h"

#include <gtest/gtest.h>

using namespace kili::graphql;
using kili::graphql::testing::kiliSchema;

namespace {

std::string buildError(const char* sdl) {
    QString error;
    const Schema schema = Schema::fromSdl(QString::fromUtf8(sdl), &error);
    return schema.isValid() ? "valid" : error.toStdString();
}

TEST(Schema, BuildsTheWholeKiliSchema) {
    const Schema& schema = kiliSchema();
    ASSERT_TRUE(schema.isValid());
    EXPECT_EQ(schema.queryType()->name, QStringLiteral("Query"));
    EXPECT_EQ(schema.mutationType()->name, QStringLiteral("Mutation"));
    EXPECT_EQ(schema.subscriptionType(), nullptr);
    for (const char* name :
         {"Int", "Float", "String", "Boolean", "ID", "PageSize", "DateTime", "JSON"}) {
        const TypeDef* type = schema.type(QString::fromLatin1(name));
        ASSERT_NE(type, nullptr) << name;
        EXPECT_EQ(type->kind, TypeKind::Scalar) << name;
    }
    const FieldDef* assets = schema.queryType()->field(u"assets");
    ASSERT_NE(assets, nullptr);
    EXPECT_EQ(assets->type.toString(), QStringLiteral("[Asset!]"));
    ASSERT_EQ(assets->arguments.size(), 3u);
    EXPECT_EQ(assets->argument(u"first")->type.toString(), QStringLiteral("PageSize!"));

    const TypeDef* labelType = schema.type(u"LabelType");
    ASSERT_NE(labelType, nullptr);
    EXPECT_EQ(labelType->kind, TypeKind::Enum);
    EXPECT_EQ(labelType->enumValues.size(), 5u);
    EXPECT_NE(labelType->enumValue(u"PREDICTION"), nullptr);

    const TypeDef* where = schema.type(u"AssetWhere");
    ASSERT_NE(where, nullptr);
    EXPECT_EQ(where->kind, TypeKind::InputObject);
    EXPECT_EQ(where->inputField(u"label")->type.toString(), QStringLiteral("LabelWhere"));

    const FieldDef* me = schema.queryType()->field(u"me");
    ASSERT_NE(me, nullptr);
    EXPECT_TRUE(me->isDeprecated);
    EXPECT_EQ(me->deprecationReason, QStringLiteral("Use viewer."));
    EXPECT_FALSE(schema.queryType()->field(u"viewer")->isDeprecated);

    EXPECT_NE(schema.directive(u"deprecated"), nullptr);
    EXPECT_NE(schema.directive(u"skip"), nullptr);
    EXPECT_NE(schema.type(u"__Schema"), nullptr);
}

TEST(Schema, ProvidesMetaFields) {
    const Schema& schema = kiliSchema();
    const TypeDef& asset = *schema.type(u"Asset");
    ASSERT_NE(schema.field(asset, u"__typename"), nullptr);
    EXPECT_EQ(schema.field(asset, u"__schema"), nullptr);
    ASSERT_NE(schema.field(*schema.queryType(), u"__schema"), nullptr);
    ASSERT_NE(schema.field(*schema.queryType(), u"__type"), nullptr);
    EXPECT_EQ(schema.field(*schema.type(u"AssetWhere"), u"__typename"), nullptr);
}

TEST(Schema, ReadsDescriptionsAndDefaultRoots) {
    QString error;
    const Schema schema = Schema::fromSdl(QStringLiteral(R"(
        """The root"""
        type Query { "Say hello" hello(name: String = "you"): String }
        scalar Url @specifiedBy(url: "https://url.spec.whatwg.org/")
    )"),
                                          &error);
    ASSERT_TRUE(schema.isValid()) << error.toStdString();
    EXPECT_EQ(schema.queryType()->description, QStringLiteral("The root"));
    const FieldDef* hello = schema.queryType()->field(u"hello");
    EXPECT_EQ(hello->description, QStringLiteral("Say hello"));
    ASSERT_TRUE(hello->argument(u"name")->defaultValue.has_value());
    EXPECT_EQ(ast::printValue(*hello->argument(u"name")->defaultValue), QStringLiteral("\"you\""));
    EXPECT_EQ(schema.type(u"Url")->specifiedByUrl, QStringLiteral("https://url.spec.whatwg.org/"));
}

TEST(Schema, ExplainsInvalidSdl) {
    EXPECT_EQ(buildError("type Query { a: Assett }"), "Unknown type \"Assett\".");
    EXPECT_EQ(buildError("type Query { a: Int } type Query { b: Int }"),
              "1:23: There can be only one type named \"Query\".");
    EXPECT_EQ(buildError("type Mutation { a: Int }"), "Query root type must be provided.");
    EXPECT_EQ(buildError("type Query { a(w: Query): Int }"),
              "The type of Query.a(w:) must be Input Type but got: Query.");
    EXPECT_EQ(buildError("input W { a: Int } type Query { a: W }"),
              "The type of Query.a must be Output Type but got: W.");
    EXPECT_EQ(buildError("type Query { a: Int"), "1:20: Syntax Error: Expected Name, found <EOF>.");
    EXPECT_EQ(buildError("type Query { a: Int } extend type Query { b: Int }"),
              "1:30: Type system extensions (\"extend\") are not supported; write the complete "
              "definition of \"Query\" instead.");
    EXPECT_EQ(buildError("type __Query { a: Int }"),
              "1:1: Name \"__Query\" must not begin with \"__\", which is reserved by GraphQL "
              "introspection.");
    EXPECT_EQ(buildError("enum E type Query { a: E }"),
              "Enum type E must define one or more values.");
    EXPECT_EQ(buildError("{ a }"),
              "The schema text contains operations or fragments; a schema may only contain type "
              "system definitions.");
}

TEST(Schema, ComparesTypesForVariablePositions) {
    const Schema& schema = kiliSchema();
    EXPECT_TRUE(schema.isTypeSubTypeOf(TypeRef::fromString(u"Int!"), TypeRef::fromString(u"Int")));
    EXPECT_FALSE(schema.isTypeSubTypeOf(TypeRef::fromString(u"Int"), TypeRef::fromString(u"Int!")));
    EXPECT_TRUE(
        schema.isTypeSubTypeOf(TypeRef::fromString(u"[ID!]!"), TypeRef::fromString(u"[ID!]")));
    EXPECT_FALSE(
        schema.isTypeSubTypeOf(TypeRef::fromString(u"[ID]"), TypeRef::fromString(u"[ID!]")));
    EXPECT_FALSE(schema.isTypeSubTypeOf(TypeRef::fromString(u"ID"), TypeRef::fromString(u"[ID]")));
}

TEST(TypeRef, PrintsAndParsesModifiers) {
    const TypeRef type =
        TypeRef::nonNull(TypeRef::listOf(TypeRef::nonNull(TypeRef(QStringLiteral("Asset")))));
    EXPECT_EQ(type.toString(), QStringLiteral("[Asset!]!"));
    EXPECT_TRUE(type.isNonNull());
    EXPECT_TRUE(type.ofType().isList());
    EXPECT_EQ(type.namedType(), QStringLiteral("Asset"));
    EXPECT_EQ(TypeRef::fromString(u"[Asset!]!"), type);
    EXPECT_FALSE(TypeRef::fromString(u"[Asset").isValid());
    EXPECT_FALSE(TypeRef::fromString(u"Asset!!").isValid());
    EXPECT_FALSE(TypeRef::fromString(u"[]").isValid());
    const QString deep = QString(100000, QLatin1Char('[')) + QStringLiteral("Int")
                         + QString(100000, QLatin1Char(']'));
    EXPECT_EQ(TypeRef::fromString(deep).depth(), 100000);
}

} // namespace
