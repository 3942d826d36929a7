#include "predictions/categoryresolver.h"

namespace kili::predictions {

CategoryResolver::CategoryResolver(const JobRule& job, const CategoryMap& map)
    : m_job(job.displayName)
    , m_keys(job.categoryKeys) {
    for (const QString& scope : {m_job, kAnyJob}) {
        const QHash<QString, QString> names = map.value(scope);
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            m_mapped.insert(it.key(), it.value());
    }
    for (qsizetype i = 0; i < job.categoryKeys.size(); ++i) {
        const QString& key = job.categoryKeys.at(i);
        QStringList& byKey = m_keysByFolded[folded(key)];
        if (!byKey.contains(key))
            byKey << key;
        QStringList& byName = m_keysByFolded[folded(job.categoryNames.value(i))];
        if (!byName.contains(key))
            byName << key;
    }
}

QString CategoryResolver::folded(const QString& name) {
    QString result;
    result.reserve(name.size());
    bool separator = false;
    for (const QChar c : name.trimmed()) {
        if (c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('_')) {
            separator = true;
            continue;
        }
        if (separator && !result.isEmpty())
            result += QLatin1Char('_');
        separator = false;
        result += c.toCaseFolded();
    }
    return result;
}

std::optional<QString> CategoryResolver::resolve(const QString& name) const {
    if (m_mapped.contains(name) || m_keys.contains(name))
        return name;
    const QStringList keys = m_keysByFolded.value(folded(name));
    if (keys.size() == 1)
        return keys.first();
    return std::nullopt;
}

QString CategoryResolver::unmatchedMessage(const QString& name) const {
    const QStringList keys = m_keysByFolded.value(folded(name));
    if (keys.size() > 1)
        return QStringLiteral("class \"%1\" could be any of %2 in %3; say which with --map "
                              "\"%1=KEY\" (in the desk: the category mapping)")
            .arg(name, keys.join(QStringLiteral(", ")), m_job);
    return QStringLiteral("class \"%1\" matches no category of %2 (its categories: %3); map it "
                          "with --map \"%1=KEY\" (in the desk: the category mapping)")
        .arg(name, m_job, m_keys.join(QStringLiteral(", ")));
}

} // namespace kili::predictions
