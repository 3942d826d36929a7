// Classification figures by hand: per class TP/FP/FN, accuracy, and the truth × prediction
// table with its "(none)" column.
#include "evaluation/classificationanswers.h"
#include "evaluationfixtures.h"

namespace kili::testing {
namespace {

EvaluatedAsset answered(const char* id, std::vector<ChosenCategory> truth,
                        std::optional<std::vector<ChosenCategory>> predicted) {
    EvaluatedAsset evaluated;
    evaluated.assetId = s(id);
    evaluated.externalId = s(id);
    evaluated.truth.categories = std::move(truth);
    evaluated.hasPrediction = predicted.has_value();
    if (predicted)
        evaluated.prediction.categories = std::move(*predicted);
    return evaluated;
}

const QStringList kCars{s("PORSCHE"), s("TESLA")};

std::vector<EvaluatedAsset> cars() {
    return {
        answered("c1", {{s("PORSCHE"), 100}}, {{{s("PORSCHE"), 90}}}),
        answered("c2", {{s("PORSCHE"), 100}}, {{{s("TESLA"), 60}}}),
        answered("c3", {{s("TESLA"), 100}}, {{{s("TESLA"), 80}}}),
        answered("c4", {{s("TESLA"), 100}}, std::nullopt), // the model said nothing
    };
}

TEST(Classification, SingleChoiceFigures) {
    const EvaluationReport report = ClassificationAnswers(cars(), kCars, true).report(0);
    ASSERT_EQ(report.classes.size(), 2u);
    const ClassFigures& porsche = report.classes[0];
    EXPECT_EQ(porsche.name, s("PORSCHE"));
    EXPECT_EQ(porsche.counts.tp, 1);
    EXPECT_EQ(porsche.counts.fp, 0);
    EXPECT_EQ(porsche.counts.fn, 1);
    const ClassFigures& tesla = report.classes[1];
    EXPECT_EQ(tesla.counts.tp, 1);
    EXPECT_EQ(tesla.counts.fp, 1);
    EXPECT_EQ(tesla.counts.fn, 1);
    EXPECT_DOUBLE_EQ(tesla.counts.precision(), 0.5);
    EXPECT_DOUBLE_EQ(*report.accuracy, 0.5); // c1 and c3
    ASSERT_EQ(report.confusion.labels, (QStringList{s("PORSCHE"), s("TESLA"), s("(none)")}));
    const std::vector<std::vector<int>> expected{{1, 1, 0}, {0, 1, 1}, {0, 0, 0}};
    EXPECT_EQ(report.confusion.cells, expected);
    EXPECT_FALSE(report.map.has_value());
}

TEST(Classification, MinimumConfidenceMovesAnswersToNone) {
    // At 70 the Tesla said at 60 is dropped: c2 has no prediction left.
    const EvaluationReport report = ClassificationAnswers(cars(), kCars, true).report(70);
    EXPECT_EQ(report.classes[1].counts.fp, 0);
    EXPECT_EQ(report.confusion.cells[0][2], 1); // c2: PORSCHE → (none)
    EXPECT_EQ(report.confusion.cells[1][2], 1); // c4
    EXPECT_DOUBLE_EQ(*report.accuracy, 0.5);
}

TEST(Classification, SingleChoiceTakesTheMostConfident) {
    const EvaluationReport report =
        ClassificationAnswers(
            {answered("c", {{s("TESLA"), 100}}, {{{s("PORSCHE"), 40}, {s("TESLA"), 70}}})}, kCars,
            true)
            .report(0);
    EXPECT_DOUBLE_EQ(*report.accuracy, 1.0);
}

TEST(Classification, MultipleChoicePerCategory) {
    // Truth {A, B}, predicted {B, C}: B right, A missed, C wrong; the miss and the wrong one
    // pair up in the table.
    const QStringList abc{s("A"), s("B"), s("C")};
    const EvaluationReport report =
        ClassificationAnswers(
            {answered("m", {{s("A"), 100}, {s("B"), 100}}, {{{s("B"), 90}, {s("C"), 80}}})}, abc,
            false)
            .report(0);
    EXPECT_EQ(report.overall.tp, 1);
    EXPECT_EQ(report.overall.fp, 1);
    EXPECT_EQ(report.overall.fn, 1);
    EXPECT_DOUBLE_EQ(*report.accuracy, 0.0);
    EXPECT_EQ(report.confusion.cells[0][2], 1); // A read as C
    EXPECT_EQ(report.confusion.cells[1][1], 1);
    EXPECT_EQ(report.perAsset[0].counts.tp, 1);
}

} // namespace
} // namespace kili::testing
