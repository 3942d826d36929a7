#pragma once

#include "domain/label.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace kili {

struct Asset {
    QString id;
    QString externalId;
    // Media URL, or the text itself for some TEXT assets.
    QString content;
    QJsonObject jsonMetadata;
    // Non-empty when the server's jsonMetadata text did not decode: a sentence naming the asset.
    QString jsonMetadataError;
    // Workflow V1 status (TODO, ONGOING, LABELED, TO_REVIEW, REVIEWED); empty on V2 projects.
    QString status;
    bool isHoneypot = false;
    bool skipped = false;
    QDateTime createdAt;
    std::optional<double> consensusMark;
    std::optional<double> honeypotMark;
    std::optional<double> inferenceMark;
    std::optional<double> width;
    std::optional<double> height;
    // Workflow V2: the asset's current step (status TO_DO, DOING, PARTIALLY_DONE, REDO, DONE…).
    QString currentStepName;
    QString currentStepStatus;
    // All labels of the asset, oldest first; each label's assetId is set to this asset's id.
    QList<Label> labels;

    static Asset fromJson(const QJsonObject& json);
};

} // namespace kili
