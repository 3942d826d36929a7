#pragma once

#include "domain/labeltype.h"
#include "domain/user.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace kili {

struct Label {
    QString id;
    LabelType labelType;
    // Decoded from the server's JSON string; {} when empty or when it did not decode.
    QJsonObject jsonResponse;
    // Non-empty when the server's jsonResponse text did not decode: a sentence naming the label.
    QString jsonResponseError;
    QString modelName;
    User author;
    QDateTime createdAt;
    std::optional<double> secondsToLabel;
    std::optional<double> honeypotMark;
    std::optional<double> inferenceMark;
    bool isLatestLabelForUser = false;
    int numberOfAnnotations = 0;
    // From assetId, or labelOf { id } when the query asked for it; empty inside Asset::labels.
    QString assetId;
    // The asset's external id when the query asked for labelOf { externalId }; else empty.
    QString assetExternalId;

    static Label fromJson(const QJsonObject& json);
};

// The index of the most recent human label (DEFAULT or REVIEW) by creation date, the later in the
// list on a tie; -1 when there is none. What Kili exports as an asset's label.
qsizetype latestHumanLabel(const QList<Label>& labels);

} // namespace kili
