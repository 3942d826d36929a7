#include "fixtures.h"
#include "predictions/arraysreader.h"
#include "predictions/jsonarrayreader.h"
#include "predictions/jsonlreader.h"
#include "predictions/kilifilereader.h"
#include "predictions/linereader.h"
#include "predictions/predictionformat.h"
#include "predictions/yoloclasses.h"
#include "predictions/yoloreader.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

void expectGoodItems(const CollectingSink& sink) {
    ASSERT_EQ(sink.items.size(), 6u) << texts(sink.problems).join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(sink.problems.isEmpty());
    EXPECT_EQ(sink.items[0].item.externalId, s("car-001"));
    EXPECT_EQ(sink.items[2].item.modelName, s("other-model"));
    EXPECT_EQ(sink.items[5].item.assetId, s("clbasset000000000000000001"));
    EXPECT_TRUE(sink.items[5].item.externalId.isEmpty());
    // a JSON-encoded string is decoded to the same object
    EXPECT_EQ(
        sink.items[1].json,
        QByteArray(R"({"CLASSIFICATION_JOB":{"categories":[{"name":"TRUCK","confidence":99}]}})"));
}

} // namespace

TEST(LineReader, StripsBomAndCrlfAndCountsLines) {
    QByteArray data("\xEF\xBB\xBF"
                    "first\r\nsecond\n\nlast");
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer);
    std::string_view line;
    std::vector<std::string> lines;
    while (reader.next(line))
        lines.emplace_back(line);
    EXPECT_EQ(lines, (std::vector<std::string>{"first", "second", "", "last"}));
    EXPECT_EQ(reader.lineNumber(), 4);
}

TEST(LineReader, LinesLongerThanTheBufferGrowIt) {
    QByteArray data(3 * 1024 * 1024, 'x');
    data += "\nshort\n";
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer);
    std::string_view line;
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line.size(), std::size_t(3 * 1024 * 1024));
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "short");
    EXPECT_FALSE(reader.next(line));
}

TEST(JsonlReader, ReadsObjectsAndStringEncodedResponses) {
    CollectingSink sink;
    JsonlReader().read(dataPath(s("good.jsonl")), sink);
    expectGoodItems(sink);
    EXPECT_EQ(sink.items[3].item.source.line, 4);
    EXPECT_EQ(sink.items[3].item.source.pointer, s("/jsonResponse"));
}

TEST(JsonlReader, BomAndCrlfReadTheSame) {
    CollectingSink plain, windows;
    JsonlReader().read(dataPath(s("good.jsonl")), plain);
    JsonlReader().read(dataPath(s("good_bom_crlf.jsonl")), windows);
    expectGoodItems(windows);
    for (std::size_t i = 0; i < plain.items.size(); ++i)
        EXPECT_EQ(plain.items[i].json, windows.items[i].json);
}

TEST(JsonlReader, ReportsMalformedLinesAndGoesOn) {
    CollectingSink sink;
    JsonlReader().read(dataPath(s("bad.jsonl")), sink);
    const QStringList problems = texts(sink.problems);
    EXPECT_TRUE(problems.filter(s("bad.jsonl:17: the line is not valid JSON")).size() == 1)
        << problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(problems.filter(s("bad.jsonl:16: the item has no identifier")).size(), 1);
    EXPECT_EQ(problems.filter(s("car-024: jsonResponse must be an object")).size(), 1);
    EXPECT_EQ(
        problems.filter(s("bad.jsonl:18 car-027: jsonResponse is a string but not valid JSON"))
            .size(),
        1);
    EXPECT_EQ(sink.items.size(), 18u);
}

TEST(JsonlReader, MissingFileIsOneProblem) {
    CollectingSink sink;
    JsonlReader().read(dataPath(s("does-not-exist.jsonl")), sink);
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("cannot be read")));
}

TEST(JsonArrayReader, ItemsCarryIndexAndLine) {
    CollectingSink sink;
    JsonArrayReader().read(dataPath(s("good.json")), sink);
    expectGoodItems(sink);
    EXPECT_EQ(sink.items[0].item.source.line, 2);
    EXPECT_EQ(sink.items[0].item.source.pointer, s("/0/jsonResponse"));
    EXPECT_EQ(sink.items[4].item.source.line, 6);
    EXPECT_EQ(sink.items[4].item.source.pointer, s("/4/jsonResponse"));
}

TEST(JsonArrayReader, NonObjectItemIsReportedAndSkipped) {
    CollectingSink sink;
    JsonArrayReader().read(dataPath(s("not_an_array.json")), sink);
    ASSERT_EQ(sink.items.size(), 2u) << texts(sink.problems).join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_EQ(sink.problems[0].source.pointer, s("/1"));
    EXPECT_EQ(sink.items[1].item.externalId, s("b"));
}

TEST(ArraysReader, ParallelArraysWithOneModelName) {
    CollectingSink sink;
    ArraysReader().read(dataPath(s("arrays.json")), sink);
    ASSERT_EQ(sink.items.size(), 3u) << texts(sink.problems).join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(sink.items[2].item.externalId, s("car-003"));
    EXPECT_EQ(sink.items[2].item.modelName, s("m"));
    EXPECT_EQ(sink.items[2].item.source.pointer, s("/jsonResponseArray/2"));
}

TEST(ArraysReader, UnequalLengthsAreRefused) {
    QTemporaryDir dir;
    const QString path = dir.filePath(s("a.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"externalIdArray": ["a", "b"], "jsonResponseArray": [{}]})");
    file.close();
    CollectingSink sink;
    ArraysReader().read(path, sink);
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("2 entries but jsonResponseArray has 1")));
}

TEST(KiliFileReader, FileNameIsTheExternalId) {
    CollectingSink sink;
    KiliFileReader reader;
    reader.read(dataPath(s("kili/car-001.json")), sink);
    reader.read(dataPath(s("kili/car-002.json")), sink);
    ASSERT_EQ(sink.items.size(), 2u);
    EXPECT_EQ(sink.items[0].item.externalId, s("car-001"));
    EXPECT_EQ(sink.items[1].item.externalId, s("car-002"));
    EXPECT_TRUE(sink.items[1].json.contains("TRUCK"));
}

TEST(YoloClasses, ReadsTheThreeShapes) {
    QString error;
    const auto v4 = YoloClasses::parse("0 car\n1 traffic light\n", &error);
    EXPECT_EQ(v4.name(1), s("traffic light"));
    const auto names = YoloClasses::parse("car\nperson\n", &error);
    EXPECT_EQ(names.name(1), s("person"));
    const auto v5 = YoloClasses::parse("path: x\nnames:\n  0: car\n  1: 'person'\nnc: 2\n", &error);
    EXPECT_EQ(v5.size(), 2);
    EXPECT_EQ(v5.name(1), s("person"));
    const auto v5flow = YoloClasses::parse("names: {0: car, 3: bus}\n", &error);
    EXPECT_EQ(v5flow.name(3), s("bus"));
    const auto v7 = YoloClasses::parse("nc: 2\nnames: ['car', \"per, son\"]\n", &error);
    EXPECT_EQ(v7.name(1), s("per, son"));
    const auto v7block = YoloClasses::parse("names:\n- car\n- person\n", &error);
    EXPECT_EQ(v7block.name(1), s("person"));
}

TEST(YoloReader, BoxesBecomeRectanglesLikeKilisCli) {
    QString error;
    YoloReader reader(YoloClasses::load(dataPath(s("yolo_v4/classes.txt")), &error),
                      s("DETECTION"));
    CollectingSink sink;
    reader.read(dataPath(s("yolo_v4/img-001.txt")), sink);
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].item.externalId, s("img-001"));
    EXPECT_EQ(
        sink.items[0].json,
        QByteArray(
            R"({"DETECTION":{"annotations":[)"
            R"({"boundingPoly":[{"normalizedVertices":[{"x":0.19999999999999998,"y":0.6000000000000001},)"
            R"({"x":0.19999999999999998,"y":0.2},{"x":0.4,"y":0.2},{"x":0.4,"y":0.6000000000000001}]}],)"
            R"("categories":[{"name":"CAR","confidence":87}],"type":"rectangle"},)"
            R"({"boundingPoly":[{"normalizedVertices":[{"x":0.45,"y":0.55},{"x":0.45,"y":0.45},)"
            R"({"x":0.55,"y":0.45},{"x":0.55,"y":0.55}]}],)"
            R"("categories":[{"name":"PERSON","confidence":100}],"type":"rectangle"}]}})"));
}

TEST(YoloReader, BadLinesAreReportedAndTheAssetSkipped) {
    QString error;
    YoloReader reader(YoloClasses::load(dataPath(s("yolo_v5/data.yaml")), &error), s("DETECTION"));
    CollectingSink sink;
    reader.read(dataPath(s("yolo_v5/img-003.txt")), sink);
    EXPECT_TRUE(sink.items.empty());
    const QStringList problems = texts(sink.problems);
    ASSERT_EQ(problems.size(), 2);
    EXPECT_TRUE(
        problems[0].contains(s("img-003.txt:2 img-003: class 7 is not in the classes file")))
        << problems[0].toStdString();
    EXPECT_TRUE(problems[1].contains(s("img-003.txt:3")));
}

TEST(YoloReader, V7NamesList) {
    QString error;
    YoloReader reader(YoloClasses::load(dataPath(s("yolo_v7/data.yaml")), &error), s("DETECTION"));
    CollectingSink sink;
    reader.read(dataPath(s("yolo_v7/img-004.txt")), sink);
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_TRUE(sink.items[0].json.contains(R"({"name":"PERSON","confidence":90})"));
}

TEST(FormatDetection, RecognisesEveryFixture) {
    EXPECT_EQ(detectFormat(dataPath(s("good.jsonl"))), PredictionFormat::Jsonl);
    EXPECT_EQ(detectFormat(dataPath(s("good.json"))), PredictionFormat::Json);
    EXPECT_EQ(detectFormat(dataPath(s("arrays.json"))), PredictionFormat::Arrays);
    EXPECT_EQ(detectFormat(dataPath(s("kili/car-001.json"))), PredictionFormat::Kili);
    EXPECT_EQ(detectFormat(dataPath(s("yolo_v4/img-001.txt"))), PredictionFormat::YoloV4);
    EXPECT_EQ(detectFormat(dataPath(s("yolo_v4/classes.txt"))), PredictionFormat::Auto);
    EXPECT_EQ(formatFromName(u"ndjson"), PredictionFormat::Jsonl);
    EXPECT_EQ(formatFromName(u"yolo_v7"), PredictionFormat::YoloV7);
    EXPECT_FALSE(formatFromName(u"csv").has_value());
}

TEST(FormatDetection, CollectsFoldersAndFindsTheClassesFile) {
    const InputFiles inputs = collectInputs({dataPath(s("yolo_v4"))});
    EXPECT_EQ(inputs.files.size(), 2);
    EXPECT_TRUE(inputs.classesFile.endsWith(s("yolo_v4/classes.txt")));
    const InputFiles single = collectInputs({dataPath(s("yolo_v7/img-004.txt"))});
    EXPECT_TRUE(single.classesFile.endsWith(s("yolo_v7/data.yaml")));
    EXPECT_EQ(collectInputs({dataPath(s("nope"))}).errors.size(), 1);
}

namespace {
QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& bytes) {
    const QString path = dir.filePath(QString::fromUtf8(name));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    return path;
}
} // namespace

// An empty file used to be read as "nothing to do"; it is one problem naming the file.
TEST(JsonlReader, FileWithoutAnyLineHoldsNoPrediction) {
    QTemporaryDir dir;
    for (const QByteArray& bytes : {QByteArray(), QByteArray(" \n\t\r\n\n"),
                                    QByteArray("\xEF\xBB\xBF"), QByteArray("\xEF\xBB\xBF\r\n")}) {
        const QString path = writeFile(dir, "preds.jsonl", bytes);
        CollectingSink sink;
        JsonlReader().read(path, sink);
        EXPECT_TRUE(sink.items.empty());
        ASSERT_EQ(sink.problems.size(), 1) << bytes.toHex().constData();
        EXPECT_TRUE(sink.problems[0].isError());
        EXPECT_EQ(sink.problems[0].source.file, path);
        EXPECT_TRUE(
            sink.problems[0].toText().contains(s("preds.jsonl: the file holds no prediction")))
            << sink.problems[0].toText().toStdString();
    }
}

TEST(JsonArrayReader, EmptyArrayHoldsNoPrediction) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, "preds.json", "[\n]\n");
    CollectingSink sink;
    JsonArrayReader().read(path, sink);
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("holds no prediction")));
}

TEST(ArraysReader, ModelNamesMustBeStrings) {
    QTemporaryDir dir;
    const QByteArray head =
        R"({"externalIdArray": ["a", "b"], "jsonResponseArray": [{}, {}], "modelNameArray": )";
    {
        CollectingSink sink;
        ArraysReader().read(writeFile(dir, "one.json", head + "[7]}"), sink);
        EXPECT_TRUE(sink.items.empty());
        ASSERT_EQ(sink.problems.size(), 1);
        EXPECT_EQ(sink.problems[0].source.pointer, s("/modelNameArray/0"));
        EXPECT_TRUE(sink.problems[0].message.contains(s("must be a string")))
            << sink.problems[0].message.toStdString();
        EXPECT_TRUE(sink.problems[0].message.contains(s("got a number")));
    }
    {
        CollectingSink sink;
        ArraysReader().read(writeFile(dir, "each.json", head + R"(["m", {}]})"), sink);
        ASSERT_EQ(sink.items.size(), 1u);
        EXPECT_EQ(sink.items[0].item.modelName, s("m"));
        ASSERT_EQ(sink.problems.size(), 1);
        EXPECT_EQ(sink.problems[0].source.pointer, s("/modelNameArray/1"));
        EXPECT_EQ(sink.problems[0].externalId, s("b"));
        EXPECT_TRUE(sink.problems[0].message.contains(s("got an object")));
    }
    {
        CollectingSink sink;
        ArraysReader().read(writeFile(dir, "string.json", head + R"("m"})"), sink);
        ASSERT_EQ(sink.problems.size(), 1);
        EXPECT_EQ(sink.problems[0].source.pointer, s("/modelNameArray"));
    }
    {
        CollectingSink sink; // null means the import's --model, as when the array is absent
        ArraysReader().read(writeFile(dir, "null.json", head + "[null, \"m\"]}"), sink);
        EXPECT_TRUE(sink.problems.isEmpty()) << texts(sink.problems).join(s("\n")).toStdString();
        ASSERT_EQ(sink.items.size(), 2u);
        EXPECT_TRUE(sink.items[0].item.modelName.isEmpty());
    }
    {
        CollectingSink sink;
        ArraysReader().read(
            writeFile(dir, "empty.json", R"({"externalIdArray": [], "jsonResponseArray": []})"),
            sink);
        ASSERT_EQ(sink.problems.size(), 1);
        EXPECT_TRUE(sink.problems[0].message.contains(s("holds no prediction")));
    }
}

TEST(YoloReader, NegativeWidthOrHeightIsAProblemAtItsLine) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, "img-9.txt", "0 0.5 0.5 0.1 0.1\n0 0.5 0.5 -0.1 -0.1\n");
    QString error;
    YoloReader reader(YoloClasses::parse("car\n", &error), s("DETECTION"));
    CollectingSink sink;
    reader.read(path, sink);
    EXPECT_TRUE(sink.items.empty());
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].toText().contains(s("img-9.txt:2 img-9: the box has a negative")))
        << sink.problems[0].toText().toStdString();
}

TEST(YoloClasses, NoUsableNameIsAnError) {
    for (const char* text : {"names: []\n", "names: 12\n", "nc: 0\nnames:\n", "", "\n\n"}) {
        QString error;
        const YoloClasses classes = YoloClasses::parse(text, &error);
        EXPECT_TRUE(classes.isEmpty()) << text;
        EXPECT_TRUE(error.contains(s("no usable class names")))
            << text << ": " << error.toStdString();
    }
    QString error;
    YoloClasses::parse("names: 12\n", &error);
    EXPECT_TRUE(error.contains(s("\"12\""))) << error.toStdString();
    EXPECT_FALSE(YoloClasses::parse("names: [car]\n", &error).isEmpty());
    EXPECT_TRUE(error.isEmpty());
}

TEST(LineReader, ALineOverTheLimitIsReadThroughAndHandedOutEmpty) {
    QByteArray data("first\n");
    data += QByteArray(5 * 1024 * 1024 + 17, 'x');
    data += "\r\nlast";
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer);
    reader.setMaxLineBytes(1024 * 1024);
    std::string_view line;
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "first");
    EXPECT_FALSE(reader.lastLineTooLong());
    ASSERT_TRUE(reader.next(line));
    EXPECT_TRUE(reader.lastLineTooLong());
    EXPECT_TRUE(line.empty());
    EXPECT_EQ(reader.lastLineBytes(), 5 * 1024 * 1024 + 17 + 1) << "the CR is part of the line";
    EXPECT_EQ(reader.lineNumber(), 2);
    ASSERT_TRUE(reader.next(line));
    EXPECT_EQ(line, "last") << "the line after the long one must be read whole";
    EXPECT_EQ(reader.lineNumber(), 3);
    EXPECT_FALSE(reader.next(line));
}

TEST(LineReader, ALongLastLineWithoutNewlineIsSkippedToo) {
    QByteArray data(3 * 1024 * 1024, 'y');
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    LineReader reader(buffer);
    reader.setMaxLineBytes(1024 * 1024);
    std::string_view line;
    ASSERT_TRUE(reader.next(line));
    EXPECT_TRUE(reader.lastLineTooLong());
    EXPECT_EQ(reader.lastLineBytes(), 3 * 1024 * 1024);
    EXPECT_FALSE(reader.next(line));
}
