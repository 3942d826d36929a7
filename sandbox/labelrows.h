#pragma once

#include <QJsonArray>
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

// DEFAULT and REVIEW: what people submitted, as opposed to model output (PREDICTION, INFERENCE)
// and drafts (AUTOSAVE).
bool isHuman(const QJsonObject& label);
// Asset.latestLabel of an asset's labels (oldest first): its most recent human label, null when
// it has none. Exports keep an asset by this label's type, so importing predictions must not
// change it.
QJsonValue latestLabel(const QJsonArray& labels);
// Asset.latestLabels: the latest label of each person in the asset's last step (the step of its
// latest human label); empty when no person labelled it.
QJsonArray latestLabels(const QJsonArray& labels);

} // namespace labelrows
} // namespace kili::sandbox
