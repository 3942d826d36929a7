#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <chrono>

namespace kili::api {

// One GraphQL call as a job describes it. It never holds the API key: an operation that needs the
// key as a variable (apiKeys' where.key) names the variable's path and the connection fills it in
// when it writes the body.
struct GraphQLRequest {
    // Operation name, for logs, error messages and the kili-client-method-name header.
    QString operation;
    QString document;
    QJsonObject variables;
    // A mutation is never resent once it may have reached the server.
    bool isMutation = false;
    // 0 = the connection's default.
    std::chrono::milliseconds timeout{0};
    // e.g. {"where", "key"}: the connection writes the API key there.
    QStringList apiKeyVariablePath;
};

} // namespace kili::api
