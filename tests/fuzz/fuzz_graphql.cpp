// libFuzzer target for the GraphQL language library: any bytes go through the parser; a document
// that parses is validated against the Kili schema and, when valid, executed with the default
// resolvers (introspection included). Type system documents are built into a schema, whose
// introspection must build the same schema again. Besides not crashing,
// the library keeps its promises: a parse failure has exactly one error with a location or a limit
// message, and a response is either data or errors.
#include "graphql/executor.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"
#include "kiliresources.h"

#include <QJsonArray>
#include <cstdint>
#include <cstdlib>

namespace {

const kili::graphql::Schema& kiliSchema() {
    static const kili::graphql::Schema schema = [] {
        kili::resources::ensureLoaded();
        QString error;
        kili::graphql::Schema built =
            kili::graphql::Schema::fromSdl(kili::resources::kiliSchemaSdl(), &error);
        if (!built.isValid())
            std::abort();
        return built;
    }();
    return schema;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    using namespace kili::graphql;
    const QByteArrayView source(reinterpret_cast<const char*>(bytes), qsizetype(size));
    const ParseResult parsed = parse(source);
    if (!parsed.ok()) {
        if (parsed.errors.size() != 1
            || !parsed.errors.first().message.startsWith(QLatin1String("Syntax Error: ")))
            std::abort();
    } else {
        const QList<GraphQLError> errors = validate(kiliSchema(), parsed.document);
        if (errors.isEmpty()) {
            Executor executor(kiliSchema());
            executor.setValidationEnabled(false);
            const QJsonObject response = executor.execute(parsed.document, {}, {}, nullptr);
            if (!response.contains(QLatin1String("data"))
                && response.value(QLatin1String("errors")).toArray().isEmpty())
                std::abort();
        }
        for (const ast::OperationDefinition& operation : parsed.document.operations)
            for (const ast::VariableDefinition& variable : operation.variables)
                if (variable.defaultValue)
                    (void)ast::printValue(*variable.defaultValue);
    }
    // Type system documents also go through the schema builder and an introspection round trip.
    if (parsed.ok() && !parsed.document.typeDefinitions.empty()) {
        QString error;
        const Schema schema = Schema::fromSdl(QString::fromUtf8(source), &error);
        if (schema.isValid()) {
            if (!Schema::fromIntrospection(schema.introspect(), &error).isValid())
                std::abort();
        } else if (error.isEmpty()) {
            std::abort();
        }
    }
    return 0;
}
