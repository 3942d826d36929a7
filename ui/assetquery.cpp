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

QStringList AssetQuery::describeAssetFilters() const {
    QStringList parts;
    if (!filter.labelTypes.isEmpty()) {
        QStringList types;
        for (const LabelType& type : filter.labelTypes)
            types << type.toString();
        parts << QStringLiteral("label type %1").arg(types.join(QStringLiteral(" or ")));
    }
    if (!filter.labelAuthors.isEmpty())
        parts << QStringLiteral("label author \"%1\"")
                     .arg(filter.labelAuthors.join(QStringLiteral("\" or \"")));
    if (!filter.externalIdContains.isEmpty())
        parts << QStringLiteral("external ID contains \"%1\"")
                     .arg(filter.externalIdContains.join(QStringLiteral("\" or \"")));
    if (!filter.statuses.isEmpty())
        parts << QStringLiteral("status %1").arg(filter.statuses.join(QStringLiteral(" or ")));
    if (filter.createdAtGte.isValid() || filter.createdAtLte.isValid())
        parts << QStringLiteral("created %1 – %2")
                     .arg(filter.createdAtGte.toString(Qt::ISODate),
                          filter.createdAtLte.toString(Qt::ISODate));
    return parts;
}

} // namespace kili::ui
