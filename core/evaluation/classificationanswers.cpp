#include "evaluation/classificationanswers.h"

#include <algorithm>

namespace kili::evaluation {

namespace {

bool contains(const std::vector<int>& values, int value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

ClassificationAnswers::ClassificationAnswers(const std::vector<EvaluatedAsset>& assets,
                                             const QStringList& categories, bool singleChoice)
    : m_singleChoice(singleChoice) {
    CategoryIndex index(categories);
    m_assets.reserve(assets.size());
    for (const EvaluatedAsset& asset : assets) {
        KeptAsset kept{asset.assetId, asset.externalId, {}, {}};
        for (const ChosenCategory& category : asset.truth.categories) {
            const int c = index.indexOf(category.category);
            if (!contains(kept.truth, c))
                kept.truth.push_back(c);
        }
        for (const ChosenCategory& category : asset.prediction.categories)
            kept.predicted.push_back({index.indexOf(category.category), category.confidence});
        m_assets.push_back(std::move(kept));
    }
    m_categories = index.names();
}

std::vector<int> ClassificationAnswers::predictedAt(const KeptAsset& asset,
                                                    double minConfidence) const {
    std::vector<int> predicted;
    const Answer* best = nullptr;
    for (const Answer& answer : asset.predicted) {
        if (answer.confidence < minConfidence || contains(predicted, answer.category))
            continue;
        if (!best || answer.confidence > best->confidence)
            best = &answer;
        predicted.push_back(answer.category);
    }
    if (m_singleChoice && best)
        return {best->category};
    return predicted;
}

// Right answers on the diagonal; the wrong ones paired in the labels' order, what is left over
// against (none). For a single-choice job this is the usual truth × prediction table.
void ClassificationAnswers::pairInConfusion(const std::vector<int>& truth,
                                            const std::vector<int>& predicted,
                                            std::vector<std::vector<int>>& confusion) {
    std::vector<int> missed;
    std::vector<int> wrong;
    for (int c : truth) {
        if (contains(predicted, c))
            ++confusion[std::size_t(c) + 1][std::size_t(c) + 1];
        else
            missed.push_back(c);
    }
    for (int c : predicted) {
        if (!contains(truth, c))
            wrong.push_back(c);
    }
    const std::size_t pairs = std::max(missed.size(), wrong.size());
    for (std::size_t i = 0; i < pairs; ++i) {
        const int row = i < missed.size() ? missed[i] + 1 : 0;
        const int column = i < wrong.size() ? wrong[i] + 1 : 0;
        ++confusion[std::size_t(row)][std::size_t(column)];
    }
}

EvaluationReport ClassificationAnswers::report(double minConfidence) const {
    const std::size_t categories = std::size_t(m_categories.size());
    std::vector<Counts> perCategory(categories);
    std::vector<std::vector<int>> confusion(categories + 1, std::vector<int>(categories + 1, 0));
    EvaluationReport report;
    report.kind = EvaluationKind::Classification;
    report.minConfidence = minConfidence;
    report.assets = int(m_assets.size());
    std::vector<char> seen(categories, 0);
    int correct = 0;
    for (const KeptAsset& asset : m_assets) {
        const std::vector<int> predicted = predictedAt(asset, minConfidence);
        Counts counts;
        counts.truth = int(asset.truth.size());
        counts.predicted = int(predicted.size());
        for (int c : asset.truth) {
            const bool hit = contains(predicted, c);
            ++perCategory[std::size_t(c)].truth;
            ++(hit ? perCategory[std::size_t(c)].tp : perCategory[std::size_t(c)].fn);
            ++(hit ? counts.tp : counts.fn);
            seen[std::size_t(c)] = 1;
        }
        for (int c : predicted) {
            ++perCategory[std::size_t(c)].predicted;
            if (!contains(asset.truth, c)) {
                ++perCategory[std::size_t(c)].fp;
                ++counts.fp;
            }
        }
        for (const Answer& answer : asset.predicted)
            seen[std::size_t(answer.category)] = 1;
        if (counts.fp == 0 && counts.fn == 0)
            ++correct;
        pairInConfusion(asset.truth, predicted, confusion);
        report.perAsset.push_back({asset.assetId, asset.externalId, counts});
    }
    report.setClasses(m_categories, perCategory, seen, confusion);
    if (!m_assets.empty())
        report.accuracy = double(correct) / double(m_assets.size());
    return report;
}

} // namespace kili::evaluation
