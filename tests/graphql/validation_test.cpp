// A conformance test per validation rule of the specification, on the Kili schema (and a small
// schema with interfaces and unions where the rule is about abstract types). Messages are
// graphql-js's.
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "test_schema.h"

#include <gtest/gtest.h>

using namespace kili::graphql;
using kili::graphql::testing::kiliSchema;

namespace {

const Schema& petSchema() {
    static const Schema schema = [] {
        QString error;
        Schema built = Schema::fromSdl(QStringLiteral(R"(
            interface Pet { name: String }
            type Dog implements Pet { name: String barks: Boolean nickname: String }
            type Cat implements Pet { name: String meows: Boolean }
            union CatOrDog = Cat | Dog
            type Human { name: String pets: [Pet] }
            type Query { pet: Pet human: Human catOrDog: CatOrDog dog: Dog }
        )"),
                                       &error);
        EXPECT_TRUE(built.isValid()) << error.toStdString();
        return built;
    }();
    return schema;
}

// "message (line:column, line:column)" for every error.
std::vector<std::string> errorsOf(const char* source, const Schema& schema = kiliSchema()) {
    const ParseResult parsed = parse(QByteArrayView(source));
    if (!parsed.ok()) {
        return {"parse failed: " + parsed.errors.first().message.toStdString()};
    }
    std::vector<std::string> result;
    for (const GraphQLError& error : validate(schema, parsed.document)) {
        QStringList locations;
        for (const SourceLocation& location : error.locations) {
            locations.append(QStringLiteral("%1:%2").arg(location.line).arg(location.column));
        }
        const QString text = error.message + QLatin1String(" (")
                             + locations.join(QLatin1String(", ")) + QLatin1Char(')');
        result.push_back(text.toStdString());
    }
    return result;
}

using Errors = std::vector<std::string>;

TEST(Validation, AcceptsRealisticClientDocuments) {
    EXPECT_EQ(errorsOf(R"(
        query getAssets($where: AssetWhere!, $first: PageSize!, $skip: Int!) {
          data: assets(where: $where, first: $first, skip: $skip) {
            id externalId content jsonMetadata status createdAt
            labels { ...label }
            latestLabel { ...label author { email } }
          }
        }
        fragment label on Label { id labelType jsonResponse modelName author { id email } createdAt })"),
              Errors{});
    EXPECT_EQ(errorsOf(R"(
        mutation appendManyLabels($data: AppendManyLabelsData!, $where: AssetWhere!) {
          data: appendManyLabels(data: $data, where: $where) { id }
        })"),
              Errors{});
    EXPECT_EQ(
        errorsOf(R"({ __schema { types { name } } __type(name: "Asset") { name } __typename })"),
        Errors{});
}

TEST(Validation, ExecutableDefinitions) {
    EXPECT_EQ(errorsOf("{ viewer { id } } type Foo { a: Int } schema { query: Query }"),
              (Errors{R"(The "Foo" definition is not executable. (1:19))",
                      "The schema definition is not executable. (1:39)"}));
}

TEST(Validation, UniqueOperationNames) {
    EXPECT_EQ(errorsOf("query a { viewer { id } } query b { viewer { id } }"), Errors{});
    EXPECT_EQ(errorsOf("query a { viewer { id } } mutation a { deleteLabels(ids: []) }"),
              Errors{R"(There can be only one operation named "a". (1:1, 1:27))"});
}

TEST(Validation, LoneAnonymousOperation) {
    EXPECT_EQ(errorsOf("{ viewer { id } }"), Errors{});
    EXPECT_EQ(errorsOf("{ viewer { id } } query b { viewer { id } }"),
              Errors{"This anonymous operation must be the only defined operation. (1:1)"});
}

TEST(Validation, FieldsOnCorrectType) {
    EXPECT_EQ(errorsOf("{ viewer { email } }"), Errors{});
    EXPECT_EQ(errorsOf("{ viewer { emial } }"),
              Errors{R"(Cannot query field "emial" on type "User". Did you mean "email"? (1:12))"});
    EXPECT_EQ(
        errorsOf("{ project { id } }"),
        Errors{
            R"(Cannot query field "project" on type "Query". Did you mean "projects" or "getProject"? (1:3))"});
    EXPECT_EQ(errorsOf("{ viewer { zzzzzz } }"),
              Errors{R"(Cannot query field "zzzzzz" on type "User". (1:12))"});
}

TEST(Validation, LeafFieldSelections) {
    EXPECT_EQ(
        errorsOf("{ viewer }"),
        Errors{
            R"(Field "viewer" of type "User" must have a selection of subfields. Did you mean "viewer { ... }"? (1:3))"});
    EXPECT_EQ(
        errorsOf("{ viewer { id { x } } }"),
        Errors{
            R"(Field "id" must not have a selection since type "ID!" has no subfields. (1:15))"});
}

TEST(Validation, KnownArgumentNames) {
    EXPECT_EQ(errorsOf("{ countAssets(where: {}, firts: 1) }"),
              Errors{R"(Unknown argument "firts" on field "Query.countAssets". (1:26))"});
    EXPECT_EQ(
        errorsOf("{ countAssets(wher: {}, where: {}) }"),
        Errors{
            R"(Unknown argument "wher" on field "Query.countAssets". Did you mean "where"? (1:15))"});
    EXPECT_EQ(errorsOf("{ viewer @skip(iff: true, if: true) { id } }"),
              Errors{R"(Unknown argument "iff" on directive "@skip". Did you mean "if"? (1:16))"});
}

TEST(Validation, UniqueArgumentNames) {
    EXPECT_EQ(errorsOf("{ countAssets(where: {}, where: {}) }"),
              Errors{R"(There can be only one argument named "where". (1:15, 1:26))"});
}

TEST(Validation, ProvidedRequiredArguments) {
    EXPECT_EQ(errorsOf("{ countProjects(where: {}) }"), Errors{});
    EXPECT_EQ(
        errorsOf("{ countProjects }"),
        Errors{
            R"(Field "countProjects" argument "where" of type "ProjectWhere!" is required, but it was not provided. (1:3))"});
    EXPECT_EQ(
        errorsOf("{ viewer @include { id } }"),
        Errors{
            R"(Directive "@include" argument "if" of type "Boolean!" is required, but it was not provided. (1:10))"});
}

TEST(Validation, ValuesOfCorrectType) {
    EXPECT_EQ(errorsOf(R"({ assets(where: {idIn: "one", statusIn: TODO, metadata: {a: [1, "x"]}},
                                first: 10, skip: 0) { id } })"),
              Errors{})
        << "single values coerce to lists; JSON takes any literal";
    EXPECT_EQ(errorsOf(R"({ assets(where: {}, first: "10", skip: 1.5) { id } })"),
              (Errors{"Bad type of input PageSize, expected type integer, got type string. (1:28)",
                      "Int cannot represent non-integer value: 1.5 (1:40)"}));
    EXPECT_EQ(errorsOf(R"({ assets(where: {}, first: {}, skip: 0) { id } })"),
              Errors{"Bad type of input PageSize, expected type integer, got type object. (1:28)"});
    EXPECT_EQ(
        errorsOf(R"({ countAssets(where: {statusIn: [TODO, LABELLED]}) })"),
        Errors{
            R"(Value "LABELLED" does not exist in "Status" enum. Did you mean the enum value "LABELED"? (1:40))"});
    EXPECT_EQ(
        errorsOf(R"({ countAssets(where: {statusIn: ["TODO"]}) })"),
        Errors{
            R"(Enum "Status" cannot represent non-enum value: "TODO". Did you mean the enum value "TODO"? (1:34))"});
    EXPECT_EQ(
        errorsOf(R"({ countAssets(where: {projectt: {id: "p"}}) })"),
        Errors{
            R"(Field "projectt" is not defined by type "AssetWhere". Did you mean "project"? (1:23))"});
    EXPECT_EQ(errorsOf(R"({ countAssets(where: null) })"),
              Errors{R"(Expected value of type "AssetWhere!", found null. (1:22))"});
    EXPECT_EQ(errorsOf(R"({ countAssets(where: "p1") })"),
              Errors{R"(Expected value of type "AssetWhere!", found "p1". (1:22))"});
    EXPECT_EQ(
        errorsOf(R"(mutation { appendManyLabels(data: {labelsData: []}, where: {}) { id } })"),
        Errors{
            R"(Field "AppendManyLabelsData.labelType" of required type "LabelType!" was not provided. (1:35))"});
    EXPECT_EQ(errorsOf(R"({ countAssets(where: {skipped: 1}) })"),
              Errors{"Boolean cannot represent a non boolean value: 1 (1:32)"});
    EXPECT_EQ(errorsOf(R"({ countAssets(where: {id: 1.5}) })"),
              Errors{"ID cannot represent a non-string and non-integer value: 1.5 (1:27)"});
    EXPECT_EQ(errorsOf(R"(query q($w: AssetWhere = {skipped: "no"}) { countAssets(where: $w) })"),
              Errors{R"(Boolean cannot represent a non boolean value: "no" (1:36))"});
}

TEST(Validation, UniqueInputFieldNames) {
    EXPECT_EQ(errorsOf(R"({ countAssets(where: {id: "a", id: "b"}) })"),
              Errors{R"(There can be only one input field named "id". (1:23, 1:32))"});
}

TEST(Validation, VariablesAreDefinedUsedAndUnique) {
    EXPECT_EQ(errorsOf("query q($w: AssetWhere!) { countAssets(where: $w) }"), Errors{});
    EXPECT_EQ(errorsOf("query q { countAssets(where: $w) }"),
              Errors{R"(Variable "$w" is not defined by operation "q". (1:30, 1:1))"});
    EXPECT_EQ(errorsOf("{ countAssets(where: {id: $id}) }"),
              Errors{R"(Variable "$id" is not defined. (1:27, 1:1))"});
    EXPECT_EQ(errorsOf("query q($w: AssetWhere!, $unused: Int) { countAssets(where: $w) }"),
              Errors{R"(Variable "$unused" is never used in operation "q". (1:26))"});
    EXPECT_EQ(errorsOf("query q($w: AssetWhere!, $w: AssetWhere!) { countAssets(where: $w) }"),
              Errors{R"(There can be only one variable named "$w". (1:9, 1:26))"});
    EXPECT_EQ(
        errorsOf(R"(query q($id: ID) { viewer { ...f } } fragment f on User { id @skip(if: $flag) }
                          )"),
        (Errors{R"(Variable "$flag" is not defined by operation "q". (1:72, 1:1))",
                R"(Variable "$id" is never used in operation "q". (1:9))"}));
}

TEST(Validation, VariablesAreInputTypesAndKnownTypes) {
    EXPECT_EQ(errorsOf("query q($w: Asset) { viewer { id } }"),
              (Errors{R"(Variable "$w" cannot be non-input type "Asset". (1:13))",
                      R"(Variable "$w" is never used in operation "q". (1:9))"}));
    EXPECT_EQ(
        errorsOf("query q($w: AssetWher!) { countAssets(where: $w) }"),
        Errors{
            R"(Unknown type "AssetWher". Did you mean "AssetWhere", "Asset", "IssueWhere", or "UserWhere"? (1:13))"});
    EXPECT_EQ(errorsOf("{ viewer { ... on Usr { id } } }"),
              Errors{R"(Unknown type "Usr". Did you mean "User"? (1:12))"});
}

TEST(Validation, VariablesInAllowedPosition) {
    EXPECT_EQ(
        errorsOf("query q($w: AssetWhere) { countAssets(where: $w) }"),
        Errors{
            R"(Variable "$w" of type "AssetWhere" used in position expecting type "AssetWhere!". (1:9, 1:46))"});
    EXPECT_EQ(errorsOf("query q($w: AssetWhere = {}) { countAssets(where: $w) }"), Errors{})
        << "a non-null default value allows a nullable variable";
    EXPECT_EQ(
        errorsOf("query q($f: Int!) { assets(where: {}, first: $f, skip: 0) { id } }"),
        Errors{
            R"(Variable "$f" of type "Int!" used in position expecting type "PageSize!". (1:9, 1:46))"});
    EXPECT_EQ(errorsOf("query q($id: ID!) { countAssets(where: {idIn: [$id]}) }"), Errors{});
    EXPECT_EQ(
        errorsOf("query q($ids: [ID]) { countAssets(where: {idIn: $ids}) }"),
        Errors{
            R"(Variable "$ids" of type "[ID]" used in position expecting type "[ID!]". (1:9, 1:49))"});
    EXPECT_EQ(
        errorsOf("query q($b: Boolean) { viewer @skip(if: $b) { id } }"),
        Errors{
            R"(Variable "$b" of type "Boolean" used in position expecting type "Boolean!". (1:9, 1:41))"});
}

TEST(Validation, FragmentNamesAndUse) {
    EXPECT_EQ(
        errorsOf("{ viewer { ...f } } fragment f on User { id } fragment f on User { email }"),
        Errors{R"(There can be only one fragment named "f". (1:21, 1:47))"});
    EXPECT_EQ(errorsOf("{ viewer { ...g } }"), Errors{R"(Unknown fragment "g". (1:12))"});
    EXPECT_EQ(errorsOf("{ viewer { id } } fragment f on User { id }"),
              Errors{R"(Fragment "f" is never used. (1:19))"});
}

TEST(Validation, NoFragmentCycles) {
    EXPECT_EQ(errorsOf("{ viewer { ...a } } fragment a on User { ...a }"),
              Errors{R"(Cannot spread fragment "a" within itself. (1:42))"});
    EXPECT_EQ(
        errorsOf("{ viewer { ...a } } fragment a on User { ...b } fragment b on User { "
                 "organization { id } ...c } fragment c on User { ...a }"),
        Errors{R"(Cannot spread fragment "a" within itself via "b", "c". (1:42, 1:90, 1:118))"});
}

TEST(Validation, FragmentsOnCompositeTypes) {
    EXPECT_EQ(errorsOf("{ viewer { ...f } } fragment f on String { id }"),
              Errors{R"(Fragment "f" cannot condition on non composite type "String". (1:35))"});
    EXPECT_EQ(errorsOf("{ viewer { ... on Boolean { id } } }"),
              Errors{R"(Fragment cannot condition on non composite type "Boolean". (1:12))"});
}

TEST(Validation, PossibleFragmentSpreads) {
    const Schema& pets = petSchema();
    EXPECT_EQ(errorsOf("{ pet { ... on Dog { barks } ... on Cat { meows } } catOrDog { ... on Pet "
                       "{ name } } }",
                       pets),
              Errors{});
    EXPECT_EQ(
        errorsOf("{ dog { ... on Cat { meows } } }", pets),
        Errors{
            R"(Fragment cannot be spread here as objects of type "Dog" can never be of type "Cat". (1:9))"});
    EXPECT_EQ(
        errorsOf("{ human { ...dogFields } } fragment dogFields on Dog { barks }", pets),
        Errors{
            R"(Fragment "dogFields" cannot be spread here as objects of type "Human" can never be of type "Dog". (1:11))"});
    EXPECT_EQ(
        errorsOf("{ viewer { ... on Project { id } } }"),
        Errors{
            R"(Fragment cannot be spread here as objects of type "User" can never be of type "Project". (1:12))"});
}

TEST(Validation, KnownAndUniqueDirectives) {
    EXPECT_EQ(errorsOf("{ viewer @cached { id } }"),
              Errors{R"(Unknown directive "@cached". (1:10))"});
    EXPECT_EQ(errorsOf("query q @skip(if: true) { viewer { id } }"),
              Errors{R"(Directive "@skip" may not be used on QUERY. (1:9))"});
    EXPECT_EQ(errorsOf("{ viewer { id @deprecated } }"),
              Errors{R"(Directive "@deprecated" may not be used on FIELD. (1:15))"});
    EXPECT_EQ(
        errorsOf("{ viewer @skip(if: false) @skip(if: true) { id } }"),
        Errors{R"(The directive "@skip" can only be used once at this location. (1:10, 1:27))"});
    EXPECT_EQ(errorsOf("{ viewer @skip(if: false) @include(if: true) { id } }"), Errors{});
}

TEST(Validation, OverlappingFieldsCanBeMerged) {
    EXPECT_EQ(errorsOf("{ viewer { id id email: email } }"), Errors{});
    EXPECT_EQ(
        errorsOf("{ viewer { id: email id } }"),
        Errors{
            R"(Fields "id" conflict because "email" and "id" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:12, 1:22))"});
    EXPECT_EQ(
        errorsOf("{ data: countAssets(where: {}) data: countAssets(where: {id: \"a\"}) }"),
        Errors{
            R"(Fields "data" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional. (1:3, 1:32))"});
    EXPECT_EQ(
        errorsOf("{ viewer { organization { x: id } } viewer { organization { x: name } } }"),
        Errors{
            R"(Fields "viewer" conflict because subfields "organization" conflict because subfields "x" conflict because "id" and "name" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:3, 1:12, 1:27, 1:37, 1:46, 1:61))"});
    EXPECT_EQ(
        errorsOf("{ viewer { ...a ...b } } fragment a on User { n: email } fragment b on User { n: "
                 "firstname }"),
        Errors{
            R"(Fields "n" conflict because "email" and "firstname" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:47, 1:79))"});
    const Schema& pets = petSchema();
    EXPECT_EQ(errorsOf("{ pet { ... on Dog { x: barks } ... on Cat { x: meows } } }", pets),
              Errors{})
        << "Dog and Cat exclude each other and both return Boolean";
    EXPECT_EQ(
        errorsOf("{ pet { ... on Dog { x: nickname } ... on Cat { x: meows } } }", pets),
        Errors{
            R"(Fields "x" conflict because they return conflicting types "String" and "Boolean". Use different aliases on the fields to fetch both if this was intentional. (1:22, 1:49))"});
}

TEST(Validation, OperationTypesTheSchemaDoesNotSupport) {
    EXPECT_EQ(errorsOf("subscription s { viewer { id } }"),
              Errors{"Schema is not configured to execute subscription operation. (1:1)"});
}

TEST(Validation, SingleFieldSubscriptions) {
    QString error;
    const Schema schema = Schema::fromSdl(
        QStringLiteral("type Query { a: Int } type Subscription { labelAdded: ID assetAdded: ID }"),
        &error);
    ASSERT_TRUE(schema.isValid()) << error.toStdString();
    EXPECT_EQ(errorsOf("subscription s { labelAdded }", schema), Errors{});
    EXPECT_EQ(errorsOf("subscription s { labelAdded ... on Subscription { assetAdded } }", schema),
              Errors{R"(Subscription "s" must select only one top level field. (1:1))"});
    EXPECT_EQ(errorsOf("subscription { __typename }", schema),
              Errors{"Anonymous Subscription must not select an introspection top level field. "
                     "(1:16)"});
}

TEST(Validation, DeepFragmentChainsAreRefusedWithoutDeepRecursion) {
    // 3000 fragments, each nesting one field deeper: small to parse, deep once expanded.
    QByteArray document = "{ labels(where: {}, first: 1, skip: 0) { ...f0 } }\n";
    for (int i = 0; i < 3000; ++i) {
        document += "fragment f" + QByteArray::number(i) + " on Label { id referencedLabel { ...f"
                    + QByteArray::number(i + 1) + " } }\n";
    }
    document += "fragment f3000 on Label { id }\n";
    ParseLimits limits;
    limits.maxBytes = 1 << 22;
    limits.maxTokens = 1 << 20;
    const ParseResult parsed = parse(QByteArrayView(document), limits);
    ASSERT_TRUE(parsed.ok());
    const QList<GraphQLError> errors = validate(kiliSchema(), parsed.document);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().message,
              QStringLiteral("The operation nests fields deeper than 64 levels once fragments are "
                             "expanded; send a shallower document."));
}

TEST(Validation, ManyIdenticalFieldsFromFragmentsAreCheapToMerge) {
    QByteArray document = "{ viewer { ...f0 } }\n";
    for (int i = 0; i < 1500; ++i) {
        document += "fragment f" + QByteArray::number(i)
                    + " on User { organization { id } ... on User { ...f"
                    + QByteArray::number(i + 1) + " } }\n";
    }
    document += "fragment f1500 on User { id }\n";
    ParseLimits limits;
    limits.maxBytes = 1 << 22;
    limits.maxTokens = 1 << 20;
    const ParseResult parsed = parse(QByteArrayView(document), limits);
    ASSERT_TRUE(parsed.ok());
    const QList<GraphQLError> errors = validate(kiliSchema(), parsed.document);
    ASSERT_FALSE(errors.isEmpty()) << "expanding 1500 nested fragments everywhere is refused";
    EXPECT_TRUE(errors.first().message.startsWith(QStringLiteral("The document is too complex")))
        << errors.first().message.toStdString();
}

TEST(Validation, LongFragmentCyclesAreReportedIteratively) {
    QByteArray document = "{ viewer { ...f0 } }\n";
    for (int i = 0; i < 5000; ++i) {
        document += "fragment f" + QByteArray::number(i) + " on User { ...f"
                    + QByteArray::number((i + 1) % 5000) + " }\n";
    }
    ParseLimits limits;
    limits.maxBytes = 1 << 22;
    limits.maxTokens = 1 << 20;
    const ParseResult parsed = parse(QByteArrayView(document), limits);
    ASSERT_TRUE(parsed.ok());
    const QList<GraphQLError> errors = validate(kiliSchema(), parsed.document);
    ASSERT_FALSE(errors.isEmpty());
    EXPECT_TRUE(errors.first().message.startsWith(
        QStringLiteral("Cannot spread fragment \"f0\" within itself via \"f1\", \"f2\",")));
}

TEST(Validation, StopsAfterTheErrorLimit) {
    QByteArray document = "{ viewer {";
    for (int i = 0; i < 500; ++i) {
        document += " nope" + QByteArray::number(i);
    }
    document += " } }";
    const ParseResult parsed = parse(QByteArrayView(document));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(validate(kiliSchema(), parsed.document).size(), 100);
}

} // namespace
