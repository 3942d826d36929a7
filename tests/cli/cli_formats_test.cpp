// kili-desk-cli import of the formats that describe shapes (COCO, YOLO, …) into the demo's
// object-detection project ("Street objects", street-01 … street-08), end to end through the
// in-process sandbox.
#include "demofixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <gtest/gtest.h>

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

// Two street photos of different sizes, a category named as the interface's display name
// ("traffic sign" for TRAFFIC_SIGN, "Traffic sign") and an image that is not in the project.
const char* const kDataset = R"({
  "images": [
    {"id": 1, "file_name": "images/street-01.png", "width": 640, "height": 480},
    {"id": 2, "file_name": "street-02.jpg", "width": 1280, "height": 720},
    {"id": 3, "file_name": "elsewhere.jpg", "width": 100, "height": 100}
  ],
  "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "traffic sign"}],
  "annotations": [
    {"id": 1, "image_id": 1, "category_id": 1, "bbox": [64, 48, 128, 96], "score": 0.9},
    {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0, 0, 128, 72], "score": 0.61},
    {"id": 3, "image_id": 3, "category_id": 1, "bbox": [0, 0, 10, 10]}
  ]
})";

class CliFormats : public kili::testing::DemoCli {
protected:
    void SetUp() override {
        DemoCli::SetUp();
        m_projectId = demoProjectId(s("title"), s("Street objects"));
        ASSERT_FALSE(m_projectId.isEmpty());
    }

    int import(const QStringList& arguments) {
        return cli(QStringList{s("import"), m_projectId, s("--model"), s("detector")} + arguments);
    }

    QString writeFile(const char* name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(s(name));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return path;
    }

    QJsonArray predictionsOf(const QString& model) {
        EXPECT_EQ(cli({s("labels"), m_projectId, s("--type"), s("PREDICTION"), s("--model"), model,
                       s("--json")}),
                  0)
            << m_err.toStdString();
        return QJsonDocument::fromJson(m_out.toUtf8()).array();
    }

    QString m_projectId;
};

} // namespace

TEST_F(CliFormats, ACocoDatasetImportsItsBoxesAndNamesTheImageWithoutAnAsset) {
    const QString dataset = writeFile("dataset.json", kDataset);
    // Without --target-job, the project's only object-detection job takes the boxes (a project
    // with several is asked which: Validator.YoloFoldersNeedATargetJobAndClasses).
    EXPECT_EQ(import({s("--dry-run"), dataset}), 2);
    EXPECT_FALSE(m_err.contains(s("--target-job"))) << m_err.toStdString();
    const QString withoutJob = m_out + m_err;
    EXPECT_TRUE(withoutJob.contains(s("elsewhere"))) << withoutJob.toStdString();
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), s("--dry-run"), dataset}), 2);
    const QString said = m_out + m_err;
    EXPECT_TRUE(said.contains(s("elsewhere"))) << said.toStdString();
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), s("--skip-invalid"), dataset}),
              2)
        << m_err.toStdString();
    const QJsonArray labels = predictionsOf(s("detector"));
    ASSERT_EQ(labels.size(), 2) << m_out.toStdString();
    const QByteArray all = QJsonDocument(labels).toJson(QJsonDocument::Compact);
    EXPECT_TRUE(all.contains(R"("name":"TRAFFIC_SIGN")")) << all.constData();
    EXPECT_TRUE(all.contains(R"("confidence":61)")) << all.constData();
}

TEST_F(CliFormats, ACocoResultsListNeedsItsDatasetAndSaysSo) {
    const QString dataset = writeFile("dataset.json", kDataset);
    const QString results = writeFile(
        "results.json",
        R"([{"image_id": 1, "category_id": 2, "bbox": [10, 10, 20, 20], "score": 0.42}])");
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), results}), 2);
    EXPECT_TRUE(m_err.contains(s("--coco-dataset FILE"))) << m_err.toStdString();
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), s("--coco-dataset"), dataset,
                      results}),
              0)
        << m_err.toStdString();
    const QJsonArray labels = predictionsOf(s("detector"));
    ASSERT_EQ(labels.size(), 1);
    EXPECT_EQ(labels[0][s("externalId")].toString(), s("street-01"));
}

TEST_F(CliFormats, ACocoClassThatMatchesNoCategoryIsInvalidWithItsAnnotationAndNothingIsSent) {
    QByteArray text(kDataset);
    text.replace("\"traffic sign\"", "\"bicycle\"");
    const QString dataset = writeFile("dataset.json", text);
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), dataset}), 2);
    EXPECT_TRUE(m_err.contains(s("annotation 2: class \"bicycle\" matches no category of "
                                 "OBJECT_DETECTION_JOB")))
        << m_err.toStdString();
    EXPECT_TRUE(predictionsOf(s("detector")).isEmpty());
    // the mapping on the command line is what the message suggests, and it works
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), s("--map"),
                      s("bicycle=TRAFFIC_SIGN"), s("--skip-invalid"), dataset}),
              2)
        << m_err.toStdString();
    EXPECT_EQ(predictionsOf(s("detector")).size(), 2);
}

// An Ultralytics dataset folder dropped whole: data.yaml (comments, quotes, `names` as a map) at
// its root, the labels under labels/val beside images/val.
TEST_F(CliFormats, AnUltralyticsFolderWithAMapOfNamesImportsBoxesAndPolygons) {
    QDir(m_dir.path()).mkpath(s("yolo/labels/val"));
    QDir(m_dir.path()).mkpath(s("yolo/images/val"));
    writeFile("yolo/data.yaml", "# from a training run\npath: ../datasets/street\n"
                                "train: images/train\nval: 'images/val'\n"
                                "names:\n  0: car # cars\n  1: \"Traffic sign\"\n");
    writeFile("yolo/labels/val/street-01.txt", "0 0.5 0.5 0.2 0.2 0.8\n");
    writeFile("yolo/labels/val/street-02.txt", "1 0.1 0.1 0.3 0.1 0.3 0.3 0.6\n");
    EXPECT_EQ(import({s("--target-job"), s("OBJECT_DETECTION_JOB"), m_dir.filePath(s("yolo"))}), 0)
        << m_err.toStdString();
    const QByteArray all =
        QJsonDocument(predictionsOf(s("detector"))).toJson(QJsonDocument::Compact);
    EXPECT_TRUE(all.contains(R"("confidence":80,"name":"CAR")")) << all.constData();
    EXPECT_TRUE(all.contains(R"("type":"polygon")")) << all.constData();
    EXPECT_TRUE(all.contains(R"("name":"TRAFFIC_SIGN")")) << all.constData();
}
