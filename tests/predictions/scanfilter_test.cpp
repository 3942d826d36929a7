// ScanOptions::categoryMap and ::minConfidence: the file's class names are mapped to the
// interface's keys before the checks, and what is below the minimum confidence is dropped and
// counted (scanner, plan summary, and a whole import against the in-memory backend).
#include "fakebackend.h"
#include "fixtures.h"
#include "predictions/predictionimport.h"
#include "predictions/predictionscanner.h"
#include "predictions/responsefilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

QJsonObject object(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

class ScanFilter : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString write(const char* name, const QByteArray& content) {
        const QString path = m_dir.filePath(s(name));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return path;
    }

    ScanResult scan(const QString& path, const ScanOptions& options) {
        PredictionScanner scanner(testInterface(), options);
        scanner.scan({path});
        return scanner.takeResult();
    }

    QTemporaryDir m_dir;
};

// Two classifications and a detection with boxes of 90, 30 and 10, one with a child plate.
const QByteArray kLines =
    R"({"externalId":"car-001","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"Voiture","confidence":80}]}}})"
    "\n"
    R"({"externalId":"car-002","jsonResponse":{"TAGS":{"categories":[{"name":"A","confidence":90},{"name":"B","confidence":20}]},"DETECTION":{"annotations":[)"
    R"({"mid":"m1","type":"rectangle","categories":[{"name":"CAR","confidence":90}],"boundingPoly":[{"normalizedVertices":[{"x":0.1,"y":0.1},{"x":0.1,"y":0.2},{"x":0.2,"y":0.2},{"x":0.2,"y":0.1}]}],"children":{"PLATE":{"text":"AB-123"}}},)"
    R"({"mid":"m2","type":"rectangle","categories":[{"name":"person","confidence":30}],"boundingPoly":[{"normalizedVertices":[{"x":0.3,"y":0.3},{"x":0.3,"y":0.4},{"x":0.4,"y":0.4},{"x":0.4,"y":0.3}]}]},)"
    R"({"mid":"m3","type":"rectangle","categories":[{"name":"CAR","confidence":10}],"boundingPoly":[{"normalizedVertices":[{"x":0.5,"y":0.5},{"x":0.5,"y":0.6},{"x":0.6,"y":0.6},{"x":0.6,"y":0.5}]}]}]}}})"
    "\n"
    R"({"externalId":"car-003","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"BUS","confidence":5}]}}})"
    "\n";

} // namespace

TEST_F(ScanFilter, UnmappedNamesAreInvalid) {
    const ScanResult result = scan(write("preds.jsonl", kLines), {});
    EXPECT_EQ(result.invalidItems, 2); // "Voiture" and "person" are not keys
    EXPECT_EQ(result.items.size(), 1u);
    EXPECT_FALSE(result.droppedBelowConfidence.any());
}

TEST_F(ScanFilter, MappingRenamesClassesBeforeTheChecks) {
    ScanOptions options;
    options.categoryMap[s("CLASSIFICATION_JOB")][s("Voiture")] = s("CAR");
    options.categoryMap[s("DETECTION")][s("person")] = s("PERSON");
    // A mapping of another job does not leak into this one.
    options.categoryMap[s("TAGS")][s("CAR")] = s("C");
    const ScanResult result = scan(write("preds.jsonl", kLines), options);
    EXPECT_EQ(result.invalidItems, 0) << texts(result.problems).join(s("\n")).toStdString();
    ASSERT_EQ(result.items.size(), 3u);
    const QJsonObject first = QJsonDocument::fromJson(result.items[0].jsonResponse).object();
    EXPECT_EQ(first[s("CLASSIFICATION_JOB")][s("categories")][0][s("name")].toString(), s("CAR"));
    const QJsonObject second = QJsonDocument::fromJson(result.items[1].jsonResponse).object();
    const QJsonArray boxes = second[s("DETECTION")][s("annotations")].toArray();
    ASSERT_EQ(boxes.size(), 3);
    EXPECT_EQ(boxes[0][s("categories")][0][s("name")].toString(), s("CAR"));
    EXPECT_EQ(boxes[1][s("categories")][0][s("name")].toString(), s("PERSON"));
    EXPECT_EQ(second[s("TAGS")][s("categories")].toArray().size(), 2);
    EXPECT_FALSE(result.droppedBelowConfidence.any());
}

TEST_F(ScanFilter, MinimumConfidenceDropsAndCounts) {
    ScanOptions options;
    options.categoryMap[s("CLASSIFICATION_JOB")][s("Voiture")] = s("CAR");
    options.categoryMap[s("DETECTION")][s("person")] = s("PERSON");
    options.minConfidence = 40;
    const ScanResult result = scan(write("preds.jsonl", kLines), options);
    EXPECT_EQ(result.invalidItems, 0) << texts(result.problems).join(s("\n")).toStdString();
    // car-003 (BUS at 5) has nothing left: not sent.
    ASSERT_EQ(result.items.size(), 2u);
    EXPECT_EQ(result.droppedBelowConfidence.annotations, 2); // m2 (30), m3 (10)
    EXPECT_EQ(result.droppedBelowConfidence.categories, 2);  // TAGS B (20), BUS (5)
    EXPECT_EQ(result.droppedBelowConfidence.emptied, 1);
    const QJsonObject second = QJsonDocument::fromJson(result.items[1].jsonResponse).object();
    const QJsonArray boxes = second[s("DETECTION")][s("annotations")].toArray();
    ASSERT_EQ(boxes.size(), 1);
    EXPECT_EQ(boxes[0][s("mid")].toString(), s("m1"));
    EXPECT_EQ(boxes[0][s("children")][s("PLATE")][s("text")].toString(), s("AB-123"));
    const QJsonArray tags = second[s("TAGS")][s("categories")].toArray();
    ASSERT_EQ(tags.size(), 1);
    EXPECT_EQ(tags[0][s("name")].toString(), s("A"));
}

TEST_F(ScanFilter, MinimumAppliesToScaledProbabilities) {
    const QByteArray line =
        R"({"externalId":"car-001","jsonResponse":{"TAGS":{"categories":[{"name":"A","confidence":0.9},{"name":"B","confidence":0.35}]}}})"
        "\n";
    ScanOptions options;
    options.scaleConfidence = true;
    options.minConfidence = 40;
    const ScanResult result = scan(write("p.jsonl", line), options);
    ASSERT_EQ(result.items.size(), 1u);
    EXPECT_EQ(result.droppedBelowConfidence.categories, 1);
    EXPECT_EQ(QJsonDocument::fromJson(result.items[0].jsonResponse).object(),
              object(R"({"TAGS":{"categories":[{"name":"A","confidence":90}]}})"));
}

TEST(ResponseFilterTest, RelationsLosingAnEndGoToo) {
    ResponseFilter filter({}, 50, false);
    ConfidenceDrops drops;
    const QJsonObject result = filter.apply(object(R"({"NER":{"annotations":[
            {"mid":"p","categories":[{"name":"PER","confidence":20}]},
            {"mid":"o","categories":[{"name":"ORG","confidence":90}]}]},
          "REL":{"annotations":[{"mid":"r","categories":[{"name":"WORKS_FOR","confidence":90}],
            "startEntities":[{"mid":"p"}],"endEntities":[{"mid":"o"}]}]}})"),
                                            drops);
    EXPECT_EQ(drops.annotations, 2); // the person, then the relation that pointed at it
    EXPECT_FALSE(result.contains(s("REL")));
    EXPECT_EQ(result[s("NER")][s("annotations")].toArray().size(), 1);
    EXPECT_EQ(drops.emptied, 0);
}

TEST(ResponseFilterTest, ChildJobsAndVideoFramesAreFilteredToo) {
    ResponseFilter filter({{s("COLOR"), {{s("rouge"), s("RED")}}}}, 50, false);
    ConfidenceDrops drops;
    const QJsonObject result = filter.apply(
        object(R"({"0":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAR","confidence":90,
            "children":{"COLOR":{"categories":[{"name":"rouge","confidence":70},
                                               {"name":"BLUE","confidence":10}]}}}]}},
          "1":{"CLASSIFICATION_JOB":{"categories":[{"name":"BUS","confidence":10}]}}})"),
        drops);
    EXPECT_EQ(result, object(R"({"0":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAR",
        "confidence":90,"children":{"COLOR":{"categories":[{"name":"RED","confidence":70}]}}}]}}})"));
    EXPECT_EQ(drops.categories, 2);
}

TEST(ResponseFilterTest, NothingAskedChangesNothing) {
    ResponseFilter filter({}, std::nullopt, false);
    EXPECT_FALSE(filter.isActive());
    ConfidenceDrops drops;
    const QJsonObject response =
        object(R"({"TAGS":{"categories":[{"name":"A","confidence":1}]},"DATE_JOB":{"text":"x"}})");
    EXPECT_EQ(filter.apply(response, drops), response);
    EXPECT_FALSE(drops.any());
}

TEST(ScanFilterPipeline, PlanSummarySaysHowManyWereDropped) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    qputenv("KILI_DESK_JOURNAL_DIR", dir.filePath(s("journal")).toUtf8());
    FakeBackend backend;
    backend.setInterface(testInterface());
    for (const char* id : {"car-001", "car-002", "car-003"})
        backend.addAsset(s(id));
    const QString path = dir.filePath(s("preds.jsonl"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(kLines);
    file.close();

    ImportRequest request;
    request.settings.projectId = s("P1");
    request.settings.modelName = s("model-a");
    request.inputs = {path};
    request.scan.categoryMap[s("CLASSIFICATION_JOB")][s("Voiture")] = s("CAR");
    request.scan.categoryMap[s("DETECTION")][s("person")] = s("PERSON");
    request.scan.minConfidence = 40;
    PredictionImport import(backend);
    QSignalSpy done(&import, &PredictionImport::finished);
    import.start(request);
    ASSERT_TRUE(done.count() == 1 || done.wait(10000));
    EXPECT_EQ(import.exitCode(), PredictionImport::Success) << import.errorString().toStdString();
    EXPECT_EQ(import.report().created, 2);
    const QString summary = import.plan().summaryText();
    EXPECT_TRUE(summary.contains(s("4 below the minimum confidence 40 dropped (2 annotation(s), "
                                   "2 categorie(s))")))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(s("1 prediction(s) had nothing left above 40")))
        << summary.toStdString();
    // What reached the server carries the mapped key and not the dropped boxes.
    const QList<kili::Label> labels = backend.labelsOf(s("id-car-002"));
    ASSERT_EQ(labels.size(), 1);
    EXPECT_EQ(labels[0].jsonResponse[s("DETECTION")][s("annotations")].toArray().size(), 1);
    EXPECT_TRUE(backend.labelsOf(s("id-car-003")).isEmpty());
    EXPECT_EQ(backend.labelsOf(s("id-car-001"))
                  .value(0)
                  .jsonResponse[s("CLASSIFICATION_JOB")][s("categories")][0][s("name")]
                  .toString(),
              s("CAR"));
    qunsetenv("KILI_DESK_JOURNAL_DIR");
}
