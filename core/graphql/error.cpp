#include "graphql/error.h"

namespace kili::graphql {

QJsonObject GraphQLError::toJson() const {
    QJsonObject json{{QStringLiteral("message"), message}};
    if (!locations.isEmpty()) {
        QJsonArray array;
        for (const SourceLocation& location : locations) {
            array.append(QJsonObject{{QStringLiteral("line"), location.line},
                                     {QStringLiteral("column"), location.column}});
        }
        json.insert(QStringLiteral("locations"), array);
    }
    if (!path.isEmpty()) {
        json.insert(QStringLiteral("path"), path);
    }
    if (!extensions.isEmpty()) {
        json.insert(QStringLiteral("extensions"), extensions);
    }
    return json;
}

} // namespace kili::graphql
