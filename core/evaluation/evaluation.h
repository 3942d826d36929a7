// One evaluation of a job: the answers read from the chosen labels, matched once and kept, so
// that report() gives every figure at any confidence threshold at once (a slider,
// --min-confidence).
#pragma once

#include "evaluation/classificationanswers.h"
#include "evaluation/detectionmatches.h"
#include "evaluation/labelselector.h"

#include <variant>

namespace kili::evaluation {

class Evaluation {
public:
    // `job` must be evaluable (evaluationKind(job) is set). `iou`: the threshold of TP/FP/FN
    // and of the confusion matrix (AP uses COCO's own).
    Evaluation(const kili::Job& job, const std::vector<LabelledAsset>& assets, double iou);

    EvaluationKind kind() const { return m_kind; }
    EvaluationReport report(double minConfidence = 0) const;

    // The answers of `job` in each asset's labels (an asset without a prediction label has an
    // empty prediction).
    static std::vector<EvaluatedAsset> answers(const kili::Job& job,
                                               const std::vector<LabelledAsset>& assets);

private:
    EvaluationKind m_kind;
    std::variant<DetectionMatches, ClassificationAnswers> m_kept;
};

} // namespace kili::evaluation
