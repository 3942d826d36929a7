#pragma once

#include "graphql/schema.h"

#include <QString>
#include <QStringList>

namespace kili::sandbox {

// The bundled schema without some of its fields, input fields or arguments, as a server whose API
// moved would serve it (introspection and execution alike) — for testing what a client does then.
// Each element is "Type.field" (an object's field or an input object's field) or
// "Type.field(argument)". Returns an invalid schema with *error set when an element names nothing.
graphql::Schema withoutElements(const graphql::Schema& schema, const QStringList& elements,
                                QString* error);

// The server version the sandbox answers on GET /version: its own, marked when elements are
// missing, so that a client's schema cache does not take one for the other.
QString sandboxVersion(const QStringList& missingElements);

} // namespace kili::sandbox
