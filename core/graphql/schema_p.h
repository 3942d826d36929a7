// Private parts of Schema shared by its builders (SDL, introspection) and the executor.
#pragma once

#include "graphql/schema.h"

namespace kili::graphql {

struct Schema::Data {
    std::vector<TypeDef> types;
    QHash<QString, qsizetype> typeIndex;
    std::vector<DirectiveDef> directives;
    QString queryTypeName;
    QString mutationTypeName;
    QString subscriptionTypeName;
};

// Collects type and directive definitions, adds GraphQL's built-ins (scalars, directives,
// introspection types) and checks that the whole is a valid schema.
class SchemaBuilder {
public:
    // Adds the type system definitions of an SDL document. False and `error` on a problem.
    bool addDocument(const ast::Document& document, QString* error);
    bool addType(TypeDef type, QString* error);
    void addDirective(DirectiveDef directive);
    void setRootTypeName(ast::OperationDefinition::Type operation, const QString& name);
    Schema build(QString* error);

private:
    bool checkReferences(const Schema::Data& data, QString* error) const;

    std::vector<TypeDef> m_types;
    std::vector<DirectiveDef> m_directives;
    QString m_rootNames[3];
    bool m_hasSchemaDefinition = false;
};

// The introspection types and built-in directives and scalars, as SDL.
QString introspectionPreludeSdl();

} // namespace kili::graphql
