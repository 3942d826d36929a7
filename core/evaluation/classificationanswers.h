// The kept answers of a classification job, per asset: the truth's categories and the
// prediction's with their confidences. Every figure at any confidence threshold is derived from
// them: per class TP/FP/FN, accuracy and the confusion matrix.
#pragma once

#include "evaluation/evaluatedasset.h"
#include "evaluation/evaluationreport.h"

#include <vector>

namespace kili::evaluation {

class ClassificationAnswers {
public:
    // `singleChoice`: a radio or single dropdown job, whose prediction is its most confident
    // category; otherwise every predicted category counts.
    ClassificationAnswers(const std::vector<EvaluatedAsset>& assets, const QStringList& categories,
                          bool singleChoice);

    // Predicted categories below `minConfidence` are left out; an asset left with none is in
    // the confusion matrix's "(none)" column, as an asset without a prediction is.
    EvaluationReport report(double minConfidence) const;

private:
    struct Answer {
        int category;
        double confidence;
    };
    struct KeptAsset {
        QString assetId;
        QString externalId;
        std::vector<int> truth; // distinct categories, in the label's order
        std::vector<Answer> predicted;
    };

    std::vector<int> predictedAt(const KeptAsset& asset, double minConfidence) const;
    static void pairInConfusion(const std::vector<int>& truth, const std::vector<int>& predicted,
                                std::vector<std::vector<int>>& confusion);

    QStringList m_categories;
    bool m_singleChoice;
    std::vector<KeptAsset> m_assets;
};

} // namespace kili::evaluation
