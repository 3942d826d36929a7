#include "graphql/operationcheck.h"
#include "test_schema.h"

#include <gtest/gtest.h>

using namespace kili::graphql;
using kili::graphql::testing::kiliSchema;
using kili::graphql::testing::kiliSchemaSdl;

namespace {

const QList<ClientOperation> clientOperations = {
    {QStringLiteral("Import"),
     QStringLiteral("mutation appendManyLabels($data: AppendManyLabelsData!, $where: AssetWhere!) "
                    "{ data: appendManyLabels(data: $data, where: $where) { id } }")},
    {QStringLiteral("Asset browser"),
     QStringLiteral(
         "query assets($where: AssetWhere!, $first: PageSize!, $skip: Int!) "
         "{ data: assets(where: $where, first: $first, skip: $skip) { id externalId } }")},
};

TEST(OperationCheck, EverythingWorksAgainstTheKiliSchema) {
    EXPECT_TRUE(checkClientOperations(kiliSchema(), clientOperations).isEmpty());
}

TEST(OperationCheck, NamesTheFeatureAServerChangeBreaks) {
    QString sdl = kiliSchemaSdl();
    sdl.replace(QStringLiteral("appendManyLabels(data: AppendManyLabelsData!"),
                QStringLiteral("appendManyLabels(input: AppendManyLabelsData!"));
    QString error;
    const Schema moved = Schema::fromSdl(sdl, &error);
    ASSERT_TRUE(moved.isValid()) << error.toStdString();

    const QList<OperationProblem> problems = checkClientOperations(moved, clientOperations);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().feature, QStringLiteral("Import"));
    EXPECT_EQ(
        problems.first().sentence(),
        QStringLiteral("Import is unavailable: the server's API no longer accepts this request "
                       "(Unknown argument \"data\" on field \"Mutation.appendManyLabels\". "
                       "Field \"appendManyLabels\" argument \"input\" of type "
                       "\"AppendManyLabelsData!\" is required, but it was not provided.). "
                       "Update Kili Desk or ask the server's administrator which version it "
                       "runs."));
}

TEST(OperationCheck, ReportsDocumentsThatDoNotParse) {
    const QList<OperationProblem> problems = checkClientOperations(
        kiliSchema(), {{QStringLiteral("Export"), QStringLiteral("{ viewer {")}});
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.first().errors.first().message,
              QStringLiteral("Syntax Error: Expected Name, found <EOF>."));
}

} // namespace
