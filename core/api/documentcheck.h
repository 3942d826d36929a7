#pragma once

#include "api/serverapi.h"

namespace kili::graphql {
class Schema;
}

namespace kili::api {

// What `schema` offers this client: the optional selected fields it lacks are left out of the
// documents, then every document of documents::all() is validated with kiligraphql; a document
// that still does not validate makes its feature unavailable.
ServerApi checkServerApi(const kili::graphql::Schema& schema, const QString& serverVersion);

} // namespace kili::api
