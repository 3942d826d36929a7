// Validation of executable documents against a schema
// (https://spec.graphql.org/October2021/#sec-Validation), with graphql-js's messages.
#pragma once

#include "graphql/ast.h"
#include "graphql/error.h"
#include "graphql/schema.h"

#include <QList>

namespace kili::graphql {

using Document = ast::Document;

struct ValidationLimits {
    // Depth of the selection tree once fragments are expanded; a chain of fragments can nest far
    // deeper than any one of them, so this is checked before the other rules walk the document.
    int maxDepth = 64;
    // Validation stops after this many errors, as graphql-js does.
    int maxErrors = 100;
};

// Every problem found, in document order; empty when the document is valid.
QList<GraphQLError> validate(const Schema& schema, const Document& document,
                             const ValidationLimits& limits = {});

} // namespace kili::graphql
