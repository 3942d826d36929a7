// Execution of GraphQL operations (https://spec.graphql.org/October2021/#sec-Execution) against
// resolvers registered per field: variable and argument coercion, fragments, @skip/@include,
// __typename, introspection and non-null propagation. Synchronous: a resolver returns its value.
#pragma once

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <functional>
#include <optional>

namespace kili::graphql {

struct FieldContext {
    QString parentType;
    QString fieldName;
    // Coerced arguments: defaults applied, variables substituted; absent optional arguments are
    // left out, explicit nulls kept.
    QJsonObject arguments;
    // The parent's resolved value (for root fields: the root value, an empty object).
    QJsonValue parent;
    // Names of the fields selected directly under this field, fragments flattened, @skip and
    // @include applied; lets a resolver fetch only what is asked for.
    QStringList selectedFields;
    // Where the field is in the response: ["data", 0, "labels"].
    QJsonArray path;
    // The pointer passed to Executor::execute.
    void* context = nullptr;

    bool selects(QStringView subField) const { return selectedFields.contains(subField); }
};

struct ResolveResult {
    QJsonValue value;
    // Message and extensions; the executor fills in path and locations, and the value is null.
    std::optional<GraphQLError> error;

    static ResolveResult fromError(const QString& message, const QJsonObject& extensions = {}) {
        return {QJsonValue::Null, GraphQLError{message, {}, {}, extensions}};
    }
};

using FieldResolver = std::function<ResolveResult(const FieldContext&)>;

// A response as JSON text, ready for an HTTP body: "errors" first when there are any (as Apollo
// Server writes it), then "data" whose maps keep the order of the query's selection sets, as the
// spec requires (https://spec.graphql.org/October2021/#sec-Serialized-Map-Ordering) and as
// QJsonObject, sorted by key, cannot.
struct SerializedResponse {
    QByteArray json;
    // False for request errors (parse, validation, unknown operation, invalid variables).
    bool hasData = false;
    QList<GraphQLError> errors;

    // The same response as a QJsonObject (keys sorted), for callers that read it.
    QJsonObject toJsonObject() const;
};

struct ExecutionLimits {
    // Depth of the response tree (fields inside fields); deeper requests get an error.
    int maxDepth = 64;
};

class Executor {
public:
    explicit Executor(const Schema& schema);

    // Resolves `field` of object type `type`. Fields without a resolver read
    // parent.toObject().value(fieldName). A value for an abstract type must carry "__typename".
    // An empty resolver removes the field's resolver.
    void setResolver(const QString& type, const QString& field, FieldResolver resolver);
    // Validates the document against the schema before executing it (on by default); turn off
    // only for documents validated already.
    void setValidationEnabled(bool enabled);
    void setLimits(const ExecutionLimits& limits);

    // {"data": …, "errors": […]} (errors left out when there are none). Request errors (unknown
    // operation, invalid variables, validation) give no "data" member, as the spec says.
    SerializedResponse executeSerialized(const ast::Document& document,
                                         const QString& operationName, const QJsonObject& variables,
                                         void* context) const;
    // A GraphQL-over-HTTP request body {"query", "operationName"?, "variables"?}: parses (errors
    // with extensions.code GRAPHQL_PARSE_FAILED), validates (GRAPHQL_VALIDATION_FAILED) and
    // executes.
    SerializedResponse executeRequestSerialized(const QJsonObject& request, void* context) const;
    // The same two as QJsonObject (member order lost), for callers that only read the result.
    QJsonObject execute(const ast::Document& document, const QString& operationName,
                        const QJsonObject& variables, void* context) const;
    QJsonObject executeRequest(const QJsonObject& request, void* context) const;

    const Schema& schema() const { return m_schema; }

private:
    friend class Execution;
    Schema m_schema;
    QHash<QString, FieldResolver> m_resolvers; // key: "Type.field"
    ExecutionLimits m_limits;
    bool m_validate = true;
};

} // namespace kili::graphql
