#include "graphqlservice.h"

#include "graphql/jsonwriter.h"
#include "graphql/parser.h"
#include "schemareduction.h"

#include <QFile>
#include <mutex>

namespace kili::sandbox {

namespace {

const QString schemaResource = QStringLiteral(":/kili/sandbox/kili-schema.graphql");

// Whether the operation that will run is a mutation (any of them when that is ambiguous).
bool isMutation(const graphql::ast::Document& document, const QString& operationName) {
    for (const auto& operation : document.operations) {
        if ((operationName.isEmpty() || operation.name == operationName)
            && operation.operation == graphql::ast::OperationDefinition::Type::Mutation)
            return true;
    }
    return false;
}

} // namespace

std::unique_ptr<GraphQLService> GraphQLService::create(SandboxStores stores,
                                                       const QueryCostLimits& costLimits,
                                                       const QStringList& withoutSchema,
                                                       QString* error) {
    QFile file(schemaResource);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("The sandbox could not read its bundled schema %1.").arg(schemaResource);
        return nullptr;
    }
    QString schemaError;
    const graphql::Schema bundled =
        graphql::Schema::fromSdl(QString::fromUtf8(file.readAll()), &schemaError);
    if (!schemaError.isEmpty()) {
        *error =
            QStringLiteral("The sandbox's bundled Kili schema does not build: %1").arg(schemaError);
        return nullptr;
    }
    const graphql::Schema schema = withoutElements(bundled, withoutSchema, &schemaError);
    if (!schema.isValid()) {
        *error = QStringLiteral("The schema without %1 cannot be served: %2")
                     .arg(withoutSchema.join(QStringLiteral(", ")), schemaError);
        return nullptr;
    }
    return std::unique_ptr<GraphQLService>(new GraphQLService(stores, schema, costLimits));
}

GraphQLService::GraphQLService(SandboxStores stores, const graphql::Schema& schema,
                               const QueryCostLimits& costLimits)
    : m_stores(stores)
    , m_executor(schema)
    , m_costLimits(costLimits) {
    resolve::registerAccountResolvers(m_executor, m_stores);
    resolve::registerProjectResolvers(m_executor, m_stores);
    resolve::registerAssetResolvers(m_executor, m_stores);
    resolve::registerLabelResolvers(m_executor, m_stores);
    resolve::registerMutationResolvers(m_executor, m_stores);
    resolve::registerStorageResolvers(m_executor, m_stores);
    resolve::registerIssueResolvers(m_executor, m_stores);
}

GraphQLAnswer GraphQLService::execute(const QString& query, const QString& operationName,
                                      const QJsonObject& variables, const UserRecord& viewer) {
    RequestContext context{viewer};
    const graphql::ParseResult parsed = graphql::parse(QStringView(query));
    if (!parsed.ok()) {
        // The executor words and codes parse errors; parsing again is bounded by the parser's
        // limits.
        QJsonObject request{{QStringLiteral("query"), query}};
        return {m_executor.executeRequestSerialized(request, &context), 0};
    }
    const qint64 cost = QueryCost(m_executor.schema(), parsed.document, variables, m_costLimits)
                            .operationCost(operationName);
    if (cost > m_costLimits.maxCost)
        return {tooCostly(cost), cost};
    // Queries run side by side; mutations one at a time, as SQLite has one writer anyway and the
    // label writer checks then writes.
    std::unique_lock<QMutex> writing(m_writeMutex, std::defer_lock);
    if (isMutation(parsed.document, operationName))
        writing.lock();
    return {m_executor.executeSerialized(parsed.document, operationName, variables, &context),
            cost};
}

graphql::SerializedResponse GraphQLService::tooCostly(qint64 cost) const {
    KiliError error = KiliError::make(
        QStringLiteral("queryTooComplex"),
        QStringLiteral("This query costs %1, more than the %2 one request may cost.")
            .arg(cost)
            .arg(m_costLimits.maxCost),
        QStringLiteral("every field costs 1 and each item of a list costs 1 plus its fields (first "
                       "items of a page, 10 of a list without paging); aliases, fragments and "
                       "nested lists multiply that. Ask for fewer fields or smaller pages, or "
                       "split the query into several requests"));
    error.code = QStringLiteral("QUERY_TOO_COMPLEX");
    error.context = QJsonObject{{QStringLiteral("complexity"), cost},
                                {QStringLiteral("maximumComplexity"), m_costLimits.maxCost}};
    graphql::SerializedResponse response;
    response.errors = {graphql::GraphQLError{error.message, {}, {}, error.extensions()}};
    response.json = graphql::json::response(response.errors, {});
    return response;
}

QString GraphQLService::firstResponseKey(const QString& query) const {
    const graphql::ParseResult parsed = graphql::parse(QStringView(query));
    if (!parsed.ok() || parsed.document.operations.empty())
        return {};
    const auto& selections = parsed.document.operations.front().selectionSet.selections;
    for (const auto& selection : selections) {
        if (selection.kind == graphql::ast::Selection::Kind::Field)
            return selection.responseKey();
    }
    return {};
}

} // namespace kili::sandbox
