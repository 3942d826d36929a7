// Our AP against pycocotools' COCOeval (iouType "bbox", maxDets 100, area "all") on fixed cases:
// two random ones full of confidence ties, duplicates, misses and false alarms, one asset of 120
// predictions (only COCO's 100 most confident count), and polygons. The numbers in
// tests/data/evaluation/coco-reference.json were computed by cocoapi's own cocoeval.py (commit
// 8c9bcc3 of github.com/cocodataset/cocoapi) through tests/evaluation/coco_reference.py, with a
// Python stand-in for its C IoU (boxes as COCO computes them, convex polygons by the area of
// their clipped intersection).
#include "evaluationfixtures.h"

#include <QFile>
#include <QJsonDocument>

namespace kili::testing {
namespace {

AnnotatedObject objectFrom(const QJsonObject& json) {
    AnnotatedObject object;
    object.category = json.value(s("category")).toString();
    object.confidence = json.value(s("confidence")).toDouble(100);
    if (json.contains(s("box"))) {
        const QJsonArray b = json.value(s("box")).toArray();
        object.shape =
            Shape::box(b[0].toDouble(), b[1].toDouble(), b[2].toDouble(), b[3].toDouble());
        return object;
    }
    std::vector<Vertex> ring;
    for (const QJsonValue& point : json.value(s("polygon")).toArray())
        ring.push_back({point.toArray()[0].toDouble(), point.toArray()[1].toDouble()});
    object.shape.kind = Shape::Kind::Polygon;
    object.shape.rings = {ring};
    return object;
}

std::vector<EvaluatedAsset> assetsFrom(const QJsonArray& json) {
    std::vector<EvaluatedAsset> assets;
    for (const QJsonValue& value : json) {
        const QJsonObject a = value.toObject();
        EvaluatedAsset evaluated;
        evaluated.externalId = a.value(s("externalId")).toString();
        evaluated.assetId = evaluated.externalId;
        for (const QJsonValue& object : a.value(s("truth")).toArray())
            evaluated.truth.objects.push_back(objectFrom(object.toObject()));
        for (const QJsonValue& object : a.value(s("predicted")).toArray())
            evaluated.prediction.objects.push_back(objectFrom(object.toObject()));
        evaluated.hasPrediction = true;
        assets.push_back(std::move(evaluated));
    }
    return assets;
}

QJsonArray referenceCases() {
    QFile file(s(KILI_EVALUATION_DATA "/coco-reference.json"));
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(file.readAll()).object().value(s("cases")).toArray();
}

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

// The bound is 0.001; we follow COCO's arithmetic step by step, so far tighter holds.
constexpr double kTolerance = 1e-9;

TEST(CocoReference, AveragePrecisionsEqualPycocotools) {
    const QJsonArray cases = referenceCases();
    ASSERT_EQ(cases.size(), 4);
    for (const QJsonValue& value : cases) {
        const QJsonObject testCase = value.toObject();
        SCOPED_TRACE(testCase.value(s("name")).toString().toStdString());
        const EvaluationReport report = detect(assetsFrom(testCase.value(s("assets")).toArray()),
                                               stringList(testCase.value(s("categories"))));
        const QJsonObject coco = testCase.value(s("coco")).toObject();
        ASSERT_TRUE(report.map && report.map50);
        EXPECT_NEAR(*report.map, coco.value(s("map")).toDouble(), kTolerance);
        EXPECT_NEAR(*report.map50, coco.value(s("map50")).toDouble(), kTolerance);
        const QJsonObject classes = coco.value(s("classes")).toObject();
        for (auto it = classes.begin(); it != classes.end(); ++it) {
            SCOPED_TRACE(it.key().toStdString());
            const ClassFigures* figures = classNamed(report, it.key().toUtf8().constData());
            ASSERT_TRUE(figures && figures->ap && figures->ap50);
            EXPECT_NEAR(*figures->ap, it->toObject().value(s("ap")).toDouble(), kTolerance);
            EXPECT_NEAR(*figures->ap50, it->toObject().value(s("ap50")).toDouble(), kTolerance);
        }
    }
}

// What a confidence slider relies on: figures derived from the kept matches at a threshold are
// those of matching again only the predictions at or above it.
TEST(CocoReference, ThresholdOnKeptMatchesEqualsMatchingAgain) {
    const QJsonObject testCase = referenceCases().first().toObject();
    const std::vector<EvaluatedAsset> assets = assetsFrom(testCase.value(s("assets")).toArray());
    const QStringList categories = stringList(testCase.value(s("categories")));
    const DetectionMatches kept =
        DetectionMatcher(EvaluationKind::ObjectDetection, categories, 0.5).match(assets);
    for (double threshold : {0.0, 30.0, 50.0, 70.0, 90.0, 100.0, 101.0}) {
        SCOPED_TRACE(threshold);
        std::vector<EvaluatedAsset> kept_above = assets;
        for (EvaluatedAsset& asset : kept_above)
            std::erase_if(asset.prediction.objects, [&](const AnnotatedObject& object) {
                return object.confidence < threshold;
            });
        const QJsonObject again = detect(kept_above, categories).toJson();
        QJsonObject fromKept = kept.report(threshold).toJson();
        fromKept.insert(s("minConfidence"), 0.0);
        EXPECT_EQ(fromKept, again);
    }
}

} // namespace
} // namespace kili::testing
