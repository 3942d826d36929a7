#include "graphqlservice.h"

#include "graphql/parser.h"

#include <QFile>

namespace kili::sandbox {

namespace {

const QString schemaResource = QStringLiteral(":/kili/sandbox/kili-schema.graphql");

} // namespace

std::unique_ptr<GraphQLService> GraphQLService::create(SandboxStores stores, QString* error) {
    QFile file(schemaResource);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("The sandbox could not read its bundled schema %1.").arg(schemaResource);
        return nullptr;
    }
    QString schemaError;
    const graphql::Schema schema =
        graphql::Schema::fromSdl(QString::fromUtf8(file.readAll()), &schemaError);
    if (!schemaError.isEmpty()) {
        *error =
            QStringLiteral("The sandbox's bundled Kili schema does not build: %1").arg(schemaError);
        return nullptr;
    }
    return std::unique_ptr<GraphQLService>(new GraphQLService(stores, schema));
}

GraphQLService::GraphQLService(SandboxStores stores, const graphql::Schema& schema)
    : m_stores(stores)
    , m_executor(schema) {
    resolve::registerAccountResolvers(m_executor, m_stores);
    resolve::registerProjectResolvers(m_executor, m_stores);
    resolve::registerAssetResolvers(m_executor, m_stores);
    resolve::registerLabelResolvers(m_executor, m_stores);
    resolve::registerMutationResolvers(m_executor, m_stores);
}

graphql::SerializedResponse GraphQLService::execute(const QString& query,
                                                    const QString& operationName,
                                                    const QJsonObject& variables,
                                                    const UserRecord& viewer) {
    RequestContext context{viewer};
    QJsonObject request{{QStringLiteral("query"), query}, {QStringLiteral("variables"), variables}};
    if (!operationName.isEmpty())
        request.insert(QStringLiteral("operationName"), operationName);
    return m_executor.executeRequestSerialized(request, &context);
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
