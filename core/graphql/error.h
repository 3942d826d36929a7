// Errors of the GraphQL language library, in the shape of the GraphQL response format
// (https://spec.graphql.org/October2021/#sec-Errors).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kili::graphql {

// One-based line and column, columns counted in UTF-16 code units like graphql-js.
struct SourceLocation {
    int line = 0;
    int column = 0;
    bool isValid() const { return line > 0; }
    bool operator==(const SourceLocation&) const = default;
};

struct GraphQLError {
    QString message;
    QList<SourceLocation> locations;
    QJsonArray path;
    QJsonObject extensions;

    // {"message", "locations"?, "path"?, "extensions"?}: absent members are left out.
    QJsonObject toJson() const;
};

} // namespace kili::graphql
