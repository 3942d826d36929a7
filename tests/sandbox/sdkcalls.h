#pragma once

#include "sdkreplay.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kili::sandbox::testing {

// Kili Python SDK calls made of several requests, replayed on SdkReplay: what export_labels
// reads and keeps, what create_predictions / append_labels and delete_labels send.
namespace sdkcalls {

// The external ids of the assets kili.export_labels(..., export_type=TYPE) keeps with its default
// label types, DEFAULT and REVIEW: sent as the label filter, then applied to `latestLabel`
// ("latest") or `latestLabels` ("latest_from_last_step") as the SDK does. `assetSet` adds
// members to the AssetWhere (asset_filter_kwargs).
QStringList exported(SdkReplay& sdk, const QString& projectId, const QString& exportType,
                     const QJsonObject& assetSet = {});
// kili.assets(project_id, fields=["id"]).
QStringList assetIds(SdkReplay& sdk, const QString& projectId);
// kili.create_predictions / kili.append_labels: batches of 100 appendManyLabels, each item with
// the SDK's explicit nulls. Returns the created ids; the first error ends it, in `*failure` when
// given (else it fails the test).
QStringList appendLabels(SdkReplay& sdk, const QString& projectId, const QStringList& assets,
                         const QString& labelType, const QJsonValue& modelName, bool overwrite,
                         HttpResult* failure = nullptr,
                         const QJsonValue& stepName = QJsonValue::Null);
// kili.delete_labels: batches of 100.
void deleteLabels(SdkReplay& sdk, const QStringList& ids);
// kili.count_labels(project_id, type_in=[TYPE]).
int countLabels(SdkReplay& sdk, const QString& projectId, const QString& type);

} // namespace sdkcalls
} // namespace kili::sandbox::testing
