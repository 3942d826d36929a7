#include "assetquery.h"

namespace kili::ui {

bool AssetQuery::filtersLabels() const {
    return !filter.labelTypes.isEmpty() || !filter.labelAuthors.isEmpty() || !modelName.isEmpty();
}

bool AssetQuery::shows(const Label& label) const {
    if (!filter.labelTypes.isEmpty() && !filter.labelTypes.contains(label.labelType))
        return false;
    if (!modelName.isEmpty() && !label.modelName.contains(modelName, Qt::CaseInsensitive))
        return false;
    if (!filter.labelAuthors.isEmpty()) {
        const User& author = label.author;
        bool matches = false;
        for (const QString& wanted : filter.labelAuthors) {
            matches = matches || author.email.contains(wanted, Qt::CaseInsensitive)
                      || author.firstname.compare(wanted, Qt::CaseInsensitive) == 0
                      || author.lastname.compare(wanted, Qt::CaseInsensitive) == 0
                      || author.displayName().compare(wanted, Qt::CaseInsensitive) == 0;
        }
        if (!matches)
            return false;
    }
    return true;
}

} // namespace kili::ui
