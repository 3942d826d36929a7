#pragma once

#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

namespace kili::sandbox {

class AccountStore;
class ProjectStore;

// The columns every label read selects (table alias `l`, its asset joined as `lj`), and their
// conversion to the GraphQL Label shape, shared by asset pages (labels of many assets in one
// query) and the labels root field.
namespace labelrows {

QString columns();
// FROM clause joining the asset, for the alias names `columns()` uses.
QString from();
QJsonObject toJson(const QSqlQuery& query, AccountStore& accounts, const ProjectStore& projects);
// Column index of the label's asset seq in `columns()`.
constexpr int assetSeqColumn = 12;

} // namespace labelrows
} // namespace kili::sandbox
