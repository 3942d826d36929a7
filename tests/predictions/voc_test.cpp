// The Pascal VOC reader on a file written by hand from the VOC 2012 development kit's annotation
// format (tests/data/predictions/voc).
#include "fixtures.h"
#include "predictions/interfacerules.h"
#include "predictions/predictionformat.h"
#include "predictions/vocreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {
QString s(const char* text) {
    return QString::fromUtf8(text);
}

CollectingSink readVoc(const QString& path) {
    static const InterfaceRules rules(testInterface());
    const JobRule& job = *rules.job("DETECTION");
    VocReader reader(job, CategoryResolver(job, {}));
    CollectingSink sink;
    reader.read(path, sink);
    return sink;
}
} // namespace

TEST(VocReader, BoxesInPixelsBecomeNormalisedRectangles) {
    const CollectingSink sink = readVoc(dataPath(s("voc/img-001.xml")));
    EXPECT_TRUE(sink.problems.isEmpty()) << texts(sink.problems).join(u'\n').toStdString();
    ASSERT_EQ(sink.items.size(), 1u);
    EXPECT_EQ(sink.items[0].item.externalId, s("img-001"));
    EXPECT_EQ(
        sink.items[0].json,
        QByteArray(R"({"DETECTION":{"annotations":[{"boundingPoly":[{"normalizedVertices":[)"
                   R"({"x":0.1,"y":0.3},{"x":0.1,"y":0.1},{"x":0.3,"y":0.1},{"x":0.3,"y":0.3}]}],)"
                   R"("categories":[{"name":"CAR","confidence":88}],"type":"rectangle"},)"
                   R"({"boundingPoly":[{"normalizedVertices":[{"x":0.5,"y":1},{"x":0.5,"y":0.5},)"
                   R"({"x":1,"y":0.5},{"x":1,"y":1}]}],"categories":[{"name":"PERSON",)"
                   R"("confidence":100}],"type":"rectangle"}]}})"));
    EXPECT_EQ(detectFormat(dataPath(s("voc/img-001.xml"))), PredictionFormat::Voc);
}

TEST(VocReader, AnUnknownClassOrABoxOutsideTheImageIsAProblemAtItsLine) {
    QTemporaryDir dir;
    const QString path = dir.filePath(s("img-9.xml"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("<annotation><size><width>10</width><height>10</height></size>\n"
               "<object><name>zeppelin</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax>"
               "<ymax>2</ymax></bndbox></object>\n"
               "<object><name>car</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>20</xmax>"
               "<ymax>2</ymax></bndbox></object></annotation>");
    file.close();
    const QStringList problems = texts(readVoc(path).problems);
    ASSERT_EQ(problems.size(), 2);
    EXPECT_TRUE(problems[0].contains(s("img-9.xml:2 img-9: class \"zeppelin\" matches no")))
        << problems[0].toStdString();
    EXPECT_TRUE(problems[1].contains(s("reaches outside the image of 10 × 10 pixels")))
        << problems[1].toStdString();
}

TEST(VocReader, MalformedXmlIsOneProblem) {
    QTemporaryDir dir;
    const QString path = dir.filePath(s("broken.xml"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("<annotation><object><name>car</name></annotation>");
    file.close();
    const CollectingSink sink = readVoc(path);
    ASSERT_EQ(sink.problems.size(), 1);
    EXPECT_TRUE(sink.problems[0].message.contains(s("not valid XML")))
        << sink.problems[0].message.toStdString();
}
