// A reference to a type as written in a document or a schema: a named type wrapped in list and
// non-null modifiers, e.g. `[Asset!]!`.
#pragma once

#include <QList>
#include <QString>
#include <algorithm>

namespace kili::graphql {

class TypeRef {
public:
    enum class Wrapper : unsigned char { List, NonNull };

    TypeRef() = default;
    explicit TypeRef(QString namedType)
        : m_name(std::move(namedType)) {}

    static TypeRef listOf(const TypeRef& inner);
    static TypeRef nonNull(const TypeRef& inner);
    // Parses "[Asset!]!" style text; returns an invalid TypeRef on malformed text.
    static TypeRef fromString(QStringView text);

    bool isValid() const { return !m_name.isEmpty(); }
    bool isNonNull() const {
        return !m_wrappers.isEmpty() && m_wrappers.first() == Wrapper::NonNull;
    }
    // A list, possibly behind a non-null: `[X]` or `[X]!`.
    bool isList() const { return !m_wrappers.isEmpty() && m_wrappers.first() == Wrapper::List; }
    bool isNamed() const { return m_wrappers.isEmpty(); }
    // The type inside the outermost modifier (the same type when there is none).
    TypeRef ofType() const;
    // The type with a non-null modifier removed, if there is one.
    TypeRef nullable() const { return isNonNull() ? ofType() : *this; }
    const QString& namedType() const { return m_name; }
    const QList<Wrapper>& wrappers() const { return m_wrappers; }
    int depth() const { return int(m_wrappers.size()); }

    QString toString() const;
    // Not defaulted: Qt 6.4's QList<enum>::operator== passes null pointers to memcmp for empty
    // lists, which UBSan reports.
    bool operator==(const TypeRef& other) const {
        return m_name == other.m_name
               && std::equal(m_wrappers.cbegin(), m_wrappers.cend(), other.m_wrappers.cbegin(),
                             other.m_wrappers.cend());
    }

private:
    QList<Wrapper> m_wrappers; // outermost first
    QString m_name;
};

} // namespace kili::graphql
