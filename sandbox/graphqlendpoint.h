#pragma once

#include "graphql/executor.h"

#include <QJsonObject>
#include <QString>

namespace kili::sandbox {

struct UserRecord;

// The response to a GraphQL request and what it cost (QueryCost; 0 when the document never got
// that far, e.g. it does not parse), which the HTTP answer carries in `x-complexity` as Kili's
// does.
struct GraphQLAnswer {
    graphql::SerializedResponse response;
    qint64 complexity = 0;
};

// What the HTTP layer needs from GraphQL: run one request for an authenticated user. Kept apart
// from the HTTP routes so each side can be tested (and replaced) alone.
class GraphQLEndpoint {
public:
    virtual ~GraphQLEndpoint() = default;
    // The complete response ({"errors": [...], "data": ...}) as the JSON text to send. Called
    // from several threads at once (the sandbox's workers).
    virtual GraphQLAnswer execute(const QString& query, const QString& operationName,
                                  const QJsonObject& variables, const UserRecord& viewer) = 0;
    // The response key of the first root field (its alias when it has one), for error answers
    // that, like Kili's, carry {"data": {"<key>": null}}. Empty when the document does not parse.
    virtual QString firstResponseKey(const QString& query) const = 0;
};

} // namespace kili::sandbox
