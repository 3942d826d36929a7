// Introspection (https://spec.graphql.org/October2021/#sec-Introspection): the query clients send
// to learn a server's schema.
#pragma once

#include <QString>

namespace kili::graphql {

struct IntrospectionOptions {
    bool descriptions = true;
    bool specifiedByUrl = false;
    bool directiveIsRepeatable = false;
    bool schemaDescription = false;
    bool inputValueDeprecation = false;
};

// The text of graphql-js's getIntrospectionQuery(options): an operation named
// "IntrospectionQuery" with the fragments FullType, InputValue and TypeRef.
QString introspectionQuery(const IntrospectionOptions& options = {});

} // namespace kili::graphql
