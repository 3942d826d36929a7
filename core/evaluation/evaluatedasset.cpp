#include "evaluation/evaluatedasset.h"

namespace kili::evaluation {

CategoryIndex::CategoryIndex(const QStringList& known) {
    for (const QString& name : known)
        indexOf(name);
}

int CategoryIndex::indexOf(const QString& name) {
    // Called for every object of a project: a few categories are found faster by looking at each
    // than by hashing the name.
    if (m_names.size() <= kScannedNames) {
        const qsizetype at = m_names.indexOf(name);
        if (at >= 0)
            return int(at);
    }
    const auto found = m_index.constFind(name);
    if (found != m_index.constEnd())
        return *found;
    const int index = int(m_names.size());
    m_names.append(name);
    m_index.insert(name, index);
    return index;
}

} // namespace kili::evaluation
