#include "evaluation/evaluation.h"

namespace kili::evaluation {

namespace {

QStringList categoryKeys(const kili::Job& job) {
    QStringList keys;
    for (const kili::Category& category : job.categories)
        keys << category.key;
    return keys;
}

std::variant<DetectionMatches, ClassificationAnswers>
keptAnswers(EvaluationKind kind, const kili::Job& job, const std::vector<EvaluatedAsset>& answers,
            double iou) {
    if (kind == EvaluationKind::Classification)
        return ClassificationAnswers(answers, categoryKeys(job), job.isSingleChoice());
    return DetectionMatcher(kind, categoryKeys(job), iou).match(answers);
}

} // namespace

std::vector<EvaluatedAsset> Evaluation::answers(const kili::Job& job,
                                                const std::vector<LabelledAsset>& assets) {
    const JobAnswerReader reader(job.name, evaluationKind(job).value());
    std::vector<EvaluatedAsset> answers;
    answers.reserve(assets.size());
    for (const LabelledAsset& asset : assets) {
        EvaluatedAsset evaluated{asset.assetId,
                                 asset.externalId,
                                 reader.read(asset.truth),
                                 {},
                                 asset.prediction.has_value()};
        if (asset.prediction)
            evaluated.prediction = reader.read(*asset.prediction);
        answers.push_back(std::move(evaluated));
    }
    return answers;
}

Evaluation::Evaluation(const kili::Job& job, const std::vector<LabelledAsset>& assets, double iou)
    : m_kind(evaluationKind(job).value())
    , m_kept(keptAnswers(m_kind, job, answers(job, assets), iou)) {}

EvaluationReport Evaluation::report(double minConfidence) const {
    EvaluationReport report =
        std::visit([&](const auto& kept) { return kept.report(minConfidence); }, m_kept);
    return report;
}

} // namespace kili::evaluation
