// Parse and validate throughput of the GraphQL library on the client's largest document (assets
// queries with labels, one taking every AssetWhere filter as a variable of its own) and on a
// generated ~100 KB document, plus the standard introspection query. Baseline measured in the same
// run: Qt's JSON parser on a JSON text of the same size, the usual cost of reading a request body.
//
// Usage: bench_graphql [size in KB of the generated document, default 100] [benchmark flags]
#include "graphql/executor.h"
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"
#include "kiliresources.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

using namespace kili::graphql;

namespace {

const char* const clientDocument = R"(
query getAssets($where: AssetWhere!, $first: PageSize!, $skip: Int!) {
  data: assets(where: $where, first: $first, skip: $skip) {
    id externalId content jsonContent jsonMetadata status isHoneypot skipped priority createdAt
    updatedAt consensusMark honeypotMark inferenceMark projectId
    resolution { width height }
    pageResolutions { pageNumber width height rotation }
    currentStep { id name status }
    labels { ...label }
    latestLabel { ...label }
    latestLabels { ...label }
  }
}
query countAssets($where: AssetWhere!) { data: countAssets(where: $where) }
query getAssetsFiltered($id: ID, $idIn: [ID!], $idNotIn: [ID!], $project: ProjectWhere, $externalIdStrictlyIn: [String!], $externalIdIn: [String!], $statusIn: [Status!], $skipped: Boolean, $consensusMarkGte: Float, $consensusMarkLte: Float, $honeypotMarkGte: Float, $honeypotMarkLte: Float, $inferenceMarkGte: Float, $inferenceMarkLte: Float, $metadata: JSON, $assigneeIn: [String!], $assigneeNotIn: [String!], $label: LabelWhere, $issue: AssetIssueWhere, $updatedAtGte: String, $updatedAtLte: String, $createdAtGte: String, $createdAtLte: String, $stepIdIn: [ID!], $stepIdNotIn: [ID!], $stepStatusIn: [StatusInStep!], $stepStatusNotIn: [StatusInStep!], $first: PageSize!, $skip: Int!) {
  data: assets(where: {id: $id, idIn: $idIn, idNotIn: $idNotIn, project: $project, externalIdStrictlyIn: $externalIdStrictlyIn, externalIdIn: $externalIdIn, statusIn: $statusIn, skipped: $skipped, consensusMarkGte: $consensusMarkGte, consensusMarkLte: $consensusMarkLte, honeypotMarkGte: $honeypotMarkGte, honeypotMarkLte: $honeypotMarkLte, inferenceMarkGte: $inferenceMarkGte, inferenceMarkLte: $inferenceMarkLte, metadata: $metadata, assigneeIn: $assigneeIn, assigneeNotIn: $assigneeNotIn, label: $label, issue: $issue, updatedAtGte: $updatedAtGte, updatedAtLte: $updatedAtLte, createdAtGte: $createdAtGte, createdAtLte: $createdAtLte, stepIdIn: $stepIdIn, stepIdNotIn: $stepIdNotIn, stepStatusIn: $stepStatusIn, stepStatusNotIn: $stepStatusNotIn}, first: $first, skip: $skip) {
    id externalId content status labels { ...label } latestLabel { ...label }
  }
}
fragment label on Label {
  id labelType jsonResponse jsonResponseUrl modelName createdAt secondsToLabel
  isLatestLabelForUser honeypotMark inferenceMark numberOfAnnotations assetId
  author { id email firstname lastname organization { id name } }
  assetStep { id name status }
}
)";

// The same where-filter as variables and as literals, every AssetWhere field used.
const char* const whereLiteral =
    R"({id: "a", idIn: ["a", "b"], idNotIn: ["c"], project: {id: "p", searchQuery: "x"},
        externalIdStrictlyIn: ["e1"], externalIdIn: ["e"], statusIn: [TODO, LABELED], skipped: false,
        consensusMarkGte: 0.1, consensusMarkLte: 0.9, honeypotMarkGte: 0, honeypotMarkLte: 1,
        inferenceMarkGte: 0, inferenceMarkLte: 1, metadata: {k: ["v1", "v2"]}, assigneeIn: ["u"],
        assigneeNotIn: ["v"], label: {typeIn: [PREDICTION], authorIn: ["u"], search: "JOB.A.count > 0"},
        issue: {type: QUESTION, status: OPEN}, updatedAtGte: "2024-01-01", updatedAtLte: "2024-12-31",
        createdAtGte: "2024-01-01", createdAtLte: "2024-12-31", stepIdIn: ["s"], stepIdNotIn: ["t"],
        stepStatusIn: [TO_DO], stepStatusNotIn: [DONE]})";

QByteArray generatedDocument(int kilobytes) {
    QByteArray document = "query big($first: PageSize!) {\n";
    for (int i = 0; document.size() < kilobytes * 1024; ++i) {
        document += "  a" + QByteArray::number(i) + ": assets(where: " + whereLiteral
                    + ", first: $first, skip: " + QByteArray::number(i * 10)
                    + ") { id externalId labels { ...label } latestLabel { id labelType } }\n";
    }
    document +=
        "}\nfragment label on Label { id labelType jsonResponse modelName author { id email } "
        "createdAt }\n";
    return document;
}

// A JSON text of about the same size, for the baseline.
QByteArray jsonOfSize(qsizetype bytes) {
    QJsonArray rows;
    QByteArray text;
    for (int i = 0; text.size() < bytes; ++i) {
        rows.append(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("asset-%1").arg(i)},
            {QStringLiteral("externalId"), QStringLiteral("img-%1.jpg").arg(i)},
            {QStringLiteral("labels"),
             QJsonArray{QJsonObject{{QStringLiteral("labelType"), QStringLiteral("PREDICTION")},
                                    {QStringLiteral("score"), 0.5 + i}}}}});
        if (i % 64 == 0)
            text = QJsonDocument(rows).toJson(QJsonDocument::Compact);
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

const Schema& kiliSchema() {
    static const Schema schema = [] {
        kili::resources::ensureLoaded();
        QString error;
        Schema built = Schema::fromSdl(kili::resources::kiliSchemaSdl(), &error);
        if (!built.isValid()) {
            std::fprintf(stderr, "schema: %s\n", qPrintable(error));
            std::exit(1);
        }
        return built;
    }();
    return schema;
}

int generatedKilobytes = 100;

void parseAndValidate(benchmark::State& state, const QByteArray& document) {
    ParseLimits limits;
    limits.maxBytes = qsizetype(document.size()) + 1;
    limits.maxTokens = 10000000;
    for (auto _ : state) {
        const ParseResult parsed = parse(QByteArrayView(document), limits);
        const QList<GraphQLError> errors = validate(kiliSchema(), parsed.document);
        if (!parsed.ok() || !errors.isEmpty()) {
            state.SkipWithError("the document does not validate");
            break;
        }
        benchmark::DoNotOptimize(errors);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * document.size());
    state.SetItemsProcessed(int64_t(state.iterations()));
}

void BM_ClientDocument(benchmark::State& state) {
    parseAndValidate(state, QByteArray(clientDocument));
}

void BM_GeneratedParseOnly(benchmark::State& state) {
    const QByteArray document = generatedDocument(generatedKilobytes);
    ParseLimits limits;
    limits.maxBytes = qsizetype(document.size()) + 1;
    limits.maxTokens = 10000000;
    for (auto _ : state) {
        const ParseResult parsed = parse(QByteArrayView(document), limits);
        benchmark::DoNotOptimize(parsed);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * document.size());
}

void BM_GeneratedParseValidate(benchmark::State& state) {
    parseAndValidate(state, generatedDocument(generatedKilobytes));
}

void BM_QtJsonBaseline(benchmark::State& state) {
    const QByteArray json = jsonOfSize(generatedDocument(generatedKilobytes).size());
    for (auto _ : state) {
        const QJsonDocument document = QJsonDocument::fromJson(json);
        benchmark::DoNotOptimize(document);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * json.size());
}

void BM_IntrospectionQuery(benchmark::State& state) {
    const ParseResult parsed = parse(QStringView(introspectionQuery()));
    Executor executor(kiliSchema());
    for (auto _ : state) {
        const QJsonObject response = executor.execute(parsed.document, {}, {}, nullptr);
        benchmark::DoNotOptimize(response);
    }
    state.SetItemsProcessed(int64_t(state.iterations()));
}

// Keeps the console output and remembers each benchmark's rates for the RESULT lines.
class RecordingReporter : public benchmark::ConsoleReporter {
public:
    // No colours: their escape sequences would stick to the RESULT lines scripts/bench reads.
    RecordingReporter()
        : ConsoleReporter(OO_Tabular) {}

    std::map<std::string, double> bytesPerSecond;
    std::map<std::string, double> itemsPerSecond;

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            std::string name = run.benchmark_name();
            name = name.substr(0, name.find('/'));
            const auto bytes = run.counters.find("bytes_per_second");
            if (bytes != run.counters.end())
                bytesPerSecond[name] = bytes->second;
            const auto items = run.counters.find("items_per_second");
            if (items != run.counters.end())
                itemsPerSecond[name] = items->second;
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && argv[1][0] != '-') {
        generatedKilobytes = std::max(1, std::atoi(argv[1]));
        --argc;
        ++argv;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RegisterBenchmark("client document parse+validate", BM_ClientDocument);
    benchmark::RegisterBenchmark("generated document parse", BM_GeneratedParseOnly);
    benchmark::RegisterBenchmark("generated document parse+validate", BM_GeneratedParseValidate);
    benchmark::RegisterBenchmark("Qt JSON parse, same size", BM_QtJsonBaseline);
    benchmark::RegisterBenchmark("introspection query execution", BM_IntrospectionQuery);
    RecordingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::cout << std::flush; // the reporter writes to std::cout, the RESULT lines to stdout

    const double json = reporter.bytesPerSecond["Qt JSON parse, same size"] / 1e6;
    const auto ratio = [&](double value) {
        return json > 0 ? QByteArray::number(value / json, 'f', 2) : QByteArray("-");
    };
    const double client = reporter.itemsPerSecond["client document parse+validate"];
    const double clientMb = reporter.bytesPerSecond["client document parse+validate"] / 1e6;
    const double parseMb = reporter.bytesPerSecond["generated document parse"] / 1e6;
    const double validateMb = reporter.bytesPerSecond["generated document parse+validate"] / 1e6;
    const double generatedPerSecond = reporter.itemsPerSecond["generated document parse+validate"];
    const double introspection = reporter.itemsPerSecond["introspection query execution"];
    std::printf(
        "RESULT\tgraphql parse+validate client assets document\t%.0f docs/s (%.1f MB/s)\t%.1f "
        "MB/s (Qt JSON parse)\t%s\n",
        client, clientMb, json, ratio(clientMb).constData());
    std::printf("RESULT\tgraphql parse %d KB document\t%.1f MB/s\t%.1f MB/s (Qt JSON parse)\t%s\n",
                generatedKilobytes, parseMb, json, ratio(parseMb).constData());
    std::printf("RESULT\tgraphql parse+validate %d KB document\t%.1f MB/s (%.0f docs/s)\t%.1f MB/s "
                "(Qt JSON parse)\t%s\n",
                generatedKilobytes, validateMb, generatedPerSecond, json,
                ratio(validateMb).constData());
    std::printf("RESULT\tgraphql introspection query on the Kili schema\t%.0f queries/s\t-\t-\n",
                introspection);
    benchmark::Shutdown();
    return 0;
}
