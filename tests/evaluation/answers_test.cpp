// From labels to answers: which label is the truth and which the prediction, and what a job's
// answer is inside a jsonResponse (child jobs included).
#include "domain/interface.h"
#include "evaluation/evaluation.h"
#include "evaluation/jobanswerreader.h"
#include "evaluation/labelselector.h"
#include "evaluationfixtures.h"

#include <QJsonDocument>

namespace kili::testing {
namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

kili::Label label(const char* asset, kili::LabelType type, const char* created,
                  const char* response, const char* model = "") {
    kili::Label l;
    l.assetId = s(asset);
    l.assetExternalId = s("ext-") + s(asset);
    l.labelType = type;
    l.createdAt = QDateTime::fromString(s(created), Qt::ISODate);
    l.jsonResponse = json(response);
    l.modelName = s(model);
    return l;
}

TEST(JobAnswerReader, RectanglesPolygonsAndChildJobs) {
    const QJsonObject response = json(R"({"DET": {"annotations": [
        {"type": "rectangle", "categories": [{"name": "CAR", "confidence": 80}],
         "boundingPoly": [{"normalizedVertices": [{"x": 0.1, "y": 0.9}, {"x": 0.1, "y": 0.5},
                                                  {"x": 0.6, "y": 0.5}, {"x": 0.6, "y": 0.9}]}],
         "children": {"PARTS": {"annotations": [{"type": "marker", "point": {"x": 0.2, "y": 0.6},
                                                 "categories": [{"name": "WHEEL"}]}]}}},
        {"type": "polygon", "score": 55, "categories": [{"name": "SIGN"}],
         "boundingPoly": [{"normalizedVertices": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 0, "y": 1}]}]},
        {"type": "rectangle", "categories": [{"name": "CAR"}], "boundingPoly": []}]}})");
    const JobAnswer detections =
        JobAnswerReader(s("DET"), EvaluationKind::ObjectDetection).read(response);
    ASSERT_EQ(detections.objects.size(), 2u); // the one without vertices is left out
    EXPECT_EQ(detections.objects[0].shape.kind, Shape::Kind::Box);
    EXPECT_DOUBLE_EQ(detections.objects[0].shape.rings[0][0].y, 0.5);
    EXPECT_DOUBLE_EQ(detections.objects[0].shape.rings[0][1].x, 0.6);
    EXPECT_DOUBLE_EQ(detections.objects[0].confidence, 80);
    EXPECT_EQ(detections.objects[1].shape.kind, Shape::Kind::Polygon);
    EXPECT_DOUBLE_EQ(detections.objects[1].confidence, 55); // the score when no confidence
    const JobAnswer parts =
        JobAnswerReader(s("PARTS"), EvaluationKind::ObjectDetection).read(response);
    ASSERT_EQ(parts.objects.size(), 1u);
    EXPECT_EQ(parts.objects[0].shape.kind, Shape::Kind::Point);
    EXPECT_DOUBLE_EQ(parts.objects[0].confidence, 100);
}

TEST(JobAnswerReader, EntitiesAndClassificationChildren) {
    const JobAnswer entities = JobAnswerReader(s("NER"), EvaluationKind::NamedEntities)
                                   .read(json(R"({"NER": {"annotations": [
                {"categories": [{"name": "ORG"}], "beginOffset": 3, "content": "Kili"},
                {"categories": [{"name": "PERSON"}], "beginOffset": 10, "endOffset": 14}]}})"));
    ASSERT_EQ(entities.objects.size(), 2u);
    EXPECT_EQ(entities.objects[0].shape.end, 7); // from the content's length
    EXPECT_EQ(entities.objects[1].shape.end, 14);
    const JobAnswer colour = JobAnswerReader(s("COLOUR"), EvaluationKind::Classification)
                                 .read(json(R"({"KIND": {"categories": [{"name": "CAR", "children":
                {"COLOUR": {"categories": [{"name": "RED", "confidence": 70}]}}}]}})"));
    ASSERT_EQ(colour.categories.size(), 1u);
    EXPECT_EQ(colour.categories[0].category, s("RED"));
    EXPECT_DOUBLE_EQ(colour.categories[0].confidence, 70);
}

TEST(LabelSelector, LatestHumanLabelAgainstLatestOfTheModel) {
    const char* car = R"({"C": {"categories": [{"name": "CAR"}]}})";
    const char* bus = R"({"C": {"categories": [{"name": "BUS"}]}})";
    LabelSelector selector({});
    selector.add(label("a", LabelType::Default, "2024-01-01T10:00:00Z", car));
    selector.add(label("a", LabelType::Review, "2024-01-02T10:00:00Z", bus));
    selector.add(label("a", LabelType::Autosave, "2024-01-03T10:00:00Z", car));
    selector.add(label("a", LabelType::Prediction, "2024-01-01T09:00:00Z", car, "m1"));
    selector.add(label("a", LabelType::Prediction, "2024-01-04T09:00:00Z", bus, "m1"));
    selector.add(label("a", LabelType::Prediction, "2024-01-05T09:00:00Z", car, "m2"));
    selector.add(label("b", LabelType::Prediction, "2024-01-01T09:00:00Z", car, "m1"));
    LabelChoice choice;
    choice.model = s("m1");
    LabelSelector m1(choice);
    for (const char* asset : {"a", "b"})
        m1.add(label(asset, LabelType::Prediction, "2024-01-04T09:00:00Z", car, "m1"));
    EXPECT_EQ(m1.assets().size(), 0u); // no truth: nothing is evaluated
    EXPECT_EQ(m1.predictionLabels(), 2);

    LabelSelector chosen(choice);
    chosen.add(label("a", LabelType::Default, "2024-01-01T10:00:00Z", car));
    chosen.add(label("a", LabelType::Review, "2024-01-02T10:00:00Z", bus));
    chosen.add(label("a", LabelType::Prediction, "2024-01-01T09:00:00Z", bus, "m1"));
    chosen.add(label("a", LabelType::Prediction, "2024-01-04T09:00:00Z", car, "m1"));
    chosen.add(label("a", LabelType::Prediction, "2024-01-05T09:00:00Z", bus, "m2"));
    chosen.add(label("b", LabelType::Default, "2024-01-01T09:00:00Z", car));
    const std::vector<LabelledAsset> assets = chosen.assets();
    ASSERT_EQ(assets.size(), 2u);
    EXPECT_EQ(assets[0].externalId, s("ext-a"));
    EXPECT_EQ(assets[0].truth, json(bus));       // the review, the latest human label
    EXPECT_EQ(*assets[0].prediction, json(car)); // m1's latest, not m2's
    EXPECT_FALSE(assets[1].prediction.has_value());
    ASSERT_EQ(chosen.models().size(), 2);
    EXPECT_EQ(chosen.models()[0].model, s("m1"));
    EXPECT_EQ(chosen.models()[0].labels, 2);

    choice.truthModel = s("m2"); // m1 against m2
    LabelSelector against(choice);
    against.add(label("a", LabelType::Default, "2024-01-01T10:00:00Z", car));
    against.add(label("a", LabelType::Prediction, "2024-01-05T09:00:00Z", bus, "m2"));
    against.add(label("a", LabelType::Prediction, "2024-01-04T09:00:00Z", car, "m1"));
    ASSERT_EQ(against.assets().size(), 1u);
    EXPECT_EQ(against.assets()[0].truth, json(bus));
}

TEST(Evaluation, FromLabelsToReport) {
    const kili::Interface interface = kili::Interface::parse(R"({"jobs": {"C": {
        "mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {
        "CAR": {"name": "Car"}, "BUS": {"name": "Bus"}}}}}})");
    const std::vector<LabelledAsset> assets{
        {s("a"), s("a"), json(R"({"C": {"categories": [{"name": "CAR"}]}})"),
         json(R"({"C": {"categories": [{"name": "CAR", "confidence": 80}]}})")},
        {s("b"), s("b"), json(R"({"C": {"categories": [{"name": "BUS"}]}})"), std::nullopt}};
    const Evaluation evaluation(*interface.job(u"C"), assets, 0.5);
    EXPECT_EQ(evaluation.kind(), EvaluationKind::Classification);
    const QJsonObject report = evaluation.report().toJson();
    EXPECT_EQ(report.value(s("mlTask")).toString(), s("CLASSIFICATION"));
    EXPECT_EQ(report.value(s("assets")).toInt(), 2);
    EXPECT_DOUBLE_EQ(report.value(s("overall")).toObject().value(s("accuracy")).toDouble(), 0.5);
    EXPECT_EQ(report.value(s("confusion")).toObject().value(s("labels")).toArray().size(), 3);
    EXPECT_EQ(report.value(s("perAsset")).toArray().first().toObject().value(s("tp")).toInt(), 1);
}

} // namespace
} // namespace kili::testing
