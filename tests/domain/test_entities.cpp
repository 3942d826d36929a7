#include "domain/asset.h"
#include "domain/interface.h"
#include "domain/jsonfields.h"
#include "domain/label.h"
#include "domain/project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

namespace {
QJsonObject object(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}
} // namespace

TEST(Project, FromJsonReadsEveryField) {
    const kili::Project project = kili::Project::fromJson(object(R"({
        "id": "clp1", "title": "Cars", "description": "Vehicles", "inputType": "IMAGE",
        "jsonInterface": "{\"jobs\":{\"Z\":{\"mlTask\":\"CLASSIFICATION\"},\"A\":{\"mlTask\":\"TRANSCRIPTION\"}}}",
        "numberOfAssets": 10, "numberOfRemainingAssets": 4, "numberOfReviewedAssets": 2,
        "archived": false, "createdAt": "2022-12-15T12:15:52.169Z",
        "updatedAt": "2023-01-01T00:00:00Z", "workflowVersion": "V2"})"));
    EXPECT_EQ(project.id, QStringLiteral("clp1"));
    EXPECT_EQ(project.title, QStringLiteral("Cars"));
    EXPECT_EQ(project.description, QStringLiteral("Vehicles"));
    EXPECT_EQ(project.inputType, QStringLiteral("IMAGE"));
    EXPECT_EQ(project.numberOfAssets, 10);
    EXPECT_EQ(project.numberOfRemainingAssets, 4);
    EXPECT_EQ(project.numberOfReviewedAssets, 2);
    EXPECT_DOUBLE_EQ(project.progress(), 0.6);
    EXPECT_EQ(project.createdAt, QDateTime(QDate(2022, 12, 15), QTime(12, 15, 52, 169), Qt::UTC));
    EXPECT_TRUE(project.updatedAt.isValid());
    EXPECT_EQ(project.workflowVersion, QStringLiteral("V2"));
    QString error;
    const kili::Interface interface = project.interface(&error);
    EXPECT_TRUE(error.isEmpty());
    // Document order, not QJsonObject's sorted order.
    EXPECT_EQ(interface.rootJobNames(), (QStringList{QStringLiteral("Z"), QStringLiteral("A")}));
}

TEST(Project, LegacyInputTypeAndWrongTypesDoNotCrash) {
    const kili::Project project = kili::Project::fromJson(object(
        R"({"id": 5, "title": null, "inputType": "VIDEO_LEGACY", "numberOfAssets": "x",
            "createdAt": "yesterday", "jsonInterface": {"jobs": {}}})"));
    EXPECT_TRUE(project.id.isEmpty());
    EXPECT_EQ(project.inputType, QStringLiteral("VIDEO_LEGACY"));
    EXPECT_EQ(project.numberOfAssets, 0);
    EXPECT_FALSE(project.createdAt.isValid());
    EXPECT_EQ(project.progress(), 0.0);
    EXPECT_EQ(project.jsonInterface, QStringLiteral(R"({"jobs":{}})"));
}

TEST(Project, BadInterfaceTextGivesSentenceNamingTheProject) {
    kili::Project project;
    project.id = QStringLiteral("clp9");
    project.title = QStringLiteral("Broken");
    project.jsonInterface = QStringLiteral("{\"jobs\": {");
    QString error;
    const kili::Interface interface = project.interface(&error);
    EXPECT_TRUE(interface.isEmpty());
    EXPECT_TRUE(error.contains(QStringLiteral("Broken"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("clp9")));
    EXPECT_TRUE(error.contains(QStringLiteral("not valid JSON")));
}

TEST(Label, FromJsonDecodesJsonResponse) {
    const kili::Label label = kili::Label::fromJson(object(R"({
        "id": "l1", "labelType": "PREDICTION", "modelName": "yolo",
        "jsonResponse": "{\"JOB_0\":{\"categories\":[{\"name\":\"A\",\"confidence\":87}]}}",
        "author": {"id": "u1", "email": "a@b.c", "firstname": "Ada", "lastname": "L"},
        "createdAt": "2022-12-15T12:15:52.169Z", "secondsToLabel": 12.5, "honeypotMark": null,
        "inferenceMark": 0.75, "isLatestLabelForUser": true, "numberOfAnnotations": 3,
        "labelOf": {"id": "a1"}})"));
    EXPECT_EQ(label.id, QStringLiteral("l1"));
    EXPECT_EQ(label.labelType.kind(), kili::LabelType::Prediction);
    EXPECT_TRUE(label.jsonResponseError.isEmpty());
    EXPECT_EQ(label.jsonResponse.value(QLatin1String("JOB_0"))
                  .toObject()
                  .value(QLatin1String("categories"))
                  .toArray()
                  .size(),
              1);
    EXPECT_EQ(label.modelName, QStringLiteral("yolo"));
    EXPECT_EQ(label.author.email, QStringLiteral("a@b.c"));
    EXPECT_EQ(label.author.displayName(), QStringLiteral("Ada L"));
    ASSERT_TRUE(label.secondsToLabel.has_value());
    EXPECT_DOUBLE_EQ(*label.secondsToLabel, 12.5);
    EXPECT_FALSE(label.honeypotMark.has_value());
    EXPECT_DOUBLE_EQ(label.inferenceMark.value_or(0), 0.75);
    EXPECT_TRUE(label.isLatestLabelForUser);
    EXPECT_EQ(label.numberOfAnnotations, 3);
    EXPECT_EQ(label.assetId, QStringLiteral("a1"));
}

TEST(Label, UndecodableJsonResponseIsAnErrorOnThatLabel) {
    const kili::Label bad = kili::Label::fromJson(
        object(R"({"id": "l2", "labelType": "WEIRD", "jsonResponse": "{not json"})"));
    EXPECT_TRUE(bad.jsonResponse.isEmpty());
    EXPECT_TRUE(bad.jsonResponseError.contains(QStringLiteral("l2")));
    EXPECT_TRUE(bad.jsonResponseError.contains(QStringLiteral("not valid JSON")));
    EXPECT_EQ(bad.labelType.toString(), QStringLiteral("WEIRD"));

    const kili::Label array =
        kili::Label::fromJson(object(R"({"id": "l3", "jsonResponse": "[1, 2]"})"));
    EXPECT_TRUE(array.jsonResponseError.contains(QStringLiteral("array")));

    const kili::Label number = kili::Label::fromJson(object(R"({"id": "l4", "jsonResponse": 4})"));
    EXPECT_FALSE(number.jsonResponseError.isEmpty());

    const kili::Label empty =
        kili::Label::fromJson(object(R"({"id": "l5", "jsonResponse": "{}"})"));
    EXPECT_TRUE(empty.jsonResponseError.isEmpty());
    const kili::Label missing = kili::Label::fromJson(object(R"({"id": "l6"})"));
    EXPECT_TRUE(missing.jsonResponseError.isEmpty());
    const kili::Label plain =
        kili::Label::fromJson(object(R"({"id": "l7", "jsonResponse": {"J": {"text": "t"}}})"));
    EXPECT_TRUE(plain.jsonResponseError.isEmpty());
    EXPECT_TRUE(plain.jsonResponse.contains(QLatin1String("J")));
}

TEST(Asset, FromJsonWithLabels) {
    const kili::Asset asset = kili::Asset::fromJson(object(R"({
        "id": "a1", "externalId": "img-001.jpg", "content": "https://x/img.jpg",
        "jsonMetadata": "{\"camera\": \"front\"}", "status": "LABELED", "isHoneypot": false,
        "skipped": true, "createdAt": "2022-12-15T12:15:52.169Z", "consensusMark": 0.5,
        "honeypotMark": null, "inferenceMark": 0.9, "resolution": {"width": 640, "height": 480},
        "currentStep": {"name": "Review", "status": "TO_DO"},
        "labels": [{"id": "l1", "labelType": "DEFAULT", "jsonResponse": "{}",
                    "author": {"id": "u", "email": "e"}}, null,
                   {"id": "l2", "labelType": "PREDICTION", "jsonResponse": "oops"}]})"));
    EXPECT_EQ(asset.id, QStringLiteral("a1"));
    EXPECT_EQ(asset.externalId, QStringLiteral("img-001.jpg"));
    EXPECT_EQ(asset.jsonMetadata.value(QLatin1String("camera")).toString(),
              QStringLiteral("front"));
    EXPECT_TRUE(asset.jsonMetadataError.isEmpty());
    EXPECT_EQ(asset.status, QStringLiteral("LABELED"));
    EXPECT_TRUE(asset.skipped);
    EXPECT_FALSE(asset.isHoneypot);
    EXPECT_TRUE(asset.createdAt.isValid());
    EXPECT_DOUBLE_EQ(asset.consensusMark.value_or(0), 0.5);
    EXPECT_FALSE(asset.honeypotMark.has_value());
    EXPECT_DOUBLE_EQ(asset.width.value_or(0), 640);
    EXPECT_DOUBLE_EQ(asset.height.value_or(0), 480);
    EXPECT_EQ(asset.currentStepName, QStringLiteral("Review"));
    EXPECT_EQ(asset.currentStepStatus, QStringLiteral("TO_DO"));
    ASSERT_EQ(asset.labels.size(), 2);
    EXPECT_EQ(asset.labels[0].assetId, QStringLiteral("a1"));
    EXPECT_TRUE(asset.labels[0].jsonResponseError.isEmpty());
    EXPECT_FALSE(asset.labels[1].jsonResponseError.isEmpty());
}

TEST(Asset, BadMetadataIsAnErrorOnThatAsset) {
    const kili::Asset asset = kili::Asset::fromJson(
        object(R"({"id": "a2", "externalId": "x", "jsonMetadata": "{\"a\": "})"));
    EXPECT_TRUE(asset.jsonMetadata.isEmpty());
    EXPECT_TRUE(asset.jsonMetadataError.contains(QStringLiteral("a2")));
    EXPECT_FALSE(asset.width.has_value());

    const kili::Asset url = kili::Asset::fromJson(
        object(R"({"id": "a3", "jsonMetadata": "https://storage.example/meta.json"})"));
    EXPECT_TRUE(url.jsonMetadataError.contains(QStringLiteral("link")));
}

TEST(JsonFields, DefensiveReaders) {
    EXPECT_FALSE(kili::json::optionalDouble(QJsonValue()).has_value());
    EXPECT_DOUBLE_EQ(kili::json::optionalDouble(QJsonValue(QStringLiteral("2.5"))).value_or(0),
                     2.5);
    EXPECT_TRUE(kili::json::boolean(QJsonValue(1)));
    EXPECT_FALSE(kili::json::boolean(QJsonValue(0)));
    EXPECT_EQ(kili::json::integer(QJsonValue(QStringLiteral("3")), 7), 7);
    EXPECT_TRUE(kili::json::dateTime(QJsonValue(QStringLiteral("2022-12-15T12:15:52Z"))).isValid());
    QString error = QStringLiteral("stale");
    EXPECT_TRUE(
        kili::json::objectFromJsonString(QJsonValue(QStringLiteral("  ")), &error).isEmpty());
    EXPECT_TRUE(error.isEmpty());
}
