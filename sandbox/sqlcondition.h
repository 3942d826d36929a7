#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace kili::sandbox {

// A conjunction of SQL conditions with their bound values, built from a GraphQL `where` object.
// `impossible` marks a filter that no row can satisfy (an unknown project id, an issue filter in a
// sandbox without issues): callers answer an empty page without asking SQLite.
struct SqlCondition {
    QStringList clauses;
    QVariantList values;
    bool impossible = false;

    void add(const QString& clause, const QVariantList& bound = {}) {
        clauses.append(clause);
        values.append(bound);
    }
    void merge(const SqlCondition& other) {
        clauses.append(other.clauses);
        values.append(other.values);
        impossible = impossible || other.impossible;
    }
    QString whereClause() const {
        return clauses.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
    QString andClause() const {
        return clauses.isEmpty() ? QString()
                                 : QStringLiteral(" AND ") + clauses.join(QStringLiteral(" AND "));
    }
};

// "?, ?, ?" for n values.
inline QString placeholders(qsizetype n) {
    QString out;
    out.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        out.append(i == 0 ? QStringLiteral("?") : QStringLiteral(", ?"));
    return out;
}

} // namespace kili::sandbox
