#include "domain/label.h"

#include "domain/jsonfields.h"

namespace kili {

Label Label::fromJson(const QJsonObject& json) {
    Label label;
    label.id = json.value(QLatin1String("id")).toString();
    label.labelType = LabelType::fromString(json.value(QLatin1String("labelType")).toString());
    QString why;
    label.jsonResponse =
        json::objectFromJsonString(json.value(QLatin1String("jsonResponse")), &why);
    if (!why.isEmpty()) {
        label.jsonResponseError =
            QStringLiteral("The jsonResponse of label %1 %2; the label is shown without its "
                           "annotations.")
                .arg(label.id.isEmpty() ? QStringLiteral("(no id)") : label.id, why);
    }
    label.modelName = json.value(QLatin1String("modelName")).toString();
    label.author = User::fromJson(json.value(QLatin1String("author")).toObject());
    label.createdAt = json::dateTime(json.value(QLatin1String("createdAt")));
    label.secondsToLabel = json::optionalDouble(json.value(QLatin1String("secondsToLabel")));
    label.honeypotMark = json::optionalDouble(json.value(QLatin1String("honeypotMark")));
    label.inferenceMark = json::optionalDouble(json.value(QLatin1String("inferenceMark")));
    label.isLatestLabelForUser = json::boolean(json.value(QLatin1String("isLatestLabelForUser")));
    label.numberOfAnnotations = json::integer(json.value(QLatin1String("numberOfAnnotations")));
    const QJsonObject labelOf = json.value(QLatin1String("labelOf")).toObject();
    label.assetId = json.value(QLatin1String("assetId")).toString();
    if (label.assetId.isEmpty())
        label.assetId = labelOf.value(QLatin1String("id")).toString();
    label.assetExternalId = labelOf.value(QLatin1String("externalId")).toString();
    return label;
}

qsizetype latestHumanLabel(const QList<Label>& labels) {
    qsizetype latest = -1;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (labels[i].labelType.isHuman()
            && (latest < 0 || labels[i].createdAt >= labels[latest].createdAt))
            latest = i;
    }
    return latest;
}

} // namespace kili
