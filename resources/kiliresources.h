#pragma once

#include <QString>

namespace kili::resources {

// The resources are compiled into a static library, whose unreferenced objects the linker drops:
// call this once before reading ":/kili/..." so that they are registered.
void ensureLoaded();

// The text of resources/kili-schema.graphql: the schema the sandbox serves and the client's
// documents are checked against.
QString kiliSchemaSdl();

} // namespace kili::resources
