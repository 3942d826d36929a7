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
    // Peels modifiers from the outside in without recursion: the text may come from anywhere.
    QList<Wrapper> wrappers;
    text = text.trimmed();
    while (!text.isEmpty()) {
        if (text.endsWith(QLatin1Char('!'))) {
            if (!wrappers.isEmpty() && wrappers.last() == Wrapper::NonNull) {
                return {}; // "X!!"
            }
            wrappers.append(Wrapper::NonNull);
            text = text.chopped(1).trimmed();
        } else if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']'))) {
            wrappers.append(Wrapper::List);
            text = text.mid(1, text.size() - 2).trimmed();
        } else {
            break;
        }
    }
    if (text.isEmpty()) {
        return {};
    }
    for (QChar c : text) {
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || c == QLatin1Char('_'))) {
            return {};
        }
    }
    TypeRef type(text.toString());
    type.m_wrappers = wrappers;
    return type;
}

} // namespace kili::graphql
