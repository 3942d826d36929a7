#pragma once

#include "graphql/executor.h"

#include <QJsonObject>
#include <QString>

namespace kili::sandbox {

struct UserRecord;

// What the HTTP layer needs from GraphQL: run one request for an authenticated user. Kept apart
// from the HTTP routes so each side can be tested (and replaced) alone.
class GraphQLEndpoint {
public:
    virtual ~GraphQLEndpoint() = default;
    // Returns the complete response ({"errors": [...], "data": ...}) as the JSON text to send.
    virtual graphql::SerializedResponse execute(const QString& query, const QString& operationName,
                                                const QJsonObject& variables,
                                                const UserRecord& viewer) = 0;
    // The response key of the first root field (its alias when it has one), for error answers
    // that, like Kili's, carry {"data": {"<key>": null}}. Empty when the document does not parse.
    virtual QString firstResponseKey(const QString& query) const = 0;
};

} // namespace kili::sandbox
