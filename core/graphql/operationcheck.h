// The client's check of its own operations against the schema of the server it connects to: which
// features still work, and for the others a sentence that says why.
#pragma once

#include "graphql/error.h"
#include "graphql/schema.h"

#include <QList>
#include <QString>

namespace kili::graphql {

struct ClientOperation {
    QString feature;  // what a person calls it: "Import", "Asset browser"
    QString document; // the GraphQL text the client sends
};

struct OperationProblem {
    QString feature;
    QList<GraphQLError> errors; // parse or validation errors, graphql-js wording

    // "Import is unavailable: the server's API no longer accepts this request (Unknown argument
    // \"data\" on field \"Mutation.appendManyLabels\".). Update Kili Desk or ask the server's
    // administrator which version it runs."
    QString sentence() const;
};

// One problem per feature whose document does not parse or validate against `schema`; features
// absent from the result work.
QList<OperationProblem> checkClientOperations(const Schema& schema,
                                              const QList<ClientOperation>& operations);

} // namespace kili::graphql
