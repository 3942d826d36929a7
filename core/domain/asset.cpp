#include "domain/asset.h"

#include "domain/jsonfields.h"

#include <QJsonArray>

namespace kili {

Asset Asset::fromJson(const QJsonObject& json) {
    Asset asset;
    asset.id = json.value(QLatin1String("id")).toString();
    asset.externalId = json.value(QLatin1String("externalId")).toString();
    asset.content = json.value(QLatin1String("content")).toString();
    QString why;
    asset.jsonMetadata =
        json::objectFromJsonString(json.value(QLatin1String("jsonMetadata")), &why);
    if (!why.isEmpty()) {
        asset.jsonMetadataError =
            QStringLiteral("The metadata of asset %1 (%2) %3; the asset is shown without "
                           "metadata.")
                .arg(asset.externalId, asset.id, why);
    }
    asset.status = json.value(QLatin1String("status")).toString();
    asset.isHoneypot = json::boolean(json.value(QLatin1String("isHoneypot")));
    asset.skipped = json::boolean(json.value(QLatin1String("skipped")));
    asset.createdAt = json::dateTime(json.value(QLatin1String("createdAt")));
    asset.consensusMark = json::optionalDouble(json.value(QLatin1String("consensusMark")));
    asset.honeypotMark = json::optionalDouble(json.value(QLatin1String("honeypotMark")));
    asset.inferenceMark = json::optionalDouble(json.value(QLatin1String("inferenceMark")));
    const QJsonObject resolution = json.value(QLatin1String("resolution")).toObject();
    asset.width = json::optionalDouble(resolution.value(QLatin1String("width")));
    asset.height = json::optionalDouble(resolution.value(QLatin1String("height")));
    const QJsonObject step = json.value(QLatin1String("currentStep")).toObject();
    asset.currentStepName = step.value(QLatin1String("name")).toString();
    asset.currentStepStatus = step.value(QLatin1String("status")).toString();
    const QJsonArray labels = json.value(QLatin1String("labels")).toArray();
    asset.labels.reserve(labels.size());
    for (const QJsonValue& value : labels) {
        if (!value.isObject())
            continue; // latestLabels-style null entries carry nothing to show
        Label label = Label::fromJson(value.toObject());
        if (label.assetId.isEmpty())
            label.assetId = asset.id;
        asset.labels.append(std::move(label));
    }
    return asset;
}

} // namespace kili
