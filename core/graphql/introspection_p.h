// Resolution of the introspection meta-fields and types (__schema, __type, __Type.fields, …)
// from a Schema, shared by the executor and Schema::introspect().
#pragma once

#include "graphql/schema.h"

#include <QJsonObject>
#include <QJsonValue>

namespace kili::graphql {

// {"kind": "NON_NULL", "name": null, "ofType": {"kind": "OBJECT", "name": "Asset"}}
QJsonObject typeRefJson(const Schema& schema, const TypeRef& type);

// Resolves `field` of an introspection type (`parentType` starts with "__"). `parent` is the
// value built by an earlier call (a type reference, field, …).
QJsonValue resolveIntrospectionField(const Schema& schema, const QString& parentType,
                                     const QString& field, const QJsonObject& arguments,
                                     const QJsonValue& parent);

} // namespace kili::graphql
