// The kept result of matching predicted objects to truth objects (detection and named
// entities), from which every figure at any confidence threshold is derived without matching
// again. That holds because COCO's matching is greedy by descending confidence: raising the
// threshold only takes away the least confident predictions, which never changed what the more
// confident ones were matched to.
#pragma once

#include "evaluation/evaluatedasset.h"
#include "evaluation/evaluationreport.h"

#include <QtGlobal>
#include <array>
#include <vector>

namespace kili::evaluation {

struct KeptPrediction {
    double confidence = 0;
    int asset = 0;    // index into the evaluated assets
    int category = 0; // CategoryIndex number
    // The class of the truth object it pairs with regardless of class (confusion), -1 for none.
    int pairedTruthCategory = -1;
    // Bit 0: a true positive at the chosen IoU; bit 1 + i: at COCO's i-th IoU threshold.
    quint16 matched = 0;
    // Among the 100 most confident of its asset and class (COCO's maxDets): counts for AP.
    bool ranked = true;
};

class DetectionMatches {
public:
    // The figures of the predictions whose confidence is at least `minConfidence`.
    EvaluationReport report(double minConfidence) const;

    EvaluationKind kind() const { return m_kind; }
    double iou() const { return m_iou; }
    QStringList categories() const { return m_categories; }
    // In COCO's order: by category, then descending confidence, ties in asset order, then in
    // the label's order.
    const std::vector<KeptPrediction>& predictions() const { return m_predictions; }

private:
    friend class DetectionMatcher;
    struct AssetRef {
        QString assetId;
        QString externalId;
        int truthObjects = 0;
    };
    struct Tally;

    void tally(double minConfidence, Tally& tally) const;
    void averagePrecisions(double minConfidence, EvaluationReport& report) const;

    EvaluationKind m_kind = EvaluationKind::ObjectDetection;
    double m_iou = 0.5;
    QStringList m_categories;
    std::vector<KeptPrediction> m_predictions;
    std::vector<qsizetype> m_categoryStart; // m_predictions index of each category's first, + end
    std::vector<int> m_truthPerCategory;
    std::vector<AssetRef> m_assets;
};

// Matches per asset and class by COCO's rule: predictions in descending confidence (ties in the
// label's order) each take the unmatched truth object of the same class with the highest
// similarity ≥ the threshold (ties to the later truth object, as COCO does); a prediction that
// takes none is a false positive, a truth object left over a false negative. Done at the chosen
// IoU and at COCO's ten, and once more regardless of class for the confusion matrix.
class DetectionMatcher {
public:
    DetectionMatcher(EvaluationKind kind, const QStringList& categories, double iou);

    DetectionMatches match(const std::vector<EvaluatedAsset>& assets);

private:
    struct Indexed;
    void matchAssets(const std::vector<EvaluatedAsset>& assets, const Indexed& indexed,
                     std::size_t begin, std::size_t end, std::vector<KeptPrediction>& out) const;
    static void placeInCocoOrder(const std::vector<std::vector<KeptPrediction>>& parts,
                                 std::size_t categories, DetectionMatches& matches);

    EvaluationKind m_kind;
    CategoryIndex m_categories;
    double m_iou;
    std::array<double, 11> m_thresholds{};
};

} // namespace kili::evaluation
