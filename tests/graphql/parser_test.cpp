#include "graphql/lexer.h"
#include "graphql/parser.h"

#include <gtest/gtest.h>

using namespace kili::graphql;

namespace {

// The first error of parsing `source`, as "line:column message".
std::string parseError(const char* source, const ParseLimits& limits = {}) {
    const ParseResult result = parse(QByteArrayView(source), limits);
    if (result.ok()) {
        return "no error";
    }
    const GraphQLError& error = result.errors.first();
    const SourceLocation location =
        error.locations.isEmpty() ? SourceLocation{} : error.locations.first();
    return QStringLiteral("%1:%2 %3")
        .arg(location.line)
        .arg(location.column)
        .arg(error.message)
        .toStdString();
}

TEST(Parser, ParsesQueryWithVariablesAliasesAndArguments) {
    const ParseResult result = parse(QByteArrayView(R"(
        query getAssets($where: AssetWhere!, $first: PageSize = 100, $skip: Int!) {
          data: assets(where: $where, first: $first, skip: $skip) {
            id
            labels { id jsonResponse }
          }
        })"));
    ASSERT_TRUE(result.ok()) << result.errors.first().message.toStdString();
    ASSERT_EQ(result.document.operations.size(), 1u);
    const ast::OperationDefinition& operation = result.document.operations.front();
    EXPECT_EQ(operation.name, QStringLiteral("getAssets"));
    ASSERT_EQ(operation.variables.size(), 3u);
    EXPECT_EQ(operation.variables[0].type.toString(), QStringLiteral("AssetWhere!"));
    ASSERT_TRUE(operation.variables[1].defaultValue.has_value());
    EXPECT_EQ(operation.variables[1].defaultValue->text, QStringLiteral("100"));
    const ast::Selection& field = operation.selectionSet.selections.front();
    EXPECT_EQ(field.alias, QStringLiteral("data"));
    EXPECT_EQ(field.name, QStringLiteral("assets"));
    EXPECT_EQ(field.responseKey(), QStringLiteral("data"));
    ASSERT_EQ(field.arguments.size(), 3u);
    EXPECT_EQ(field.arguments[0].value.kind, ast::Value::Kind::Variable);
    EXPECT_EQ(field.selectionSet.selections.size(), 2u);
    EXPECT_EQ(field.location, (SourceLocation{3, 11}));
}

TEST(Parser, ParsesEveryValueKind) {
    const ParseResult result = parse(QByteArrayView(
        R"({ f(a: 1, b: -2.5e3, c: "s\u00e9\n", d: """  block
             text """, e: true, f: null, g: ENUM, h: [1, [2]], i: {x: {y: $v}}) })"));
    ASSERT_TRUE(result.ok()) << result.errors.first().message.toStdString();
    const auto& arguments =
        result.document.operations.front().selectionSet.selections.front().arguments;
    ASSERT_EQ(arguments.size(), 9u);
    EXPECT_EQ(arguments[0].value.kind, ast::Value::Kind::Int);
    EXPECT_EQ(arguments[1].value.kind, ast::Value::Kind::Float);
    EXPECT_EQ(arguments[1].value.text, QStringLiteral("-2.5e3"));
    EXPECT_EQ(arguments[2].value.text, QString::fromUtf8("s\xc3\xa9\n"));
    // The first line keeps its indentation, as in graphql-js.
    EXPECT_EQ(arguments[3].value.text, QStringLiteral("  block\ntext "));
    EXPECT_TRUE(arguments[3].value.isBlockString);
    EXPECT_TRUE(arguments[4].value.boolean);
    EXPECT_EQ(arguments[5].value.kind, ast::Value::Kind::Null);
    EXPECT_EQ(arguments[6].value.kind, ast::Value::Kind::Enum);
    EXPECT_EQ(ast::printValue(arguments[7].value), QStringLiteral("[1, [2]]"));
    EXPECT_EQ(ast::printValue(arguments[8].value), QStringLiteral("{x: {y: $v}}"));
}

TEST(Parser, ParsesFragmentsInlineFragmentsAndDirectives) {
    const ParseResult result = parse(QByteArrayView(R"(
        query q($skipIt: Boolean!) {
          viewer { ...userFields @include(if: true) ... on User { email } ... @skip(if: $skipIt) { id } }
        }
        fragment userFields on User { id firstname })"));
    ASSERT_TRUE(result.ok()) << result.errors.first().message.toStdString();
    ASSERT_EQ(result.document.fragments.size(), 1u);
    EXPECT_EQ(result.document.fragments.front().typeCondition, QStringLiteral("User"));
    const auto& selections =
        result.document.operations.front().selectionSet.selections.front().selectionSet.selections;
    ASSERT_EQ(selections.size(), 3u);
    EXPECT_EQ(selections[0].kind, ast::Selection::Kind::FragmentSpread);
    EXPECT_EQ(selections[0].directives.front().name, QStringLiteral("include"));
    EXPECT_EQ(selections[1].kind, ast::Selection::Kind::InlineFragment);
    EXPECT_EQ(selections[1].typeCondition, QStringLiteral("User"));
    EXPECT_EQ(selections[2].kind, ast::Selection::Kind::InlineFragment);
    EXPECT_TRUE(selections[2].typeCondition.isEmpty());
}

TEST(Parser, ParsesTypeSystemDefinitions) {
    const ParseResult result = parse(QByteArrayView(R"(
        "A described scalar" scalar PageSize
        enum LabelType { DEFAULT PREDICTION @deprecated(reason: "x") }
        input Where { id: ID = "a", ids: [ID!] }
        """
        Block description
        """
        type Query implements Node & Other { me(x: Int = 3): User @deprecated }
        union U = | A | B
        directive @cached(ttl: Int) repeatable on FIELD | QUERY
        schema { query: Query mutation: Mutation })"));
    ASSERT_TRUE(result.ok()) << result.errors.first().message.toStdString();
    const auto& definitions = result.document.typeDefinitions;
    ASSERT_EQ(definitions.size(), 7u);
    EXPECT_EQ(definitions[0].description, QStringLiteral("A described scalar"));
    EXPECT_EQ(definitions[1].enumValues.size(), 2u);
    EXPECT_EQ(definitions[2].inputValues[1].type.toString(), QStringLiteral("[ID!]"));
    EXPECT_EQ(definitions[3].description, QStringLiteral("Block description"));
    EXPECT_EQ(definitions[3].interfaces,
              (QStringList{QStringLiteral("Node"), QStringLiteral("Other")}));
    EXPECT_EQ(definitions[4].unionMembers.size(), 2);
    EXPECT_TRUE(definitions[5].repeatable);
    EXPECT_EQ(definitions[5].directiveLocations.size(), 2);
    EXPECT_EQ(definitions[6].rootTypes.size(), 2u);
}

TEST(Parser, SyntaxErrorsMatchGraphqlJs) {
    EXPECT_EQ(parseError("{ viewer { id }"), "1:16 Syntax Error: Expected Name, found <EOF>.");
    EXPECT_EQ(parseError("query getUser($id: ID!) {"),
              "1:26 Syntax Error: Expected Name, found <EOF>.");
    EXPECT_EQ(parseError(""), "1:1 Syntax Error: Unexpected <EOF>.");
    EXPECT_EQ(parseError("{ f(a: ) }"), "1:8 Syntax Error: Unexpected \")\".");
    EXPECT_EQ(parseError("query { a }\n  notAKeyword"),
              "2:3 Syntax Error: Unexpected Name \"notAKeyword\".");
    EXPECT_EQ(parseError("{ ...on }"), "1:9 Syntax Error: Expected Name, found \"}\".");
    EXPECT_EQ(parseError("fragment on on User { id }"),
              "1:10 Syntax Error: Unexpected Name \"on\".");
    EXPECT_EQ(parseError("query ($a: Int = $b) { a }"),
              "1:19 Syntax Error: Unexpected variable \"$b\" in constant value.");
    EXPECT_EQ(parseError("\"desc\" query { a }"),
              "1:1 Syntax Error: Unexpected description, descriptions are supported only on type "
              "definitions.");
    EXPECT_EQ(parseError("enum E { true }"),
              "1:10 Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.");
    EXPECT_EQ(parseError("{ a(x: 1) b() }"), "1:13 Syntax Error: Expected Name, found \")\".");
}

TEST(Parser, LexicalErrorsMatchGraphqlJs) {
    EXPECT_EQ(parseError("{ a(x: 'b') }"),
              "1:8 Syntax Error: Unexpected single quote character ('), did you mean to use a "
              "double quote (\")?");
    EXPECT_EQ(parseError("{ a(x: \"b) }"), "1:13 Syntax Error: Unterminated string.");
    EXPECT_EQ(parseError("{ a(x: \"b\nc\") }"), "1:10 Syntax Error: Unterminated string.");
    EXPECT_EQ(parseError("{ a(x: \"\\q\") }"),
              "1:9 Syntax Error: Invalid character escape sequence: \"\\q\".");
    EXPECT_EQ(parseError("{ a(x: \"\\u12G4\") }"),
              "1:9 Syntax Error: Invalid Unicode escape sequence: \"\\u12G4\".");
    EXPECT_EQ(parseError("{ a(x: 01) }"),
              "1:9 Syntax Error: Invalid number, unexpected digit after 0: \"1\".");
    EXPECT_EQ(parseError("{ a(x: 1.) }"),
              "1:10 Syntax Error: Invalid number, expected digit but got: \")\".");
    EXPECT_EQ(parseError("{ a(x: 12abc) }"),
              "1:10 Syntax Error: Invalid number, expected digit but got: \"a\".");
    EXPECT_EQ(parseError("{ a ? }"), "1:5 Syntax Error: Unexpected character: \"?\".");
    EXPECT_EQ(parseError("{ a .. }"), "1:5 Syntax Error: Unexpected character: \".\".");
    EXPECT_EQ(parseError("{ a \x07 }"), "1:5 Syntax Error: Unexpected character: U+0007.");
    EXPECT_EQ(parseError("\n\r\n  # comment\n   {"),
              "4:5 Syntax Error: Expected Name, found <EOF>.");
    EXPECT_EQ(parseError("{ a(x: \"\"\"\n\n  unterminated"),
              "3:15 Syntax Error: Unterminated string.");
}

TEST(Parser, ColumnsCountUtf16CodeUnitsLikeGraphqlJs) {
    // "é" is two bytes in UTF-8 but one UTF-16 unit; the emoji is two units.
    EXPECT_EQ(parseError("{ a(x: \"\xc3\xa9\xf0\x9f\x98\x80\") ? }"),
              "1:15 Syntax Error: Unexpected character: \"?\".");
}

TEST(Parser, BlockStringsAreDedented) {
    EXPECT_EQ(blockStringValue(u"\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "),
              QStringLiteral("Hello,\n  World!\n\nYours,\n  GraphQL."));
    EXPECT_EQ(blockStringValue(u"  \n  \n"), QString());
}

TEST(Parser, RefusesDocumentsBeyondTheLimits) {
    ParseLimits limits;
    limits.maxBytes = 10;
    EXPECT_EQ(parseError("{ viewer { id } }", limits),
              "0:0 Syntax Error: Document is 17 bytes long, more than the limit of 10. Send a "
              "smaller document.");

    limits = {};
    limits.maxTokens = 4;
    EXPECT_EQ(parseError("{ a b c d }", limits),
              "1:11 Syntax Error: Document contains more than 4 tokens. Parsing aborted.");

    limits = {};
    limits.maxDepth = 3;
    EXPECT_EQ(parseError("{ a { b { c } } }", limits), "no error");
    EXPECT_EQ(parseError("{ a { b { c { d } } } }", limits),
              "1:13 Syntax Error: Document nests deeper than 3 levels (selection sets, lists, "
              "objects and list types). Parsing aborted.");
    EXPECT_EQ(parseError("{ a(x: [[[[1]]]]) }", limits).substr(0, 36),
              "1:10 Syntax Error: Document nests de");
}

TEST(Parser, HostileNestingDoesNotOverflowTheStack) {
    // 200 000 nested lists: far deeper than any stack could recurse.
    const QByteArray hostile =
        "{ a(x: " + QByteArray(200000, '[') + QByteArray(200000, ']') + ") }";
    ParseLimits limits;
    limits.maxBytes = 1 << 20;
    limits.maxTokens = 1 << 20;
    const ParseResult result = parse(QByteArrayView(hostile), limits);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.errors.first().message.contains(QStringLiteral("nests deeper than 64")));

    const QByteArray selections = QByteArray(100000, '{') + QByteArray(100000, '}');
    EXPECT_FALSE(parse(QByteArrayView(selections), limits).ok());
}

TEST(Parser, ParsesConstantValuesAlone) {
    QString error;
    const std::optional<ast::Value> value = parseConstValue(u"{first: 10, where: [A]}", &error);
    ASSERT_TRUE(value.has_value()) << error.toStdString();
    EXPECT_EQ(ast::printValue(*value), QStringLiteral("{first: 10, where: [A]}"));
    EXPECT_FALSE(parseConstValue(u"$v", &error).has_value());
    EXPECT_EQ(error, QStringLiteral("Syntax Error: Unexpected variable \"$v\" in constant value."));
}

} // namespace
