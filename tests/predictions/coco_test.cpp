// The COCO reader on files written by hand from cocodataset.org/#format-data (datasets: images,
// categories, annotations with bbox and polygon or RLE segmentation) and
// cocodataset.org/#format-results (results lists: image_id, category_id, bbox, score).
#include "fixtures.h"
#include "predictions/categoryresolver.h"
#include "predictions/cocoreader.h"
#include "predictions/predictionformat.h"
#include "predictions/predictionscanner.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

QString coco(const char* name) {
    return dataPath(s("coco/") + s(name));
}

class CocoReaderTest : public ::testing::Test {
protected:
    CocoReaderTest()
        : m_rules(testInterface()) {}

    CollectingSink read(const QString& path, const QString& dataset = {},
                        const JobRule* job = nullptr) {
        const JobRule& target = job ? *job : *m_rules.job("DETECTION");
        CocoReader reader(target, CategoryResolver(target, {}), dataset);
        CollectingSink sink;
        reader.read(path, sink);
        return sink;
    }

    InterfaceRules m_rules;
};

const char* const kImage1 =
    R"({"DETECTION":{"annotations":[)"
    R"({"boundingPoly":[{"normalizedVertices":[{"x":0.1,"y":0.3},{"x":0.1,"y":0.1},)"
    R"({"x":0.3,"y":0.1},{"x":0.3,"y":0.3}]}],)"
    R"("categories":[{"name":"CAR","confidence":87}],"type":"rectangle"},)"
    R"({"boundingPoly":[{"normalizedVertices":[{"x":0,"y":1},{"x":0,"y":0},{"x":1,"y":0},)"
    R"({"x":1,"y":1}]}],"categories":[{"name":"PERSON","confidence":100}],"type":"rectangle"}]}})";

} // namespace

TEST_F(CocoReaderTest, DatasetBoxesAndPolygonsAreNormalisedByEachImagesOwnSize) {
    const CollectingSink sink = read(coco("dataset.json"));
    EXPECT_TRUE(sink.problems.isEmpty()) << texts(sink.problems).join(u'\n').toStdString();
    ASSERT_EQ(sink.items.size(), 2u); // image 3 has no annotation: nothing to send
    EXPECT_EQ(sink.items[0].item.externalId, s("img-001")); // "train/img-001.jpg"
    EXPECT_EQ(sink.items[0].json, QByteArray(kImage1));
    EXPECT_EQ(sink.items[1].item.externalId, s("img-002"));
    EXPECT_EQ(sink.items[1].json,
              QByteArray(R"({"DETECTION":{"annotations":[{"boundingPoly":[{"normalizedVertices":[)"
                         R"({"x":0.5,"y":0.5},{"x":0.75,"y":0.5},{"x":0.75,"y":0.75},)"
                         R"({"x":0.5,"y":0.75}]}],"categories":[{"name":"PERSON",)"
                         R"("confidence":100}],"type":"polygon"}]}})"));
}

TEST_F(CocoReaderTest, WithoutThePolygonToolASegmentationBecomesItsBox) {
    JobRule boxes = *m_rules.job("DETECTION");
    boxes.tools = {"rectangle"};
    const CollectingSink sink = read(coco("dataset.json"), {}, &boxes);
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_TRUE(sink.items[1].json.contains(
        R"({"x":0.5,"y":0.75},{"x":0.5,"y":0.5},{"x":0.75,"y":0.5},{"x":0.75,"y":0.75})"));
    EXPECT_TRUE(sink.items[1].json.contains(R"("type":"rectangle")"));
}

TEST_F(CocoReaderTest, AResultsListTakesItsImagesAndCategoriesFromTheDataset) {
    const CollectingSink sink = read(coco("results.json"), coco("dataset.json"));
    EXPECT_TRUE(sink.problems.isEmpty()) << texts(sink.problems).join(u'\n').toStdString();
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[0].item.externalId, s("img-002"));
    EXPECT_TRUE(sink.items[0].json.contains(R"({"name":"CAR","confidence":91})"));
    EXPECT_TRUE(sink.items[0].json.contains(R"({"name":"PERSON","confidence":26})")); // 0.255
    EXPECT_EQ(sink.items[1].item.externalId, s("img-003"));
    // 100 × 200 pixels: [10, 20, 50, 100] spans x 0.1–0.6 and y 0.1–0.6
    EXPECT_TRUE(sink.items[1].json.contains(R"({"x":0.1,"y":0.6},{"x":0.1,"y":0.1})"));
}

TEST_F(CocoReaderTest, AResultsListWithoutItsDatasetIsOneProblemThatNamesTheOption) {
    const CollectingSink sink = read(coco("results.json"));
    EXPECT_TRUE(sink.items.empty());
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("--coco-dataset FILE")));
}

TEST_F(CocoReaderTest, RleMasksAreAProblemPerAnnotationWithItsId) {
    const CollectingSink sink = read(coco("crowd.json"));
    EXPECT_TRUE(sink.items.empty());
    const QStringList problems = texts(sink.problems);
    ASSERT_EQ(problems.size(), 2);
    EXPECT_TRUE(problems[0].contains(s("crowd.json:5 crowd-007: annotation 70: RLE "
                                       "masks are not read yet")))
        << problems[0].toStdString();
    EXPECT_TRUE(problems[1].contains(s("annotation 71")));
    // without the polygon tool, the crowd's boxes are what the job can take
    JobRule boxes = *m_rules.job("DETECTION");
    boxes.tools = {"rectangle"};
    EXPECT_EQ(read(coco("crowd.json"), {}, &boxes).items.size(), 1u);
}

TEST_F(CocoReaderTest, AnUnknownClassOrAPointOutsideTheImageIsAProblemAtItsAnnotation) {
    const CollectingSink sink = read(coco("wrong-category.json"));
    EXPECT_TRUE(sink.items.empty()); // image 1 is partly wrong: not sent at all
    const QStringList problems = texts(sink.problems);
    ASSERT_EQ(problems.size(), 2) << problems.join(u'\n').toStdString();
    EXPECT_TRUE(
        problems[0].contains(s("wrong-category.json:9 img-001: annotation 21: class \"bicycle\" "
                               "matches no category of DETECTION (its categories: CAR, "
                               "PERSON)")))
        << problems[0].toStdString();
    EXPECT_TRUE(problems[1].contains(s("annotation 22: the point (680, 410) lies outside its "
                                       "image of 640 × 480 pixels")))
        << problems[1].toStdString();
}

TEST_F(CocoReaderTest, ImagesWithoutSizeOrUnknownImageIdsAreProblems) {
    QTemporaryDir dir;
    const QString path = dir.filePath(s("nosize.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"images": [{"id": 1, "file_name": "a.jpg"}], "categories": [{"id": 1, "name": "car"}],
"annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]},
{"id": 2, "image_id": 9, "category_id": 1, "bbox": [1, 1, 2, 2]}]})");
    file.close();
    const QStringList problems = texts(read(path).problems);
    ASSERT_EQ(problems.size(), 2);
    EXPECT_TRUE(problems[0].contains(s("image 1 (a.jpg) has no \"width\" and \"height\"")));
    EXPECT_TRUE(problems[1].contains(s("image_id 9 (1 annotations) is not among the images")));
}

TEST_F(CocoReaderTest, MalformedJsonIsOneProblemWithItsLine) {
    QTemporaryDir dir;
    const QString path = dir.filePath(s("broken.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"images\": [],\n\"annotations\": [{\"image_id\": 1,, }]}");
    file.close();
    const CollectingSink sink = read(path);
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("not valid JSON")))
        << sink.problems[0].message.toStdString();
}

TEST(CategoryResolver, KeysAndDisplayNamesMatchIgnoringCaseAndSeparators) {
    JobRule job;
    job.displayName = s("DETECTION");
    job.categoryKeys = {s("TRAFFIC_LIGHT"), s("CAR"), s("STOP")};
    job.categoryNames = {s("Traffic light"), s("Automobile"), s("Stop sign")};
    const CategoryResolver resolver(job, {{s("DETECTION"), {{s("lorry"), s("CAR")}}}});
    EXPECT_EQ(resolver.resolve(s("traffic light")), s("TRAFFIC_LIGHT"));
    EXPECT_EQ(resolver.resolve(s("Traffic-Light")), s("TRAFFIC_LIGHT"));
    EXPECT_EQ(resolver.resolve(s("automobile")), s("CAR"));
    EXPECT_EQ(resolver.resolve(s("stop_sign")), s("STOP"));
    EXPECT_EQ(resolver.resolve(s("car")), s("CAR"));
    // the mapping renames it later (and the plan counts it)
    EXPECT_EQ(resolver.resolve(s("lorry")), s("lorry"));
    EXPECT_FALSE(resolver.resolve(s("truck")).has_value());
    EXPECT_TRUE(resolver.unmatchedMessage(s("truck")).contains(s("--map \"truck=KEY\"")));
}

TEST(FormatDetection, RecognisesCocoDatasetsAndResultsLists) {
    EXPECT_EQ(detectFormat(coco("dataset.json")), PredictionFormat::Coco);
    EXPECT_EQ(detectFormat(coco("results.json")), PredictionFormat::Coco);
    EXPECT_EQ(detectFormat(dataPath(s("good.json"))), PredictionFormat::Json);
    EXPECT_EQ(formatFromName(u"coco"), PredictionFormat::Coco);
}

TEST(CocoScan, TheDatasetGivenForResultsIsNotReadAsPredictions) {
    QTemporaryDir dir;
    for (const char* name : {"dataset.json", "results.json"})
        ASSERT_TRUE(QFile::copy(coco(name), dir.filePath(s(name))));
    ScanOptions options;
    options.targetJob = s("DETECTION");
    options.cocoDataset = dir.filePath(s("dataset.json"));
    PredictionScanner scanner(testInterface(), options);
    scanner.scan({dir.path()});
    const ScanResult result = scanner.takeResult();
    EXPECT_TRUE(result.problems.isEmpty()) << texts(result.problems).join(u'\n').toStdString();
    ASSERT_EQ(result.items.size(), 2u); // the results' two images, not the dataset's own
    EXPECT_EQ(result.items[1].externalId, s("img-003"));
}
