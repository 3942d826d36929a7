// Picks, per asset, the label that is the truth and the label that is evaluated, from a project's
// labels read once (page by page, in any order): the most recent human label (DEFAULT or REVIEW,
// or the types asked for) against the most recent label of the model. Assets without a truth
// label are not evaluated.
#pragma once

#include "domain/label.h"

#include <QHash>
#include <QList>
#include <optional>
#include <vector>

namespace kili::evaluation {

struct LabelChoice {
    QList<kili::LabelType> truthTypes{kili::LabelType::Default, kili::LabelType::Review};
    // Set to compare one model against another: the truth is this model's latest label of
    // `predictionType`, and truthTypes is not used.
    QString truthModel;
    kili::LabelType predictionType = kili::LabelType::Prediction;
    QString model;
};

struct LabelledAsset {
    QString assetId;
    QString externalId;
    QJsonObject truth;
    std::optional<QJsonObject> prediction;
};

struct ModelLabels {
    QString model;
    kili::LabelType type;
    int labels = 0;
};

class LabelSelector {
public:
    explicit LabelSelector(LabelChoice choice);

    void add(const kili::Label& label);
    // The evaluated assets, sorted by external id (then asset id): the order of the per-asset
    // figures and of COCO's image ids.
    std::vector<LabelledAsset> assets() const;
    // Every model seen, with its label type, in the order first seen.
    QList<ModelLabels> models() const { return m_models; }
    // How many labels of the evaluated model were read (on any asset).
    int predictionLabels() const;
    // How many labels were the truth's (on any asset).
    int truthLabels() const { return m_truthLabels; }

private:
    struct Latest {
        QString externalId;
        std::optional<kili::Label> truth;
        std::optional<kili::Label> prediction;
    };
    bool isTruth(const kili::Label& label) const;
    bool isPrediction(const kili::Label& label) const;
    static void keepLatest(std::optional<kili::Label>& kept, const kili::Label& label);

    LabelChoice m_choice;
    QHash<QString, Latest> m_latest; // by asset id
    QList<ModelLabels> m_models;
    int m_truthLabels = 0;
};

} // namespace kili::evaluation
