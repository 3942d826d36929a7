#include "querycost.h"

#include <algorithm>

namespace kili::sandbox {

namespace {

using graphql::ast::Selection;
using graphql::ast::Value;

// Far above any limit, far below overflow: costs stop growing here.
constexpr qint64 saturation = qint64(1) << 50;

qint64 add(qint64 a, qint64 b) {
    return std::min(saturation, a + b);
}

qint64 multiply(qint64 a, qint64 b) {
    if (a == 0 || b == 0)
        return 0;
    return a > saturation / b ? saturation : a * b;
}

} // namespace

QueryCost::QueryCost(const graphql::Schema& schema, const graphql::ast::Document& document,
                     const QJsonObject& variables, const QueryCostLimits& limits)
    : m_schema(schema)
    , m_document(document)
    , m_variables(variables)
    , m_limits(limits) {}

qint64 QueryCost::operationCost(const QString& operationName) {
    if (!operationName.isEmpty()) {
        const auto* operation = m_document.operation(operationName);
        return operation ? operationCost(*operation) : 0;
    }
    qint64 costliest = 0;
    for (const auto& operation : m_document.operations)
        costliest = std::max(costliest, operationCost(operation));
    return costliest;
}

qint64 QueryCost::operationCost(const graphql::ast::OperationDefinition& operation) {
    // Fragment costs depend on the operation's variables (`first: $n` inside a fragment).
    m_operation = &operation;
    m_fragmentCosts.clear();
    return selectionsCost(operation.selectionSet, m_schema.rootType(operation.operation));
}

qint64 QueryCost::selectionsCost(const graphql::ast::SelectionSet& selections,
                                 const graphql::TypeDef* parent) {
    qint64 cost = 0;
    for (const Selection& selection : selections.selections) {
        switch (selection.kind) {
        case Selection::Kind::Field:
            cost = add(cost, fieldCost(selection, parent));
            break;
        case Selection::Kind::FragmentSpread:
            cost = add(cost, fragmentCost(selection.name));
            break;
        case Selection::Kind::InlineFragment: {
            const graphql::TypeDef* type =
                selection.typeCondition.isEmpty() ? parent : m_schema.type(selection.typeCondition);
            cost = add(cost, selectionsCost(selection.selectionSet, type));
            break;
        }
        }
        if (cost >= saturation)
            break;
    }
    return cost;
}

qint64 QueryCost::fieldCost(const Selection& field, const graphql::TypeDef* parent) {
    // Unknown types and fields (validation refuses them later) still count their selections.
    const graphql::FieldDef* definition = parent ? m_schema.field(*parent, field.name) : nullptr;
    if (field.selectionSet.isEmpty())
        return 1;
    const graphql::TypeDef* type =
        definition ? m_schema.type(definition->type.namedType()) : nullptr;
    const qint64 selections = selectionsCost(field.selectionSet, type);
    const std::optional<qint64> items = itemsCounted(field, definition);
    // Each item of a list costs itself too: reading and writing a row costs even for { id }.
    return items ? add(1, multiply(*items, add(1, selections))) : add(1, selections);
}

std::optional<qint64> QueryCost::itemsCounted(const Selection& field,
                                              const graphql::FieldDef* definition) {
    for (const auto& argument : field.arguments) {
        if (argument.name == QLatin1String("first"))
            return pageSize(argument.value);
    }
    if (definition && definition->type.nullable().isList())
        return m_limits.unpagedListSize;
    return std::nullopt;
}

qint64 QueryCost::pageSize(const Value& first) const {
    const Value* literal = &first;
    if (first.kind == Value::Kind::Variable) {
        const QJsonValue given = m_variables.value(first.text);
        if (given.isDouble())
            return std::clamp<qint64>(given.toInteger(), 0, saturation);
        literal = nullptr;
        for (const auto& variable : m_operation->variables) {
            if (variable.name == first.text && variable.defaultValue)
                literal = &*variable.defaultValue;
        }
    }
    if (literal && literal->kind == Value::Kind::Int) {
        bool ok = false;
        const qint64 size = literal->text.toLongLong(&ok);
        if (ok)
            return std::clamp<qint64>(size, 0, saturation);
    }
    return m_limits.defaultPageSize;
}

qint64 QueryCost::fragmentCost(const QString& name) {
    const auto known = m_fragmentCosts.constFind(name);
    if (known != m_fragmentCosts.constEnd())
        return *known;
    const graphql::ast::FragmentDefinition* fragment = m_document.fragment(name);
    if (!fragment || m_fragmentsInProgress.contains(name))
        return 0;
    m_fragmentsInProgress.insert(name);
    const qint64 cost =
        selectionsCost(fragment->selectionSet, m_schema.type(fragment->typeCondition));
    m_fragmentsInProgress.remove(name);
    m_fragmentCosts.insert(name, cost);
    return cost;
}

} // namespace kili::sandbox
