// COCO's matching and AP on cases small enough to compute by hand; each expectation says how.
#include "evaluation/similarity.h"
#include "evaluationfixtures.h"

#include <cmath>

namespace kili::testing {
namespace {

const QStringList kStreet{s("CAR"), s("PEDESTRIAN"), s("TRAFFIC_SIGN")};

TEST(DetectionMatching, DuplicatePredictionIsFalsePositive) {
    // Two boxes on one car: the more confident takes it (IoU 1), the other finds it taken.
    const EvaluationReport report =
        detect({asset("a", {box("CAR", 0, 0, 0.5, 0.5)},
                      {box("CAR", 0, 0, 0.5, 0.5, 90), box("CAR", 0, 0, 0.5, 0.45, 80)})},
               kStreet);
    const ClassFigures* car = classNamed(report, "CAR");
    ASSERT_TRUE(car);
    EXPECT_EQ(car->counts.tp, 1);
    EXPECT_EQ(car->counts.fp, 1);
    EXPECT_EQ(car->counts.fn, 0);
    EXPECT_DOUBLE_EQ(car->counts.precision(), 0.5);
    EXPECT_DOUBLE_EQ(car->counts.recall(), 1.0);
    EXPECT_NEAR(car->counts.f1(), 2.0 / 3, 1e-12);
    // Precision 1 at recall 1 before the duplicate comes: every recall threshold reads 1.
    EXPECT_DOUBLE_EQ(*car->ap50, 1.0);
    EXPECT_DOUBLE_EQ(*car->ap, 1.0);
    EXPECT_EQ(classNamed(report, "PEDESTRIAN"), nullptr); // neither truth nor prediction
}

TEST(DetectionMatching, ConfidenceTiesGoInAssetOrder) {
    // a1: a hit at 90 and a miss at 80; a2: a hit at 80. COCO ranks the tie in asset order:
    // TP, FP, TP → recall .5 .5 1, precision 1 .5 .667, made monotone 1 .667 .667. Recall
    // thresholds 0–0.50 (51 of them) read 1, the 50 above read 2/3: AP = (51 + 50·2/3) / 101.
    const std::vector<EvaluatedAsset> assets{
        asset("a1", {box("CAR", 0, 0, 0.2, 0.2)},
              {box("CAR", 0, 0, 0.2, 0.2, 90), box("CAR", 0.6, 0.6, 0.8, 0.8, 80)}),
        asset("a2", {box("CAR", 0, 0, 0.2, 0.2)}, {box("CAR", 0, 0, 0.2, 0.2, 80)})};
    const EvaluationReport report = detect(assets, kStreet);
    const ClassFigures* car = classNamed(report, "CAR");
    ASSERT_TRUE(car);
    EXPECT_NEAR(*car->ap50, (51 + 50 * 2.0 / 3) / 101, 1e-12);
    EXPECT_EQ(car->counts.tp, 2);
    EXPECT_EQ(car->counts.fp, 1);
    ASSERT_EQ(report.perAsset.size(), 2u);
    EXPECT_EQ(report.perAsset[0].counts.tp, 1);
    EXPECT_EQ(report.perAsset[0].counts.fp, 1);
    EXPECT_EQ(report.perAsset[1].counts.tp, 1);
    EXPECT_EQ(report.perAsset[1].counts.fn, 0);

    // Swapped, the hit comes before the miss: precision never falls below 1 until recall 1.
    const EvaluationReport swapped = detect({assets[1], assets[0]}, kStreet);
    EXPECT_DOUBLE_EQ(*classNamed(swapped, "CAR")->ap50, 1.0);

    // Above 85 only the first hit is left: 1 TP, the second car missed.
    const EvaluationReport confident = detect(assets, kStreet, 0.5, 85);
    EXPECT_EQ(classNamed(confident, "CAR")->counts.tp, 1);
    EXPECT_EQ(classNamed(confident, "CAR")->counts.fp, 0);
    EXPECT_EQ(classNamed(confident, "CAR")->counts.fn, 1);
    EXPECT_EQ(classNamed(confident, "CAR")->counts.predicted, 1);
}

TEST(DetectionMatching, IouTieGoesToTheLaterTruthObject) {
    // P1 overlaps T1 and T2 by 0.6 each and takes the later (COCO's `<` test), which leaves T1
    // (IoU 1) to P2: two hits. Taking T1 would have left P2 nothing.
    const EvaluationReport report =
        detect({asset("a", {box("CAR", 0, 0, 0.5, 0.25), box("CAR", 0.25, 0, 0.75, 0.25)},
                      {box("CAR", 0.125, 0, 0.625, 0.25, 90), box("CAR", 0, 0, 0.5, 0.25, 80)})},
               kStreet);
    EXPECT_EQ(classNamed(report, "CAR")->counts.tp, 2);
    EXPECT_EQ(classNamed(report, "CAR")->counts.fp, 0);
}

TEST(DetectionMatching, EmptyTruthCountsFalsePositivesAndLeavesTheClassOutOfMap) {
    // a: a truth label without objects, a CAR predicted on it. b: a pedestrian found exactly.
    const EvaluationReport report = detect(
        {asset("a", {}, {box("CAR", 0, 0, 0.2, 0.2, 50)}),
         asset("b", {box("PEDESTRIAN", 0, 0, 0.1, 0.3)}, {box("PEDESTRIAN", 0, 0, 0.1, 0.3, 70)})},
        kStreet);
    const ClassFigures* car = classNamed(report, "CAR");
    ASSERT_TRUE(car);
    EXPECT_EQ(car->counts.truth, 0);
    EXPECT_EQ(car->counts.fp, 1);
    EXPECT_FALSE(car->ap.has_value()); // COCO's -1: no truth object, no AP
    EXPECT_DOUBLE_EQ(car->counts.recall(), 0.0);
    EXPECT_DOUBLE_EQ(*report.map, 1.0); // the pedestrian's AP alone
    EXPECT_EQ(report.overall.tp, 1);
    EXPECT_EQ(report.overall.fp, 1);
}

TEST(DetectionMatching, EmptyPredictionIsAllFalseNegatives) {
    const EvaluationReport report = detect(
        {asset("a", {box("CAR", 0, 0, 0.2, 0.2), box("CAR", 0.5, 0.5, 0.7, 0.7)}, {})}, kStreet);
    const ClassFigures* car = classNamed(report, "CAR");
    ASSERT_TRUE(car);
    EXPECT_EQ(car->counts.fn, 2);
    EXPECT_EQ(car->counts.predicted, 0);
    EXPECT_DOUBLE_EQ(car->counts.precision(), 0.0);
    EXPECT_DOUBLE_EQ(*car->ap, 0.0);
    EXPECT_EQ(report.perAsset[0].counts.fn, 2);
}

TEST(DetectionMatching, PolygonIouIsTheIouOfAreas) {
    // Half of the unit square: the triangle's area .5 over the square's 1 is IoU exactly 0.5,
    // a hit at 0.5 only: AP50 1, AP (1 + 9·0) / 10.
    const AnnotatedObject triangle = polygon("TRAFFIC_SIGN", {{0, 0}, {1, 0}, {0, 1}});
    EXPECT_DOUBLE_EQ(polygonArea(triangle.shape), 0.5);
    const EvaluationReport report =
        detect({asset("a", {triangle}, {box("TRAFFIC_SIGN", 0, 0, 1, 1, 60)})}, kStreet);
    const ClassFigures* sign = classNamed(report, "TRAFFIC_SIGN");
    EXPECT_EQ(sign->counts.tp, 1);
    EXPECT_DOUBLE_EQ(*sign->ap50, 1.0);
    EXPECT_NEAR(*sign->ap, 0.1, 1e-12);
    // Clockwise or not, closed or not: the same area.
    EXPECT_DOUBLE_EQ(polygonArea(polygon("X", {{0, 0}, {0, 1}, {1, 0}, {0, 0}}).shape), 0.5);
    // A square and the same square turned by 45° about its centre: overlap 2(√2 − 1) of 1.
    const double r = std::sqrt(0.5);
    const AnnotatedObject turned =
        polygon("X", {{0.5, 0.5 - r}, {0.5 + r, 0.5}, {0.5, 0.5 + r}, {0.5 - r, 0.5}});
    const double overlap = 2 * (std::sqrt(2.0) - 1);
    EXPECT_NEAR(polygonIou(turned.shape, Shape::box(0, 0, 1, 1)), overlap / (2 - overlap), 1e-12);
}

TEST(DetectionMatching, BrokenPolygonsOverlapWithinZeroAndOne) {
    // What labelling tools and models do produce: a bow tie that crosses itself, a polygon of
    // collinear points, repeated vertices, coordinates far out of the image.
    const std::vector<AnnotatedObject> broken{
        polygon("X", {{0, 0}, {1, 1}, {1, 0}, {0, 1}}),
        polygon("X", {{0, 0}, {0.5, 0.5}, {1, 1}}),
        polygon("X", {{0.2, 0.2}, {0.2, 0.2}, {0.6, 0.2}, {0.6, 0.2}, {0.2, 0.6}}),
        polygon("X", {{-1e200, 0}, {1e200, 0}, {0, 1e200}}),
    };
    for (const AnnotatedObject& a : broken) {
        for (const AnnotatedObject& b : broken) {
            const double iou = similarity(a.shape, b.shape);
            EXPECT_TRUE(iou == 0 || (iou > 0 && iou <= 1 + 1e-12)) << iou;
        }
        const double withBox = similarity(a.shape, Shape::box(0, 0, 1, 1));
        EXPECT_TRUE(withBox == 0 || (withBox > 0 && withBox <= 1 + 1e-12)) << withBox;
    }
    // The repeated vertices change nothing: the triangle's own area.
    EXPECT_NEAR(polygonArea(broken[2].shape), 0.08, 1e-12);
}

TEST(DetectionMatching, ConfusionPairsRegardlessOfClass) {
    // A pedestrian boxed as a car, a car missed, a sign seen where there is none.
    const EvaluationReport report =
        detect({asset("a", {box("PEDESTRIAN", 0, 0, 0.2, 0.5), box("CAR", 0.5, 0.5, 0.9, 0.9)},
                      {box("CAR", 0, 0, 0.2, 0.5, 90), box("TRAFFIC_SIGN", 0.3, 0, 0.4, 0.1, 40)})},
               kStreet);
    ASSERT_EQ(report.confusion.labels,
              (QStringList{s("CAR"), s("PEDESTRIAN"), s("TRAFFIC_SIGN"), s("(none)")}));
    const std::vector<std::vector<int>> expected{
        {0, 0, 0, 1}, // the car: missed
        {1, 0, 0, 0}, // the pedestrian: taken for a car
        {0, 0, 0, 0},
        {0, 0, 1, 0}, // a sign on nothing
    };
    EXPECT_EQ(report.confusion.cells, expected);
    EXPECT_EQ(report.overall.tp, 0);
    EXPECT_EQ(report.overall.fp, 2);
    EXPECT_EQ(report.overall.fn, 2);
}

TEST(DetectionMatching, IouThresholdIsInclusiveAndChosen) {
    // IoU 0.5 exactly: a hit at --iou 0.5, a miss at 0.6.
    const std::vector<EvaluatedAsset> assets{
        asset("a", {box("CAR", 0, 0, 0.5, 0.5)}, {box("CAR", 0, 0, 0.5, 0.25, 90)})};
    EXPECT_EQ(classNamed(detect(assets, kStreet, 0.5), "CAR")->counts.tp, 1);
    EXPECT_EQ(classNamed(detect(assets, kStreet, 0.6), "CAR")->counts.tp, 0);
    EXPECT_EQ(detect(assets, kStreet, 0.6).iou, 0.6);
}

TEST(DetectionMatching, UnknownPredictedClassIsAFalsePositive) {
    const EvaluationReport report = detect(
        {asset("a", {box("CAR", 0, 0, 0.5, 0.5)}, {box("TRUCK", 0, 0, 0.5, 0.5, 90)})}, kStreet);
    ASSERT_TRUE(classNamed(report, "TRUCK"));
    EXPECT_EQ(classNamed(report, "TRUCK")->counts.fp, 1);
    EXPECT_EQ(report.confusion.labels.last(), s("(none)"));
    EXPECT_EQ(report.confusion.labels.at(1), s("TRUCK"));
}

TEST(DetectionMatching, PointsAndLinesByDistance) {
    Shape a;
    a.kind = Shape::Kind::Point;
    a.rings = {{{0.5, 0.5}}};
    Shape b = a;
    b.rings = {{{0.5, 0.55}}};
    EXPECT_DOUBLE_EQ(similarity(a, a), 1.0);
    EXPECT_NEAR(similarity(a, b), std::exp(-0.5), 1e-12); // d = κ
    Shape line;
    line.kind = Shape::Kind::Line;
    line.rings = {{{0, 0}, {1, 0}}};
    Shape shifted = line;
    shifted.rings = {{{0, 0.05}, {1, 0.05}}};
    EXPECT_DOUBLE_EQ(similarity(line, line), 1.0);
    EXPECT_NEAR(similarity(line, shifted), std::exp(-0.5), 1e-12);
    EXPECT_DOUBLE_EQ(similarity(a, line), 0.0); // a point is not a line
    EXPECT_DOUBLE_EQ(similarity(a, Shape::box(0, 0, 1, 1)), 0.0);
}

TEST(EntityMatching, ExactSpanAndCategory) {
    auto entity = [](const char* category, qint64 begin, qint64 end, double confidence = 100) {
        return AnnotatedObject{s(category), confidence, Shape::span(begin, end)};
    };
    std::vector<EvaluatedAsset> assets{asset("t", {}, {})};
    assets[0].truth.objects = {entity("PERSON", 0, 5), entity("ORG", 10, 15),
                               entity("LOCATION", 20, 26)};
    assets[0].prediction.objects = {entity("PERSON", 0, 5, 90), entity("PERSON", 10, 15, 80),
                                    entity("LOCATION", 20, 25, 70), entity("PERSON", 0, 5, 60)};
    const EvaluationReport report =
        DetectionMatcher(EvaluationKind::NamedEntities, {s("PERSON"), s("ORG"), s("LOCATION")}, 0.5)
            .match(assets)
            .report(0);
    const ClassFigures* person = classNamed(report, "PERSON");
    EXPECT_EQ(person->counts.tp, 1); // the duplicate and the wrong category do not count
    EXPECT_EQ(person->counts.fp, 2);
    EXPECT_EQ(classNamed(report, "ORG")->counts.fn, 1);
    EXPECT_EQ(classNamed(report, "LOCATION")->counts.fp, 1); // one character short
    EXPECT_EQ(classNamed(report, "LOCATION")->counts.fn, 1);
    EXPECT_FALSE(person->ap.has_value()); // entities are not ranked
    EXPECT_FALSE(report.map.has_value());
    // The ORG span read as a PERSON: confusion pairs the same span across categories.
    EXPECT_EQ(report.confusion.cells[1][0], 1);
}

} // namespace
} // namespace kili::testing
