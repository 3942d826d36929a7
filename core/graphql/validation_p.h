// Shared state of one validation run; the rules live in validation*.cpp.
#pragma once

#include "graphql/validation.h"

#include <QHash>
#include <vector>

namespace kili::graphql {

struct VariableUsage {
    QString name;
    SourceLocation location;
    TypeRef type; // invalid when the position's type is unknown
    bool hasLocationDefault = false;
};

// What the walk over one operation or fragment found that whole-operation rules need.
struct FragmentSpreadUse {
    QString name;
    SourceLocation location;
};

struct DefinitionFacts {
    std::vector<VariableUsage> variableUsages;
    std::vector<FragmentSpreadUse> spreads; // direct spreads, in document order
};

class ValidationContext {
public:
    ValidationContext(const Schema& schema, const Document& document,
                      const ValidationLimits& limits)
        : schema(schema)
        , document(document)
        , limits(limits) {
        for (const ast::FragmentDefinition& fragment : document.fragments) {
            if (!fragmentsByName.contains(fragment.name)) {
                fragmentsByName.insert(fragment.name, &fragment);
            }
        }
    }

    void report(const QString& message, const QList<SourceLocation>& locations) {
        if (!isFull()) {
            errors.append(GraphQLError{message, locations, {}, {}});
        }
    }
    bool isFull() const { return errors.size() >= limits.maxErrors; }
    const ast::FragmentDefinition* fragment(const QString& name) const {
        return fragmentsByName.value(name, nullptr);
    }
    // Fragments reachable from `facts` through spreads, each once, without recursion.
    QStringList reachableFragments(const DefinitionFacts& facts) const;

    const Schema& schema;
    const Document& document;
    const ValidationLimits& limits;
    QList<GraphQLError> errors;
    QHash<QString, const ast::FragmentDefinition*> fragmentsByName;
    std::vector<DefinitionFacts> operationFacts; // parallel to document.operations
    QHash<QString, DefinitionFacts> fragmentFacts;
};

// The rules, grouped by what they look at.
void validateDefinitions(ValidationContext& context); // names, anonymous, fragment cycles, unused
void validateSelections(ValidationContext& context); // fields, arguments, values, directives, types
void validateVariables(ValidationContext& context);  // undefined, unused, allowed positions
void validateOverlappingFields(ValidationContext& context);
// Depth of the selection tree with fragments expanded; false (and an error) when too deep.
bool validateDepth(ValidationContext& context);

// "Unknown type \"X\"." style helpers shared by the rules.
QString quoted(const QString& text);

} // namespace kili::graphql
