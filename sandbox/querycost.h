#pragma once

#include "graphql/ast.h"
#include "graphql/schema.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <optional>

namespace kili::sandbox {

// How a document's cost is counted, and how much one request may cost. Kili sends a query's cost
// in the `x-complexity` header but publishes no limit; this one lets every operation of Kili
// Desk's client and of the Kili SDK through at the largest page size (the heaviest,
// assetsWithLabels at first: 500, costs about 90,000), and refuses documents that multiply
// pages by aliases, fragments or nesting (2,000 aliases of labels(first: 500) { id } cost 2
// million).
struct QueryCostLimits {
    qint64 maxCost = 200000;
    // Lists that take no `first` (Asset.labels, Project.roles, introspection lists): the number
    // of items counted for each, since their real size is only known once they are read.
    int unpagedListSize = 10;
    // A `first` whose value cannot be read (a missing or mistyped variable) counts as the largest
    // page; the request then fails its own validation anyway.
    int defaultPageSize = 500;
};

// The cost of an operation, computed from the document alone before anything runs, so that a
// costly document is refused in the time it takes to walk it: every field costs 1, and each item
// of a list costs 1 plus its selection (`first` items of a paged list). Fragments are
// counted once each (memoised), so a fan-out of fragments spreading fragments costs its walk, not
// its expansion; cycles count nothing (validation refuses them). Sums saturate instead of
// overflowing.
class QueryCost {
public:
    QueryCost(const graphql::Schema& schema, const graphql::ast::Document& document,
              const QJsonObject& variables, const QueryCostLimits& limits);

    // The cost of the operation that will run: the one named, or the only one; when that is
    // ambiguous (the request then fails validation), the costliest.
    qint64 operationCost(const QString& operationName);

private:
    qint64 selectionsCost(const graphql::ast::SelectionSet& selections,
                          const graphql::TypeDef* parent);
    qint64 fieldCost(const graphql::ast::Selection& field, const graphql::TypeDef* parent);
    qint64 fragmentCost(const QString& name);
    // How many items a list field is counted for; nothing for a field that is not a list.
    std::optional<qint64> itemsCounted(const graphql::ast::Selection& field,
                                       const graphql::FieldDef* definition);
    qint64 pageSize(const graphql::ast::Value& first) const;
    qint64 operationCost(const graphql::ast::OperationDefinition& operation);

    const graphql::Schema& m_schema;
    const graphql::ast::Document& m_document;
    const QJsonObject& m_variables;
    QueryCostLimits m_limits;
    const graphql::ast::OperationDefinition* m_operation = nullptr;
    QHash<QString, qint64> m_fragmentCosts;
    QSet<QString> m_fragmentsInProgress;
};

} // namespace kili::sandbox
