#include "evaluation/detectionmatches.h"

#include "evaluation/cocoaverageprecision.h"

#include <numeric>

namespace kili::evaluation {

struct DetectionMatches::Tally {
    std::vector<Counts> perCategory;
    std::vector<Counts> perAsset;
    // Truth objects of each category that a prediction of any class paired with.
    std::vector<int> paired;
    // confusion[truth + 1][predicted + 1], 0 standing for (none).
    std::vector<std::vector<int>> confusion;
};

void DetectionMatches::tally(double minConfidence, Tally& tally) const {
    const std::size_t categories = std::size_t(m_categories.size());
    tally.perCategory.assign(categories, Counts{});
    tally.paired.assign(categories, 0);
    tally.confusion.assign(categories + 1, std::vector<int>(categories + 1, 0));
    tally.perAsset.assign(m_assets.size(), Counts{});
    for (std::size_t c = 0; c < categories; ++c) {
        Counts& counts = tally.perCategory[c];
        counts.truth = m_truthPerCategory[c];
        // Sorted by descending confidence: the first one below the threshold ends the class.
        for (qsizetype i = m_categoryStart[c]; i < m_categoryStart[c + 1]; ++i) {
            const KeptPrediction& prediction = m_predictions[std::size_t(i)];
            if (prediction.confidence < minConfidence)
                break;
            const bool hit = prediction.matched & 1u;
            Counts& asset = tally.perAsset[std::size_t(prediction.asset)];
            ++counts.predicted;
            ++asset.predicted;
            ++(hit ? counts.tp : counts.fp);
            ++(hit ? asset.tp : asset.fp);
            ++tally.confusion[std::size_t(prediction.pairedTruthCategory + 1)][c + 1];
            if (prediction.pairedTruthCategory >= 0)
                ++tally.paired[std::size_t(prediction.pairedTruthCategory)];
        }
        counts.fn = counts.truth - counts.tp;
        tally.confusion[c + 1][0] = counts.truth - tally.paired[c];
    }
    for (std::size_t a = 0; a < m_assets.size(); ++a) {
        tally.perAsset[a].truth = m_assets[a].truthObjects;
        tally.perAsset[a].fn = tally.perAsset[a].truth - tally.perAsset[a].tp;
    }
}

void DetectionMatches::averagePrecisions(double minConfidence, EvaluationReport& report) const {
    CocoAveragePrecision coco;
    std::vector<unsigned char> matched;
    const std::size_t thresholds = cocoIouThresholds().size();
    double sum50 = 0;
    double sumAll = 0;
    int classesWithTruth = 0;
    for (ClassFigures& figures : report.classes) {
        const auto c = std::size_t(m_categories.indexOf(figures.name));
        if (m_truthPerCategory[c] == 0)
            continue;
        double sum = 0;
        for (std::size_t ti = 0; ti < thresholds; ++ti) {
            matched.clear();
            for (qsizetype i = m_categoryStart[c]; i < m_categoryStart[c + 1]; ++i) {
                const KeptPrediction& prediction = m_predictions[std::size_t(i)];
                if (prediction.confidence < minConfidence)
                    break;
                if (prediction.ranked)
                    matched.push_back((prediction.matched >> (ti + 1)) & 1u);
            }
            const double ap = *coco.compute(matched, m_truthPerCategory[c]);
            if (ti == 0)
                figures.ap50 = ap;
            sum += ap;
        }
        figures.ap = sum / double(thresholds);
        sum50 += *figures.ap50;
        sumAll += *figures.ap;
        ++classesWithTruth;
    }
    if (classesWithTruth > 0) {
        report.map50 = sum50 / classesWithTruth;
        report.map = sumAll / classesWithTruth;
    }
}

EvaluationReport DetectionMatches::report(double minConfidence) const {
    Tally counted;
    tally(minConfidence, counted);
    EvaluationReport report;
    report.kind = m_kind;
    report.iou = m_iou;
    report.minConfidence = minConfidence;
    report.assets = int(m_assets.size());
    // A class is listed when it has truth objects or predictions at any threshold, so that a
    // threshold slider never makes rows come and go.
    std::vector<char> listed(std::size_t(m_categories.size()), 0);
    for (std::size_t c = 0; c < listed.size(); ++c)
        listed[c] = m_truthPerCategory[c] > 0 || m_categoryStart[c] < m_categoryStart[c + 1];
    report.setClasses(m_categories, counted.perCategory, listed, counted.confusion);
    if (m_kind == EvaluationKind::ObjectDetection)
        averagePrecisions(minConfidence, report);
    report.perAsset.reserve(m_assets.size());
    for (std::size_t a = 0; a < m_assets.size(); ++a)
        report.perAsset.push_back(
            {m_assets[a].assetId, m_assets[a].externalId, counted.perAsset[a]});
    return report;
}

} // namespace kili::evaluation
