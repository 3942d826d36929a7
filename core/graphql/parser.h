// Parsing of GraphQL documents, executable (operations, fragments) and type system (SDL) alike,
// with limits so that a hostile document costs bounded time, memory and stack.
#pragma once

#include "graphql/ast.h"
#include "graphql/error.h"

#include <QByteArrayView>
#include <QList>
#include <optional>

namespace kili::graphql {

struct ParseLimits {
    qsizetype maxBytes = 1024 * 1024;
    int maxTokens = 100000;
    // Nesting of selection sets, list and object values and list types, counted together.
    int maxDepth = 64;
};

struct ParseResult {
    ast::Document document;
    // At most one error: parsing stops at the first one, as in graphql-js.
    QList<GraphQLError> errors;

    bool ok() const { return errors.isEmpty(); }
};

// Source is UTF-8. Errors read "Syntax Error: Expected Name, found <EOF>." with a location.
ParseResult parse(QByteArrayView source, const ParseLimits& limits = {});
ParseResult parse(QStringView source, const ParseLimits& limits = {});

// A constant value alone, such as an introspection result's defaultValue ("{first: 10}").
std::optional<ast::Value> parseConstValue(QStringView source, QString* error,
                                          const ParseLimits& limits = {});

} // namespace kili::graphql
