#include "evaluation/labelselector.h"

#include <algorithm>

namespace kili::evaluation {

LabelSelector::LabelSelector(LabelChoice choice)
    : m_choice(std::move(choice)) {}

bool LabelSelector::isTruth(const kili::Label& label) const {
    if (!m_choice.truthModel.isEmpty())
        return label.labelType == m_choice.predictionType && label.modelName == m_choice.truthModel;
    return m_choice.truthTypes.contains(label.labelType);
}

bool LabelSelector::isPrediction(const kili::Label& label) const {
    return label.labelType == m_choice.predictionType && label.modelName == m_choice.model;
}

// Labels come oldest first, so at an equal time the later one is the more recent.
void LabelSelector::keepLatest(std::optional<kili::Label>& kept, const kili::Label& label) {
    if (!kept || label.createdAt >= kept->createdAt)
        kept = label;
}

void LabelSelector::add(const kili::Label& label) {
    if (!label.modelName.isEmpty()) {
        auto seen = std::find_if(m_models.begin(), m_models.end(), [&](const ModelLabels& m) {
            return m.model == label.modelName && m.type == label.labelType;
        });
        if (seen == m_models.end())
            m_models.append({label.modelName, label.labelType, 1});
        else
            ++seen->labels;
    }
    const bool truth = isTruth(label);
    const bool prediction = isPrediction(label);
    if (!truth && !prediction)
        return;
    Latest& latest = m_latest[label.assetId];
    if (!label.assetExternalId.isEmpty())
        latest.externalId = label.assetExternalId;
    if (truth) {
        ++m_truthLabels;
        keepLatest(latest.truth, label);
    }
    if (prediction)
        keepLatest(latest.prediction, label);
}

int LabelSelector::predictionLabels() const {
    for (const ModelLabels& seen : m_models) {
        if (seen.model == m_choice.model && seen.type == m_choice.predictionType)
            return seen.labels;
    }
    return 0;
}

std::vector<LabelledAsset> LabelSelector::assets() const {
    std::vector<LabelledAsset> assets;
    assets.reserve(std::size_t(m_latest.size()));
    for (auto it = m_latest.begin(); it != m_latest.end(); ++it) {
        if (!it->truth)
            continue;
        LabelledAsset asset{it.key(), it->externalId, it->truth->jsonResponse, std::nullopt};
        if (it->prediction)
            asset.prediction = it->prediction->jsonResponse;
        assets.push_back(std::move(asset));
    }
    std::sort(assets.begin(), assets.end(), [](const LabelledAsset& a, const LabelledAsset& b) {
        return a.externalId != b.externalId ? a.externalId < b.externalId : a.assetId < b.assetId;
    });
    return assets;
}

} // namespace kili::evaluation
