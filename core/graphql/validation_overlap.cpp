// OverlappingFieldsCanBeMerged (https://spec.graphql.org/October2021/#sec-Field-Selection-Merging):
// fields with one response name must be the same field with the same arguments, or be on types
// that exclude each other, and return shapes that merge. Follows graphql-js's algorithm and
// messages, without its caches but with a budget of work so that a hostile document cannot make
// validation quadratic for long.
#include "graphql/validation_p.h"

#include <QSet>
#include <optional>

namespace kili::graphql {

namespace {

// Units of work (fields collected, pairs compared) one document may cost this rule.
constexpr qint64 maxWork = 500000;

struct FieldEntry {
    const TypeDef* parentType;
    const ast::Selection* node;
    const FieldDef* definition;
};

using FieldMap = std::vector<std::pair<QString, std::vector<FieldEntry>>>;

struct Conflict {
    QString responseKey;
    QString reason;             // when the fields themselves differ
    std::vector<Conflict> subs; // when their subfields do
    QList<SourceLocation> fields1;
    QList<SourceLocation> fields2;
};

QString reasonMessage(const Conflict& conflict) {
    if (conflict.subs.empty()) {
        return conflict.reason;
    }
    QStringList parts;
    for (const Conflict& sub : conflict.subs) {
        parts.append(QStringLiteral("subfields \"%1\" conflict because %2")
                         .arg(sub.responseKey, reasonMessage(sub)));
    }
    return parts.join(QLatin1String(" and "));
}

bool sameArguments(const ast::Selection& a, const ast::Selection& b) {
    if (a.arguments.size() != b.arguments.size()) {
        return false;
    }
    for (const ast::Argument& argument : a.arguments) {
        const auto other = std::find_if(
            b.arguments.begin(), b.arguments.end(),
            [&](const ast::Argument& candidate) { return candidate.name == argument.name; });
        if (other == b.arguments.end()
            || ast::printValue(other->value) != ast::printValue(argument.value)) {
            return false;
        }
    }
    return true;
}

class OverlapChecker {
public:
    explicit OverlapChecker(ValidationContext& context)
        : m_context(context)
        , m_schema(context.schema) {}

    void checkSelectionSet(const ast::SelectionSet& selectionSet, const TypeDef* parentType) {
        if (m_exhausted) {
            return;
        }
        FieldMap fields;
        QSet<QString> visited;
        collectFields(parentType, selectionSet, fields, visited);
        for (auto& [key, entries] : fields) {
            removeIdenticalFields(entries);
            for (size_t i = 0; i < entries.size(); ++i) {
                for (size_t j = i + 1; j < entries.size(); ++j) {
                    if (std::optional<Conflict> conflict =
                            findConflict(false, key, entries[i], entries[j])) {
                        reportConflict(*conflict);
                    }
                    if (m_exhausted || m_context.isFull()) {
                        return;
                    }
                }
            }
        }
        // Nested selection sets are checked on their own, as graphql-js visits each of them.
        for (const ast::Selection& selection : selectionSet.selections) {
            if (selection.kind == ast::Selection::Kind::Field) {
                const FieldDef* definition =
                    parentType ? m_schema.field(*parentType, selection.name) : nullptr;
                const TypeDef* type =
                    definition ? m_schema.type(definition->type.namedType()) : nullptr;
                if (!selection.selectionSet.isEmpty()) {
                    checkSelectionSet(selection.selectionSet,
                                      type && type->isComposite() ? type : nullptr);
                }
            } else if (selection.kind == ast::Selection::Kind::InlineFragment) {
                const TypeDef* type = selection.typeCondition.isEmpty()
                                          ? parentType
                                          : m_schema.type(selection.typeCondition);
                checkSelectionSet(selection.selectionSet, type);
            }
        }
    }

private:
    // Counts work; once over budget, reports once and makes every check stop.
    bool spend(qint64 units, const SourceLocation& location) {
        m_work += units;
        if (m_work > maxWork && !m_exhausted) {
            m_exhausted = true;
            m_context.report(QStringLiteral("The document is too complex to check that fields with "
                                            "the same response name can be merged (more than %1 "
                                            "steps); simplify it or split it into several "
                                            "documents.")
                                 .arg(maxWork),
                             {location});
        }
        return !m_exhausted;
    }

    static void removeIdenticalFields(std::vector<FieldEntry>& entries) {
        QSet<std::pair<const TypeDef*, size_t>> seen;
        std::vector<FieldEntry> unique;
        for (const FieldEntry& entry : entries) {
            const auto key = std::make_pair(entry.parentType, entry.node->fingerprint);
            if (!seen.contains(key)) {
                seen.insert(key);
                unique.push_back(entry);
            }
        }
        entries = std::move(unique);
    }

    void reportConflict(const Conflict& conflict) {
        m_context.report(QStringLiteral("Fields \"%1\" conflict because %2. Use different aliases "
                                        "on the fields to fetch both if this was intentional.")
                             .arg(conflict.responseKey, reasonMessage(conflict)),
                         conflict.fields1 + conflict.fields2);
    }

    // Fields of a selection set by response key, fragments expanded in document order. Iterative:
    // a chain of thousands of fragments spread one inside the other must not recurse as deep.
    void collectFields(const TypeDef* parentType, const ast::SelectionSet& selectionSet,
                       FieldMap& fields, QSet<QString>& visitedFragments) {
        struct Frame {
            const TypeDef* type;
            const ast::SelectionSet* set;
            size_t next;
        };
        QHash<QString, size_t> indexByKey;
        for (size_t i = 0; i < fields.size(); ++i) {
            indexByKey.insert(fields[i].first, i);
        }
        std::vector<Frame> stack{{parentType, &selectionSet, 0}};
        while (!stack.empty()) {
            Frame& frame = stack.back();
            if (frame.next >= frame.set->selections.size()) {
                stack.pop_back();
                continue;
            }
            const TypeDef* type = frame.type;
            const ast::Selection& selection = frame.set->selections[frame.next++];
            if (!spend(1, selection.location)) {
                return;
            }
            switch (selection.kind) {
            case ast::Selection::Kind::Field: {
                const FieldDef* definition = type ? m_schema.field(*type, selection.name) : nullptr;
                const QString& key = selection.responseKey();
                auto it = indexByKey.constFind(key);
                if (it == indexByKey.cend()) {
                    it = indexByKey.insert(key, fields.size());
                    fields.emplace_back(key, std::vector<FieldEntry>{});
                }
                fields[*it].second.push_back(FieldEntry{type, &selection, definition});
                break;
            }
            case ast::Selection::Kind::InlineFragment:
                stack.push_back(Frame{selection.typeCondition.isEmpty()
                                          ? type
                                          : m_schema.type(selection.typeCondition),
                                      &selection.selectionSet, 0});
                break;
            case ast::Selection::Kind::FragmentSpread:
                if (!visitedFragments.contains(selection.name)) {
                    visitedFragments.insert(selection.name);
                    if (const ast::FragmentDefinition* fragment =
                            m_context.fragment(selection.name)) {
                        stack.push_back(Frame{m_schema.type(fragment->typeCondition),
                                              &fragment->selectionSet, 0});
                    }
                }
                break;
            }
        }
    }

    bool typesConflict(const TypeRef& type1, const TypeRef& type2) const {
        if (type1.isList()) {
            return type2.isList() ? typesConflict(type1.ofType(), type2.ofType()) : true;
        }
        if (type2.isList()) {
            return true;
        }
        if (type1.isNonNull()) {
            return type2.isNonNull() ? typesConflict(type1.ofType(), type2.ofType()) : true;
        }
        if (type2.isNonNull()) {
            return true;
        }
        const TypeDef* named1 = m_schema.type(type1.namedType());
        const TypeDef* named2 = m_schema.type(type2.namedType());
        if ((named1 && named1->isLeaf()) || (named2 && named2->isLeaf())) {
            return type1.namedType() != type2.namedType();
        }
        return false;
    }

    std::optional<Conflict> findConflict(bool parentsExclusive, const QString& key,
                                         const FieldEntry& a, const FieldEntry& b) {
        if (a.parentType == b.parentType && a.node->fingerprint == b.node->fingerprint) {
            return std::nullopt;
        }
        if (!spend(1, a.node->location)) {
            return std::nullopt;
        }
        const bool exclusive = parentsExclusive
                               || (a.parentType != b.parentType && a.parentType && b.parentType
                                   && a.parentType->kind == TypeKind::Object
                                   && b.parentType->kind == TypeKind::Object);
        const auto conflict = [&](const QString& reason) {
            return Conflict{key, reason, {}, {a.node->location}, {b.node->location}};
        };
        if (!exclusive) {
            if (a.node->name != b.node->name) {
                return conflict(QStringLiteral("\"%1\" and \"%2\" are different fields")
                                    .arg(a.node->name, b.node->name));
            }
            if (!sameArguments(*a.node, *b.node)) {
                return conflict(QStringLiteral("they have differing arguments"));
            }
        }
        if (a.definition && b.definition && typesConflict(a.definition->type, b.definition->type)) {
            return conflict(QStringLiteral("they return conflicting types \"%1\" and \"%2\"")
                                .arg(a.definition->type.toString(), b.definition->type.toString()));
        }
        if (a.node->selectionSet.isEmpty() || b.node->selectionSet.isEmpty()) {
            return std::nullopt;
        }
        const TypeDef* type1 =
            a.definition ? m_schema.type(a.definition->type.namedType()) : nullptr;
        const TypeDef* type2 =
            b.definition ? m_schema.type(b.definition->type.namedType()) : nullptr;
        FieldMap fields1;
        FieldMap fields2;
        QSet<QString> visited1;
        QSet<QString> visited2;
        collectFields(type1, a.node->selectionSet, fields1, visited1);
        collectFields(type2, b.node->selectionSet, fields2, visited2);
        Conflict result{key, {}, {}, {a.node->location}, {b.node->location}};
        QHash<QString, size_t> index2;
        for (size_t k = 0; k < fields2.size(); ++k) {
            index2.insert(fields2[k].first, k);
        }
        for (auto& [subKey, entries1] : fields1) {
            const auto otherIndex = index2.constFind(subKey);
            if (otherIndex == index2.cend()) {
                continue;
            }
            auto* other = &fields2[*otherIndex];
            removeIdenticalFields(entries1);
            removeIdenticalFields(other->second);
            for (const FieldEntry& entry1 : entries1) {
                for (const FieldEntry& entry2 : other->second) {
                    if (std::optional<Conflict> sub =
                            findConflict(exclusive, subKey, entry1, entry2)) {
                        result.fields1 += sub->fields1;
                        result.fields2 += sub->fields2;
                        result.subs.push_back(std::move(*sub));
                    }
                    if (m_exhausted) {
                        return std::nullopt;
                    }
                }
            }
        }
        if (result.subs.empty()) {
            return std::nullopt;
        }
        return result;
    }

    ValidationContext& m_context;
    const Schema& m_schema;
    qint64 m_work = 0;
    bool m_exhausted = false;
};

} // namespace

void validateOverlappingFields(ValidationContext& context) {
    OverlapChecker checker(context);
    for (const ast::OperationDefinition& operation : context.document.operations) {
        checker.checkSelectionSet(operation.selectionSet,
                                  context.schema.rootType(operation.operation));
    }
    for (const ast::FragmentDefinition& fragment : context.document.fragments) {
        const TypeDef* type = context.schema.type(fragment.typeCondition);
        checker.checkSelectionSet(fragment.selectionSet,
                                  type && type->isComposite() ? type : nullptr);
    }
}

} // namespace kili::graphql
