#include "graphql/executor.h"
#include "graphql/parser.h"
#include "test_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace kili::graphql;
using kili::graphql::testing::kiliSchema;

namespace {

QJsonObject json(const char* text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << text;
    return document.object();
}

std::string compact(const QJsonValue& value) {
    if (value.isObject()) {
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact).toStdString();
    }
    if (value.isArray()) {
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact).toStdString();
    }
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).toStdString();
}

class ExecutorTest : public ::testing::Test {
protected:
    ExecutorTest()
        : executor(kiliSchema()) {
        executor.setResolver(QStringLiteral("Query"), QStringLiteral("viewer"),
                             [](const FieldContext&) {
                                 return ResolveResult{json(R"({"id": "u1", "email": "ada@kili.test",
                                                              "firstname": "Ada"})"),
                                                      {}};
                             });
        executor.setResolver(QStringLiteral("Query"), QStringLiteral("assets"),
                             [this](const FieldContext& field) {
                                 lastArguments = field.arguments;
                                 lastSelection = field.selectedFields;
                                 lastPath = field.path;
                                 lastContext = field.context;
                                 return ResolveResult{assets, {}};
                             });
        executor.setResolver(QStringLiteral("Query"), QStringLiteral("countAssets"),
                             [this](const FieldContext& field) {
                                 lastArguments = field.arguments;
                                 return ResolveResult{QJsonValue(42), {}};
                             });
        executor.setResolver(QStringLiteral("Query"), QStringLiteral("projects"),
                             [](const FieldContext&) {
                                 return ResolveResult::fromError(
                                     QStringLiteral("[accessDenied] Access denied."),
                                     QJsonObject{{QStringLiteral("code"), QStringLiteral("401")}});
                             });
        executor.setResolver(QStringLiteral("Mutation"), QStringLiteral("appendManyLabels"),
                             [this](const FieldContext& field) {
                                 lastArguments = field.arguments;
                                 return ResolveResult{QJsonArray{}, {}};
                             });
        executor.setResolver(
            QStringLiteral("Asset"), QStringLiteral("priority"), [](const FieldContext& field) {
                return ResolveResult{field.parent.toObject().value(QStringLiteral("rank")), {}};
            });
    }

    QJsonObject run(const char* query, const char* variables = "{}",
                    const QString& operationName = {}) {
        const ParseResult parsed = parse(QByteArrayView(query));
        EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? ""
                                                 : parsed.errors.first().message.toStdString());
        return executor.execute(parsed.document, operationName, json(variables), &contextMarker);
    }

    std::string firstError(const QJsonObject& response) {
        return response.value(QStringLiteral("errors"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("message"))
            .toString()
            .toStdString();
    }

    Executor executor;
    QJsonArray assets = QJsonArray{json(R"({"id": "a1", "externalId": "img-1", "rank": 3,
                                            "labels": [{"id": "l1", "labelType": "PREDICTION"}]})")};
    QJsonObject lastArguments;
    QStringList lastSelection;
    QJsonArray lastPath;
    void* lastContext = nullptr;
    int contextMarker = 0;
};

TEST_F(ExecutorTest, ResolvesAliasesTypenameAndDefaultResolvers) {
    const QJsonObject response = run("{ me: viewer { __typename id mail: email firstname } }");
    EXPECT_EQ(
        compact(response),
        R"({"data":{"me":{"__typename":"User","firstname":"Ada","id":"u1","mail":"ada@kili.test"}}})");
}

TEST_F(ExecutorTest, PassesCoercedArgumentsSelectionPathAndContext) {
    const QJsonObject response = run(R"(
        query q($where: AssetWhere!, $first: PageSize!) {
          data: assets(where: $where, first: $first, skip: 0) { id priority ...f labels { id } }
        }
        fragment f on Asset { externalId ... on Asset { status } })",
                                     R"({"where": {"project": {"id": "p1"}, "idIn": "a1",
                                                   "label": {"typeIn": ["PREDICTION"]}},
                                         "first": 10})");
    EXPECT_EQ(
        compact(response),
        R"({"data":{"data":[{"externalId":"img-1","id":"a1","labels":[{"id":"l1"}],"priority":3,"status":null}]}})");
    EXPECT_EQ(
        compact(lastArguments),
        R"({"first":10,"skip":0,"where":{"idIn":["a1"],"label":{"typeIn":["PREDICTION"]},"project":{"id":"p1"}}})");
    EXPECT_EQ(lastSelection, (QStringList{QStringLiteral("id"), QStringLiteral("priority"),
                                          QStringLiteral("labels"), QStringLiteral("externalId"),
                                          QStringLiteral("status")}));
    EXPECT_EQ(compact(lastPath), R"(["data"])");
    EXPECT_EQ(lastContext, &contextMarker);
}

TEST_F(ExecutorTest, CoercesLiteralArgumentsWithListsEnumsAndVariablesInside) {
    run(R"(query q($id: ID) { countAssets(where: {idIn: "x", statusIn: [TODO, LABELED],
                                                project: {id: $id}, label: {typeIn: PREDICTION}}) })",
        R"({"id": "p9"})");
    EXPECT_EQ(
        compact(lastArguments),
        R"({"where":{"idIn":["x"],"label":{"typeIn":["PREDICTION"]},"project":{"id":"p9"},"statusIn":["TODO","LABELED"]}})");
}

TEST_F(ExecutorTest, AppliesVariableDefaultsAndKeepsExplicitNulls) {
    run(R"(query q($first: PageSize = 25, $skip: Int = 5) {
             assets(where: {skipped: null}, first: $first, skip: $skip) { id } })");
    EXPECT_EQ(compact(lastArguments), R"({"first":25,"skip":5,"where":{"skipped":null}})");
}

TEST_F(ExecutorTest, CoercesInputObjectListsInMutations) {
    const QJsonObject response = run(
        R"(mutation append($data: AppendManyLabelsData!, $where: AssetWhere!) {
             data: appendManyLabels(data: $data, where: $where) { id } })",
        R"({"data": {"labelType": "PREDICTION", "labelsData": {"assetID": "a1", "jsonResponse": "{}",
                     "modelName": null}}, "where": {"idIn": ["a1"]}})");
    EXPECT_EQ(compact(response), R"({"data":{"data":[]}})");
    EXPECT_EQ(
        compact(lastArguments.value(QStringLiteral("data"))),
        R"({"labelType":"PREDICTION","labelsData":[{"assetID":"a1","jsonResponse":"{}","modelName":null}]})");
}

TEST_F(ExecutorTest, ReportsMissingAndInvalidVariablesLikeGraphqlJs) {
    const char* query =
        R"(query countAssets($where: AssetWhere!) { data: countAssets(where: $where) })";
    QJsonObject response = run(query);
    EXPECT_EQ(firstError(response),
              R"(Variable "$where" of required type "AssetWhere!" was not provided.)");
    EXPECT_FALSE(response.contains(QStringLiteral("data")));
    EXPECT_EQ(compact(response.value(QStringLiteral("errors"))
                          .toArray()
                          .first()
                          .toObject()
                          .value(QStringLiteral("locations"))),
              R"([{"column":19,"line":1}])");

    EXPECT_EQ(compact(response.value(QStringLiteral("errors"))
                          .toArray()
                          .first()
                          .toObject()
                          .value(QStringLiteral("extensions"))),
              R"({"code":"GRAPHQL_VALIDATION_FAILED"})");

    response = run(query, R"({"where": null})");
    EXPECT_EQ(firstError(response),
              R"(Variable "$where" of non-null type "AssetWhere!" must not be null.)");

    response = run(query, R"({"where": {"projectt": {"id": "p"}}})");
    EXPECT_EQ(
        firstError(response),
        R"(Variable "$where" got invalid value { projectt: { id: "p" } }; Field "projectt" is not defined by type "AssetWhere". Did you mean "project"?)");

    response = run(query, R"({"where": {"label": {"typeIn": ["PREDICTON"]}}})");
    EXPECT_EQ(
        firstError(response),
        R"(Variable "$where" got invalid value "PREDICTON" at "where.label.typeIn[0]"; Value "PREDICTON" does not exist in "LabelType" enum. Did you mean the enum value "PREDICTION"?)");

    response = run(query, R"({"where": "p1"})");
    EXPECT_EQ(
        firstError(response),
        R"(Variable "$where" got invalid value "p1"; Expected type "AssetWhere" to be an object.)");

    response = run(R"(query q($skip: Int!) { assets(where: {}, first: 1, skip: $skip) { id } })",
                   R"({"skip": 1.5})");
    EXPECT_EQ(
        firstError(response),
        R"(Variable "$skip" got invalid value 1.5; Int cannot represent non-integer value: 1.5)");
}

TEST_F(ExecutorTest, PageSizeMustBeAnIntegerWithKilisMessage) {
    const char* query =
        R"(query q($first: PageSize!) { assets(where: {}, first: $first, skip: 0) { id } })";
    EXPECT_EQ(
        firstError(run(query, R"({"first": {}})")),
        R"(Variable "$first" got invalid value {}; Bad type of input PageSize, expected type integer, got type object.)");
    EXPECT_EQ(
        firstError(run(query, R"({"first": "10"})")),
        R"(Variable "$first" got invalid value "10"; Bad type of input PageSize, expected type integer, got type string.)");
    const QJsonObject ok = run(query, R"({"first": 100})");
    EXPECT_FALSE(ok.contains(QStringLiteral("errors")));
    EXPECT_EQ(lastArguments.value(QStringLiteral("first")).toInt(), 100);
}

TEST_F(ExecutorTest, SkipAndIncludeFollowVariables) {
    const char* query = R"(query q($withEmail: Boolean!, $noId: Boolean!) {
        viewer { id @skip(if: $noId) email @include(if: $withEmail) ... @include(if: $withEmail) { firstname } } })";
    EXPECT_EQ(compact(run(query, R"({"withEmail": false, "noId": false})")),
              R"({"data":{"viewer":{"id":"u1"}}})");
    EXPECT_EQ(compact(run(query, R"({"withEmail": true, "noId": true})")),
              R"({"data":{"viewer":{"email":"ada@kili.test","firstname":"Ada"}}})");
}

TEST_F(ExecutorTest, ResolverErrorsCarryPathLocationsAndExtensions) {
    const QJsonObject response =
        run("{ viewer { id }\n  data: projects(where: {}, first: 1, skip: 0) { id } }");
    EXPECT_EQ(
        compact(response),
        R"({"data":{"data":null,"viewer":{"id":"u1"}},"errors":[{"extensions":{"code":"401"},"locations":[{"column":3,"line":2}],"message":"[accessDenied] Access denied.","path":["data"]}]})");
}

TEST_F(ExecutorTest, NullInNonNullFieldPropagatesToTheNearestNullableParent) {
    assets = QJsonArray{json(R"({"id": "a1", "externalId": "img-1"})"), json(R"({"id": "a2"})")};
    const QJsonObject response =
        run("{ assets(where: {}, first: 2, skip: 0) { id externalId } viewer { id } }");
    EXPECT_EQ(
        compact(response),
        R"({"data":{"assets":null,"viewer":{"id":"u1"}},"errors":[{"locations":[{"column":45,"line":1}],"message":"Cannot return null for non-nullable field Asset.externalId.","path":["assets",1,"externalId"]}]})");
}

TEST_F(ExecutorTest, NullableListItemsBecomeNullAlone) {
    assets = QJsonArray{
        json(R"({"id": "a1", "latestLabels": [{"id": "l1"}, {"labelType": "DEFAULT"}]})")};
    const QJsonObject response =
        run("{ assets(where: {}, first: 1, skip: 0) { latestLabels { id } } }");
    EXPECT_EQ(compact(response.value(QStringLiteral("data"))),
              R"({"assets":[{"latestLabels":[{"id":"l1"},null]}]})");
    EXPECT_EQ(firstError(response), "Cannot return null for non-nullable field Label.id.");
}

TEST_F(ExecutorTest, LeafValuesAreSerializedOrRejected) {
    assets =
        QJsonArray{json(R"({"id": 7, "priority": "high", "isHoneypot": 1, "status": "DONE"})")};
    executor.setResolver(QStringLiteral("Asset"), QStringLiteral("priority"), {});
    const QJsonObject response =
        run("{ assets(where: {}, first: 1, skip: 0) { id isHoneypot priority status } }");
    EXPECT_EQ(compact(response.value(QStringLiteral("data"))),
              R"({"assets":[{"id":"7","isHoneypot":true,"priority":null,"status":null}]})");
    const QJsonArray errors = response.value(QStringLiteral("errors")).toArray();
    ASSERT_EQ(errors.size(), 2);
    EXPECT_EQ(errors[0].toObject().value(QStringLiteral("message")).toString(),
              QStringLiteral("Int cannot represent non-integer value: \"high\""));
    EXPECT_EQ(errors[1].toObject().value(QStringLiteral("message")).toString(),
              QStringLiteral("Enum \"Status\" cannot represent value: \"DONE\""));
}

TEST_F(ExecutorTest, ChoosesTheOperation) {
    const char* two = "query a { viewer { id } } query b { countAssets(where: {}) }";
    EXPECT_EQ(firstError(run(two)),
              "Must provide operation name if query contains multiple operations.");
    const QJsonObject unknown = run(two, "{}", QStringLiteral("c"));
    EXPECT_EQ(firstError(unknown), R"(Unknown operation named "c".)");
    EXPECT_EQ(
        compact(unknown),
        R"({"errors":[{"extensions":{"code":"OPERATION_RESOLUTION_FAILURE"},"message":"Unknown operation named \"c\"."}]})");
    EXPECT_EQ(compact(run(two, "{}", QStringLiteral("b"))), R"({"data":{"countAssets":42}})");
    EXPECT_EQ(firstError(run("fragment f on User { id }")), R"(Fragment "f" is never used.)");
    executor.setValidationEnabled(false);
    EXPECT_EQ(firstError(run("fragment f on User { id }")), "Must provide an operation.");
}

TEST_F(ExecutorTest, ArgumentErrorsWithoutValidation) {
    executor.setValidationEnabled(false);
    QJsonObject response = run("{ countAssets }");
    EXPECT_EQ(firstError(response),
              R"(Argument "where" of required type "AssetWhere!" was not provided.)");
    EXPECT_TRUE(response.value(QStringLiteral("data")).isNull()) << "countAssets is Int!";

    response = run(R"(query q($w: AssetWhere) { countAssets(where: $w) })");
    EXPECT_EQ(
        firstError(response),
        R"(Argument "where" of required type "AssetWhere!" was provided the variable "$w" which was not provided a runtime value.)");

    response = run(R"({ assets(where: {}, first: "ten", skip: 0) { id } })");
    EXPECT_EQ(firstError(response), R"(Argument "first" has invalid value "ten".)");
}

TEST_F(ExecutorTest, AnswersTypeIntrospection) {
    const QJsonObject response =
        run(R"({ __type(name: "LabelType") { kind name enumValues { name } }
                                          none: __type(name: "Nope") { name } })");
    EXPECT_EQ(
        compact(response.value(QStringLiteral("data"))),
        R"({"__type":{"enumValues":[{"name":"AUTOSAVE"},{"name":"DEFAULT"},{"name":"INFERENCE"},{"name":"PREDICTION"},{"name":"REVIEW"}],"kind":"ENUM","name":"LabelType"},"none":null})");
    const QJsonObject fields = run(R"({ __type(name: "Query") { fields { name } } })");
    EXPECT_FALSE(compact(fields).find("\"me\"") != std::string::npos)
        << "deprecated fields are hidden by default";
    const QJsonObject all = run(
        R"({ __type(name: "Query") { fields(includeDeprecated: true) { name type { kind ofType { name } } } } })");
    EXPECT_NE(compact(all).find(
                  R"({"name":"countAssets","type":{"kind":"NON_NULL","ofType":{"name":"Int"}}})"),
              std::string::npos);
}

TEST_F(ExecutorTest, RequestsReportParseFailuresWithACode) {
    const QJsonObject response = executor.executeRequest(
        QJsonObject{{QStringLiteral("query"), QStringLiteral("{ viewer { id }")}}, nullptr);
    EXPECT_EQ(
        compact(response),
        R"({"errors":[{"extensions":{"code":"GRAPHQL_PARSE_FAILED"},"locations":[{"column":16,"line":1}],"message":"Syntax Error: Expected Name, found <EOF>."}]})");
    const QJsonObject ok = executor.executeRequest(
        QJsonObject{{QStringLiteral("query"),
                     QStringLiteral("query c($w: AssetWhere!) { countAssets(where: $w) }")},
                    {QStringLiteral("variables"), json(R"({"w": {}})")}},
        nullptr);
    EXPECT_EQ(compact(ok), R"({"data":{"countAssets":42}})");
}

TEST_F(ExecutorTest, LimitsResponseDepth) {
    ExecutionLimits limits;
    limits.maxDepth = 2;
    executor.setLimits(limits);
    assets = QJsonArray{json(R"({"id": "a1", "project": {"id": "p", "roles": [{"id": "r"}]}})")};
    const QJsonObject response =
        run("{ assets(where: {}, first: 1, skip: 0) { project { roles { id } } } }");
    EXPECT_EQ(firstError(response),
              "The query nests fields deeper than 2 levels; split it into smaller queries.");
    EXPECT_EQ(compact(response.value(QStringLiteral("data"))),
              R"({"assets":[{"project":{"roles":null}}]})");
}

} // namespace

// The spec's serialized map ordering: the response's maps follow the selection sets, fields
// merged from fragments and inline fragments at their first occurrence, aliases as written.
TEST_F(ExecutorTest, SerializedResponseKeepsTheSelectionOrder) {
    const ParseResult parsed = parse(QByteArrayView(R"(
        query { viewer { lastname: firstname ...who id } zCount: countAssets(where: {})
                assets(where: {}, first: 1, skip: 0) { labels { labelType id } ... on Asset {
                    id externalId } externalId priority __typename } }
        fragment who on User { email id firstname })"));
    ASSERT_TRUE(parsed.ok());
    const SerializedResponse response =
        executor.executeSerialized(parsed.document, {}, {}, &contextMarker);
    EXPECT_TRUE(response.hasData);
    EXPECT_TRUE(response.errors.isEmpty());
    EXPECT_EQ(
        response.json.toStdString(),
        R"({"data":{"viewer":{"lastname":"Ada","email":"ada@kili.test","id":"u1","firstname":"Ada"},)"
        R"("zCount":42,"assets":[{"labels":[{"labelType":"PREDICTION","id":"l1"}],"id":"a1",)"
        R"("externalId":"img-1","priority":3,"__typename":"Asset"}]}})");
    EXPECT_EQ(
        compact(response.toJsonObject().value(QStringLiteral("data"))),
        compact(executor.execute(parsed.document, {}, {}, nullptr).value(QStringLiteral("data"))));
}

TEST_F(ExecutorTest, SerializedResponseWritesErrorsFirstAndDropsWhatANullReplaced) {
    assets = QJsonArray{json(R"({"id": "a1", "externalId": "img-1"})"), json(R"({"id": "a2"})")};
    const ParseResult parsed = parse(
        QByteArrayView("{ viewer { id } assets(where: {}, first: 2, skip: 0) { id externalId } }"));
    ASSERT_TRUE(parsed.ok());
    const SerializedResponse response =
        executor.executeSerialized(parsed.document, {}, {}, nullptr);
    EXPECT_EQ(
        response.json.toStdString(),
        R"({"errors":[{"message":"Cannot return null for non-nullable field Asset.externalId.",)"
        R"("locations":[{"line":1,"column":59}],"path":["assets",1,"externalId"]}],)"
        R"("data":{"viewer":{"id":"u1"},"assets":null}})");

    const SerializedResponse invalid = executor.executeRequestSerialized(
        QJsonObject{{QStringLiteral("query"), QStringLiteral("{ viewer { nope } }")}}, nullptr);
    EXPECT_FALSE(invalid.hasData);
    ASSERT_EQ(invalid.errors.size(), 1);
    EXPECT_EQ(invalid.errors.first().extensions.value(QStringLiteral("code")).toString(),
              QStringLiteral("GRAPHQL_VALIDATION_FAILED"));
    EXPECT_EQ(invalid.json.left(30).toStdString(), R"({"errors":[{"message":"Cannot )");
    EXPECT_EQ(invalid.json.indexOf("\"data\""), -1);
}

TEST_F(ExecutorTest, SerializedResponseEscapesStringsAndWritesNumbersAsJson) {
    assets = QJsonArray{json(R"({"id": "a\"1\\\n\u0001é😀", "externalId": "x", "rank": -2,
                                 "consensusMark": 0.1, "jsonMetadata": "{\"k\":1}"})")};
    const ParseResult parsed = parse(QByteArrayView(
        "{ assets(where: {}, first: 1, skip: 0) { id priority consensusMark jsonMetadata } }"));
    ASSERT_TRUE(parsed.ok());
    const SerializedResponse response =
        executor.executeSerialized(parsed.document, {}, {}, nullptr);
    EXPECT_EQ(response.json.toStdString(),
              "{\"data\":{\"assets\":[{\"id\":\"a\\\"1\\\\\\n\\u0001\xC3\xA9\xF0\x9F\x98\x80\","
              "\"priority\":-2,\"consensusMark\":0.1,\"jsonMetadata\":\"{\\\"k\\\":1}\"}]}}");
    const QJsonObject asset = response.toJsonObject()
                                  .value(QStringLiteral("data"))
                                  .toObject()
                                  .value(QStringLiteral("assets"))
                                  .toArray()
                                  .first()
                                  .toObject();
    EXPECT_EQ(asset.value(QStringLiteral("id")).toString(), QString::fromUtf8("a\"1\\\n\x01é😀"));
}
