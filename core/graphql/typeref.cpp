#include "graphql/typeref.h"

namespace kili::graphql {

TypeRef TypeRef::listOf(const TypeRef& inner) {
    TypeRef result = inner;
    result.m_wrappers.prepend(Wrapper::List);
    return result;
}

TypeRef TypeRef::nonNull(const TypeRef& inner) {
    if (inner.isNonNull()) {
        return inner;
    }
    TypeRef result = inner;
    result.m_wrappers.prepend(Wrapper::NonNull);
    return result;
}

TypeRef TypeRef::ofType() const {
    TypeRef result = *this;
    if (!result.m_wrappers.isEmpty()) {
        result.m_wrappers.removeFirst();
    }
    return result;
}

QString TypeRef::toString() const {
    QString prefix;
    QString suffix;
    for (Wrapper wrapper : m_wrappers) {
        if (wrapper == Wrapper::List) {
            prefix += QLatin1Char('[');
            suffix.prepend(QLatin1Char(']'));
        } else {
            suffix.prepend(QLatin1Char('!'));
        }
    }
    return prefix + m_name + suffix;
}

TypeRef TypeRef::fromString(QStringView text) {
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('!'))) {
        TypeRef inner = fromString(text.chopped(1));
        return inner.isValid() && !inner.isNonNull() ? nonNull(inner) : TypeRef();
    }
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']'))) {
        TypeRef inner = fromString(text.mid(1, text.size() - 2));
        return inner.isValid() ? listOf(inner) : TypeRef();
    }
    if (text.isEmpty()) {
        return {};
    }
    for (QChar c : text) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_')) || c.unicode() > 127) {
            return {};
        }
    }
    return TypeRef(text.toString());
}

} // namespace kili::graphql
