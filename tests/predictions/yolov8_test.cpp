// Ultralytics YOLO (v8, v11) label files and data.yaml, written by hand from
// docs.ultralytics.com/datasets/detect/, /datasets/segment/ and /datasets/obb/: boxes
// `cls cx cy w h [conf]`, segmentation `cls x1 y1 … xn yn [conf]`, oriented boxes
// `cls x1 y1 x2 y2 x3 y3 x4 y4 [conf]`, all normalised; `names` as a list or a map.
#include "fixtures.h"
#include "predictions/interfacerules.h"
#include "predictions/predictionformat.h"
#include "predictions/predictionscanner.h"
#include "predictions/yoloclasses.h"
#include "predictions/yoloreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

class UltralyticsTest : public ::testing::Test {
protected:
    UltralyticsTest()
        : m_rules(testInterface()) {}

    CollectingSink read(const QString& classesFile, const QString& labels,
                        const JobRule* job = nullptr) {
        QString error;
        YoloClasses classes = YoloClasses::load(classesFile, &error);
        EXPECT_TRUE(error.isEmpty()) << error.toStdString();
        const JobRule& target = job ? *job : *m_rules.job("DETECTION");
        YoloReader reader(std::move(classes), target, CategoryResolver(target, {}));
        CollectingSink sink;
        reader.read(labels, sink);
        return sink;
    }

    QString write(const char* name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(s(name));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return path;
    }

    InterfaceRules m_rules;
    QTemporaryDir m_dir;
};

} // namespace

TEST(YoloClasses, AnUltralyticsDataYamlWithCommentsQuotesAndAMapOfNames) {
    QString error;
    const YoloClasses classes = YoloClasses::load(dataPath(s("yolo_v8/seg/data.yaml")), &error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    ASSERT_EQ(classes.size(), 3);
    EXPECT_EQ(classes.name(1), s("person"));
    EXPECT_EQ(classes.name(2), s("traffic light"));
    EXPECT_EQ(classes.task(), s("segment"));
    const YoloClasses flow = YoloClasses::load(dataPath(s("yolo_v8/obb/data.yaml")), &error);
    EXPECT_EQ(flow.name(1), s("person"));
    EXPECT_EQ(flow.task(), s("obb"));
    // a name with a colon, quoted, is one name (the hand-written reader split it)
    EXPECT_EQ(YoloClasses::parse("names:\n  0: 'a: b' # c\n", &error).name(0), s("a: b"));
    EXPECT_TRUE(YoloClasses::parse("names: [car, {x: 1}]\n", &error).isEmpty());
    EXPECT_TRUE(error.contains(s("entry 1 is not a class name"))) << error.toStdString();
    EXPECT_TRUE(YoloClasses::parse("names: [car\n", &error).isEmpty());
    EXPECT_TRUE(error.contains(s("the YAML cannot be read (line"))) << error.toStdString();
}

TEST_F(UltralyticsTest, SegmentationLinesBecomePolygonsAndNamesMatchTheCategories) {
    const CollectingSink sink = read(dataPath(s("yolo_v8/seg/data.yaml")),
                                     dataPath(s("yolo_v8/seg/labels/val/img-101.txt")));
    EXPECT_TRUE(sink.problems.isEmpty()) << texts(sink.problems).join(u'\n').toStdString();
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].item.externalId, s("img-101"));
    EXPECT_EQ(sink.items[0].json,
              QByteArray(R"({"DETECTION":{"annotations":[{"boundingPoly":[{"normalizedVertices":[)"
                         R"({"x":0.1,"y":0.1},{"x":0.3,"y":0.1},{"x":0.3,"y":0.3}]}],)"
                         R"("categories":[{"name":"CAR","confidence":90}],"type":"polygon"},)"
                         R"({"boundingPoly":[{"normalizedVertices":[{"x":0.5,"y":0.5},)"
                         R"({"x":0.6,"y":0.5},{"x":0.6,"y":0.6},{"x":0.5,"y":0.6}]}],)"
                         R"("categories":[{"name":"PERSON","confidence":100}],)"
                         R"("type":"polygon"}]}})"));
}

TEST_F(UltralyticsTest, OrientedBoxesBecomeFourCornerPolygons) {
    const CollectingSink sink =
        read(dataPath(s("yolo_v8/obb/data.yaml")), dataPath(s("yolo_v8/obb/img-201.txt")));
    ASSERT_EQ(sink.items.size(), 1u) << texts(sink.problems).join(u'\n').toStdString();
    EXPECT_TRUE(sink.items[0].json.contains(R"({"name":"CAR","confidence":75}],"type":"polygon")"));
    EXPECT_EQ(sink.items[0].json.count("\"x\":"), 8);
}

TEST_F(UltralyticsTest, WhatTheJobOrTheTaskCannotTakeIsAProblemAtItsLine) {
    const QString obb = write("obb.yaml", "task: obb\nnames: [car]\n");
    const QString sixNumbers = write("img-1.txt", "0 0.1 0.1 0.2 0.1 0.2 0.2\n");
    const QStringList obbProblems = texts(read(obb, sixNumbers).problems);
    ASSERT_EQ(obbProblems.size(), 1);
    EXPECT_TRUE(obbProblems[0].contains(s("img-1.txt:1 img-1: the data.yaml says task: obb")))
        << obbProblems[0].toStdString();

    JobRule boxes = *m_rules.job("DETECTION");
    boxes.tools = {"rectangle"};
    const QString names = write("data.yaml", "names: {0: car, 1: traffic light}\n");
    const QStringList noTool = texts(read(names, sixNumbers, &boxes).problems);
    ASSERT_EQ(noTool.size(), 1);
    EXPECT_TRUE(noTool[0].contains(s("DETECTION has no polygon tool"))) << noTool[0].toStdString();

    const QStringList unmatched =
        texts(read(names, write("img-2.txt", "1 0.5 0.5 0.1 0.1 0.4\n")).problems);
    ASSERT_EQ(unmatched.size(), 1);
    EXPECT_TRUE(unmatched[0].contains(s("img-2.txt:1 img-2: class \"traffic light\" matches no "
                                        "category of DETECTION")))
        << unmatched[0].toStdString();
}

TEST(FormatDetection, UltralyticsFoldersAndNames) {
    EXPECT_EQ(formatFromName(u"yolo_v8"), PredictionFormat::YoloV8);
    EXPECT_EQ(formatFromName(u"yolo_v11"), PredictionFormat::YoloV8);
    EXPECT_TRUE(inUltralyticsLayout(dataPath(s("yolo_v8/seg/labels/val/img-101.txt"))));
    EXPECT_FALSE(inUltralyticsLayout(dataPath(s("yolo_v8/obb/img-201.txt"))));
    EXPECT_FALSE(inUltralyticsLayout(dataPath(s("yolo_v4/img-001.txt"))));
}

TEST(UltralyticsScan, AnUltralyticsFolderDroppedWholeIsReadWithItsDataYaml) {
    ScanOptions options;
    options.targetJob = s("DETECTION");
    PredictionScanner scanner(testInterface(), options);
    scanner.scan({dataPath(s("yolo_v8/seg"))});
    const ScanResult result = scanner.takeResult();
    EXPECT_TRUE(result.problems.isEmpty()) << texts(result.problems).join(u'\n').toStdString();
    ASSERT_EQ(result.items.size(), 1u);
    EXPECT_TRUE(result.items[0].jsonResponse.contains(R"("type":"polygon")"));
}
