#include "api/filters.h"

#include <QJsonArray>

namespace kili::api {

namespace {
void insertList(QJsonObject& where, const char* key, const QStringList& values) {
    if (!values.isEmpty())
        where.insert(QLatin1String(key), QJsonArray::fromStringList(values));
}

void insertTypes(QJsonObject& where, const QList<kili::LabelType>& types) {
    if (types.isEmpty())
        return;
    QJsonArray array;
    for (const kili::LabelType& type : types)
        array.append(type.toString());
    where.insert(QLatin1String("typeIn"), array);
}

void insertDate(QJsonObject& where, const char* key, const QDate& date) {
    // The SDK sends date filters as YYYY-MM-DD.
    if (date.isValid())
        where.insert(QLatin1String(key), date.toString(Qt::ISODate));
}

QJsonObject projectRef(const QString& projectId) {
    return QJsonObject{{QStringLiteral("id"), projectId}};
}

QString likeEscaped(QString text) {
    // The server takes an ILIKE pattern: a user's % or _ are literal characters here.
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('%'), QLatin1String("\\%"));
    text.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return text;
}
} // namespace

QJsonObject AssetFilter::toWhere() const {
    QJsonObject where;
    if (!projectId.isEmpty())
        where.insert(QLatin1String("project"), projectRef(projectId));
    insertList(where, "idIn", ids);
    insertList(where, "externalIdStrictlyIn", externalIdsStrictlyIn);
    insertList(where, "externalIdIn", externalIdContains);
    insertList(where, "statusIn", statuses);
    insertList(where, "stepStatusIn", stepStatuses);
    insertDate(where, "createdAtGte", createdAtGte);
    insertDate(where, "createdAtLte", createdAtLte);
    QJsonObject label;
    insertTypes(label, labelTypes);
    insertList(label, "authorIn", labelAuthors);
    if (!label.isEmpty())
        where.insert(QLatin1String("label"), label);
    return where;
}

QJsonObject LabelFilter::toWhere() const {
    QJsonObject where;
    if (!projectId.isEmpty())
        where.insert(QLatin1String("project"), projectRef(projectId));
    insertList(where, "idIn", ids);
    insertTypes(where, labelTypes);
    insertList(where, "authorIn", authors);
    insertDate(where, "createdAtGte", createdAtGte);
    insertDate(where, "createdAtLte", createdAtLte);
    if (!userId.isEmpty())
        where.insert(QLatin1String("user"), QJsonObject{{QStringLiteral("id"), userId}});
    QJsonObject asset;
    if (!assetId.isEmpty())
        asset.insert(QLatin1String("id"), assetId);
    insertList(asset, "externalIdStrictlyIn", assetExternalIds);
    if (!asset.isEmpty())
        where.insert(QLatin1String("asset"), asset);
    return where;
}

QJsonObject ProjectFilter::toWhere() const {
    QJsonObject where;
    if (!projectId.isEmpty())
        where.insert(QLatin1String("id"), projectId);
    const QString search = searchText.trimmed();
    if (!search.isEmpty())
        where.insert(QLatin1String("searchQuery"),
                     QString(QLatin1Char('%') + likeEscaped(search) + QLatin1Char('%')));
    if (!includeArchived)
        where.insert(QLatin1String("archived"), false);
    return where;
}

} // namespace kili::api
