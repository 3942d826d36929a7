// The validation driver and the rules that look at whole definitions: operation and fragment
// names, fragment cycles and use, variables of an operation, and the expanded depth.
#include "graphql/validation.h"

#include "graphql/suggestions.h"
#include "graphql/validation_p.h"

#include <QSet>

namespace kili::graphql {

QString quoted(const QString& text) {
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QStringList ValidationContext::reachableFragments(const DefinitionFacts& facts) const {
    QStringList reachable;
    QSet<QString> seen;
    std::vector<const DefinitionFacts*> pending{&facts};
    while (!pending.empty()) {
        const DefinitionFacts* current = pending.back();
        pending.pop_back();
        for (const FragmentSpreadUse& spread : current->spreads) {
            if (seen.contains(spread.name)) {
                continue;
            }
            seen.insert(spread.name);
            const auto it = fragmentFacts.constFind(spread.name);
            if (it != fragmentFacts.cend()) {
                reachable.append(spread.name);
                pending.push_back(&*it);
            }
        }
    }
    return reachable;
}

namespace {

QString definitionName(const ast::TypeSystemDefinition& definition) {
    return definition.kind == ast::TypeSystemDefinition::Kind::Schema ? QStringLiteral("schema")
                                                                      : quoted(definition.name);
}

// graphql-js's NoFragmentCycles, with an explicit stack: a chain of thousands of fragments must
// not recurse thousands of frames deep.
void validateFragmentCycles(ValidationContext& context) {
    QSet<QString> visited;
    for (const ast::FragmentDefinition& start : context.document.fragments) {
        if (visited.contains(start.name)) {
            continue;
        }
        struct Frame {
            QString name;
            const std::vector<FragmentSpreadUse>* spreads;
            size_t next = 0;
        };
        std::vector<Frame> stack;
        std::vector<const FragmentSpreadUse*> spreadPath;
        QHash<QString, qsizetype> spreadPathIndexByName;
        const auto enter = [&](const QString& name) {
            visited.insert(name);
            const auto it = context.fragmentFacts.constFind(name);
            if (it == context.fragmentFacts.cend() || it->spreads.empty()) {
                return;
            }
            spreadPathIndexByName.insert(name, qsizetype(spreadPath.size()));
            stack.push_back(Frame{name, &it->spreads});
        };
        enter(start.name);
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.next > 0) {
                spreadPath.pop_back(); // the spread explored last
            }
            if (frame.next >= frame.spreads->size()) {
                spreadPathIndexByName.remove(frame.name);
                stack.pop_back();
                continue;
            }
            const FragmentSpreadUse& spread = (*frame.spreads)[frame.next++];
            spreadPath.push_back(&spread);
            const auto cycle = spreadPathIndexByName.constFind(spread.name);
            if (cycle == spreadPathIndexByName.cend()) {
                if (!visited.contains(spread.name) && context.fragment(spread.name)) {
                    enter(spread.name);
                }
                continue;
            }
            QStringList via;
            QList<SourceLocation> locations;
            for (size_t i = size_t(*cycle); i < spreadPath.size(); ++i) {
                locations.append(spreadPath[i]->location);
                if (i + 1 < spreadPath.size()) {
                    via.append(quoted(spreadPath[i]->name));
                }
            }
            context.report(
                QStringLiteral("Cannot spread fragment \"%1\" within itself").arg(spread.name)
                    + (via.isEmpty() ? QStringLiteral(".")
                                     : QLatin1String(" via ") + via.join(QLatin1String(", "))
                                           + QLatin1Char('.')),
                locations);
        }
    }
}

int selectionDepth(const ast::SelectionSet& selectionSet,
                   const QHash<QString, int>& fragmentDepth) {
    int depth = 0;
    for (const ast::Selection& selection : selectionSet.selections) {
        switch (selection.kind) {
        case ast::Selection::Kind::Field:
            depth = std::max(depth, 1 + selectionDepth(selection.selectionSet, fragmentDepth));
            break;
        case ast::Selection::Kind::InlineFragment:
            depth = std::max(depth, selectionDepth(selection.selectionSet, fragmentDepth));
            break;
        case ast::Selection::Kind::FragmentSpread:
            depth = std::max(depth, fragmentDepth.value(selection.name, 0));
            break;
        }
    }
    return depth;
}

} // namespace

bool validateDepth(ValidationContext& context) {
    // Fragment depths in dependency order (post-order of an explicit DFS); a spread inside a cycle
    // counts as 0 here and is reported by the cycle rule.
    QHash<QString, int> fragmentDepth;
    QSet<QString> started;
    for (const ast::FragmentDefinition& start : context.document.fragments) {
        if (started.contains(start.name)) {
            continue;
        }
        std::vector<std::pair<QString, size_t>> stack{{start.name, 0}};
        started.insert(start.name);
        while (!stack.empty()) {
            auto& [name, next] = stack.back();
            static const std::vector<FragmentSpreadUse> none;
            const auto facts = context.fragmentFacts.constFind(name);
            const std::vector<FragmentSpreadUse>& spreads =
                facts == context.fragmentFacts.cend() ? none : facts->spreads;
            if (next < spreads.size()) {
                const QString& child = spreads[next++].name;
                if (!started.contains(child) && context.fragment(child)) {
                    started.insert(child);
                    stack.emplace_back(child, 0);
                }
                continue;
            }
            fragmentDepth.insert(
                name, selectionDepth(context.fragment(name)->selectionSet, fragmentDepth));
            stack.pop_back();
        }
    }
    const int maxDepth = context.limits.maxDepth;
    for (const ast::OperationDefinition& operation : context.document.operations) {
        if (selectionDepth(operation.selectionSet, fragmentDepth) > maxDepth) {
            context.report(QStringLiteral("The operation%1 nests fields deeper than %2 levels once "
                                          "fragments are expanded; send a shallower document.")
                               .arg(operation.name.isEmpty()
                                        ? QString()
                                        : QLatin1Char(' ') + quoted(operation.name))
                               .arg(maxDepth),
                           {operation.location});
            return false;
        }
    }
    for (const ast::FragmentDefinition& fragment : context.document.fragments) {
        if (fragmentDepth.value(fragment.name) > maxDepth) {
            context.report(QStringLiteral("The fragment \"%1\" nests fields deeper than %2 levels "
                                          "once fragments are expanded; send a shallower document.")
                               .arg(fragment.name)
                               .arg(maxDepth),
                           {fragment.location});
            return false;
        }
    }
    return true;
}

void validateDefinitions(ValidationContext& context) {
    const Document& document = context.document;
    for (const ast::TypeSystemDefinition& definition : document.typeDefinitions) {
        context.report(
            QStringLiteral("The %1 definition is not executable.").arg(definitionName(definition)),
            {definition.location});
    }
    QHash<QString, SourceLocation> operationNames;
    for (const ast::OperationDefinition& operation : document.operations) {
        if (operation.name.isEmpty()) {
            if (document.operations.size() > 1) {
                context.report(QStringLiteral("This anonymous operation must be the only defined "
                                              "operation."),
                               {operation.location});
            }
            continue;
        }
        const auto it = operationNames.constFind(operation.name);
        if (it != operationNames.cend()) {
            context.report(
                QStringLiteral("There can be only one operation named \"%1\".").arg(operation.name),
                {*it, operation.location});
        } else {
            operationNames.insert(operation.name, operation.location);
        }
    }
    QHash<QString, SourceLocation> fragmentNames;
    for (const ast::FragmentDefinition& fragment : document.fragments) {
        const auto it = fragmentNames.constFind(fragment.name);
        if (it != fragmentNames.cend()) {
            context.report(
                QStringLiteral("There can be only one fragment named \"%1\".").arg(fragment.name),
                {*it, fragment.location});
        } else {
            fragmentNames.insert(fragment.name, fragment.location);
        }
    }
}

namespace {

void validateFragmentUse(ValidationContext& context) {
    QSet<QString> used;
    for (const DefinitionFacts& facts : context.operationFacts) {
        for (const QString& name : context.reachableFragments(facts)) {
            used.insert(name);
        }
    }
    for (const ast::FragmentDefinition& fragment : context.document.fragments) {
        if (!used.contains(fragment.name)) {
            context.report(QStringLiteral("Fragment \"%1\" is never used.").arg(fragment.name),
                           {fragment.location});
        }
    }
}

bool allowedVariableUsage(const Schema& schema, const ast::VariableDefinition& variable,
                          const VariableUsage& usage) {
    const TypeRef& variableType = variable.type;
    const TypeRef& locationType = usage.type;
    if (locationType.isNonNull() && !variableType.isNonNull()) {
        const bool hasNonNullDefault =
            variable.defaultValue && variable.defaultValue->kind != ast::Value::Kind::Null;
        if (!hasNonNullDefault && !usage.hasLocationDefault) {
            return false;
        }
        return schema.isTypeSubTypeOf(variableType, locationType.ofType());
    }
    return schema.isTypeSubTypeOf(variableType, locationType);
}

} // namespace

void validateVariables(ValidationContext& context) {
    const Schema& schema = context.schema;
    for (size_t i = 0; i < context.document.operations.size(); ++i) {
        const ast::OperationDefinition& operation = context.document.operations[i];
        QHash<QString, const ast::VariableDefinition*> defined;
        for (const ast::VariableDefinition& variable : operation.variables) {
            if (const ast::VariableDefinition* first = defined.value(variable.name)) {
                context.report(QStringLiteral("There can be only one variable named \"$%1\".")
                                   .arg(variable.name),
                               {first->location, variable.location});
                continue;
            }
            defined.insert(variable.name, &variable);
            const TypeDef* type = schema.type(variable.type.namedType());
            if (type && !type->isInputType()) {
                context.report(QStringLiteral("Variable \"$%1\" cannot be non-input type \"%2\".")
                                   .arg(variable.name, variable.type.toString()),
                               {variable.typeLocation});
            }
        }

        std::vector<const VariableUsage*> usages;
        const DefinitionFacts& facts = context.operationFacts[i];
        for (const VariableUsage& usage : facts.variableUsages) {
            usages.push_back(&usage);
        }
        for (const QString& fragment : context.reachableFragments(facts)) {
            for (const VariableUsage& usage :
                 context.fragmentFacts.constFind(fragment)->variableUsages) {
                usages.push_back(&usage);
            }
        }

        QSet<QString> used;
        for (const VariableUsage* usage : usages) {
            used.insert(usage->name);
            const ast::VariableDefinition* variable = defined.value(usage->name);
            if (!variable) {
                context.report(
                    operation.name.isEmpty()
                        ? QStringLiteral("Variable \"$%1\" is not defined.").arg(usage->name)
                        : QStringLiteral("Variable \"$%1\" is not defined by operation \"%2\".")
                              .arg(usage->name, operation.name),
                    {usage->location, operation.location});
                continue;
            }
            const TypeDef* variableType = schema.type(variable->type.namedType());
            if (usage->type.isValid() && variableType && variableType->isInputType()
                && !allowedVariableUsage(schema, *variable, *usage)) {
                context.report(
                    QStringLiteral("Variable \"$%1\" of type \"%2\" used in position "
                                   "expecting type \"%3\".")
                        .arg(usage->name, variable->type.toString(), usage->type.toString()),
                    {variable->location, usage->location});
            }
        }
        for (const ast::VariableDefinition& variable : operation.variables) {
            if (!used.contains(variable.name) && defined.value(variable.name) == &variable) {
                context.report(
                    operation.name.isEmpty()
                        ? QStringLiteral("Variable \"$%1\" is never used.").arg(variable.name)
                        : QStringLiteral("Variable \"$%1\" is never used in operation \"%2\".")
                              .arg(variable.name, operation.name),
                    {variable.location});
            }
        }
    }
}

namespace {

// SingleFieldSubscriptions: a subscription selects exactly one root field, not an introspection
// one. Fragments are flattened iteratively; @skip/@include are not evaluated (no variables yet).
void validateSubscriptions(ValidationContext& context) {
    for (const ast::OperationDefinition& operation : context.document.operations) {
        if (operation.operation != ast::OperationDefinition::Type::Subscription
            || !context.schema.subscriptionType()) {
            continue;
        }
        std::vector<const ast::Selection*> fields;
        QStringList keys;
        QSet<QString> visited;
        std::vector<const ast::SelectionSet*> pending{&operation.selectionSet};
        while (!pending.empty()) {
            const ast::SelectionSet* set = pending.back();
            pending.pop_back();
            for (auto it = set->selections.rbegin(); it != set->selections.rend(); ++it) {
                if (it->kind == ast::Selection::Kind::Field) {
                    fields.push_back(&*it);
                    if (!keys.contains(it->responseKey())) {
                        keys.append(it->responseKey());
                    }
                } else if (it->kind == ast::Selection::Kind::InlineFragment) {
                    pending.push_back(&it->selectionSet);
                } else if (!visited.contains(it->name) && context.fragment(it->name)) {
                    visited.insert(it->name);
                    pending.push_back(&context.fragment(it->name)->selectionSet);
                }
            }
        }
        const QString subject = operation.name.isEmpty()
                                    ? QStringLiteral("Anonymous Subscription")
                                    : QStringLiteral("Subscription \"%1\"").arg(operation.name);
        if (keys.size() > 1) {
            context.report(subject + QLatin1String(" must select only one top level field."),
                           {operation.location});
        }
        for (const ast::Selection* field : fields) {
            if (field->name.startsWith(QLatin1String("__"))) {
                context.report(subject
                                   + QLatin1String(" must not select an introspection top level "
                                                   "field."),
                               {field->location});
            }
        }
    }
}

} // namespace

QList<GraphQLError> validate(const Schema& schema, const Document& document,
                             const ValidationLimits& limits) {
    ValidationContext context(schema, document, limits);
    if (!schema.isValid()) {
        context.report(QStringLiteral("The schema is not valid; build it with Schema::fromSdl or "
                                      "Schema::fromIntrospection and check the error."),
                       {});
        return context.errors;
    }
    validateDefinitions(context);
    validateSelections(context);
    if (!validateDepth(context)) {
        return context.errors;
    }
    validateFragmentCycles(context);
    validateFragmentUse(context);
    validateVariables(context);
    validateSubscriptions(context);
    validateOverlappingFields(context);
    return context.errors;
}

} // namespace kili::graphql
