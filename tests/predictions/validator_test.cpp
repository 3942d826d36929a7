#include "fixtures.h"
#include "predictions/interfacerules.h"
#include "predictions/predictionscanner.h"
#include "predictions/responsevalidator.h"

#include <QFile>
#include <QTemporaryDir>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

ScanResult scan(const QStringList& paths, ScanOptions options = {}) {
    PredictionScanner scanner(testInterface(), std::move(options));
    QStringList full;
    for (const QString& path : paths)
        full << dataPath(path);
    scanner.scan(full);
    return scanner.takeResult();
}

// The problems of one line of bad.jsonl, as text without the folder.
QStringList problemsOfLine(const ScanResult& result, int line) {
    QStringList found;
    for (const Problem& problem : result.problems) {
        if (problem.source.line == line)
            found << problem.toText().remove(dataPath(QString()));
    }
    return found;
}

} // namespace

TEST(Validator, GoodFilesHaveNoProblems) {
    for (const char* file :
         {"good.jsonl", "good.json", "good_bom_crlf.jsonl", "arrays.json", "kili"}) {
        const ScanResult result = scan({s(file)});
        EXPECT_TRUE(result.problems.isEmpty())
            << file << "\n"
            << texts(result.problems).join(QLatin1Char('\n')).toStdString();
        EXPECT_GT(result.items.size(), 0u) << file;
    }
}

TEST(Validator, EveryCheckOfBadJsonl) {
    const ScanResult result = scan({s("bad.jsonl")});
    const auto line = [&](int n) { return problemsOfLine(result, n).join(QLatin1Char('|')); };
    EXPECT_EQ(line(1), s("bad.jsonl:1 car-010 CLASSIFICATION_JOB: 2 categories given but the job "
                         "takes one (radio)"));
    EXPECT_TRUE(
        line(2).contains(s("car-011 NOPE: \"NOPE\" is not a job of this project's interface")))
        << line(2).toStdString();
    EXPECT_TRUE(line(3).contains(s("car-012 COLOR: this is a child job"))) << line(3).toStdString();
    EXPECT_TRUE(line(4).contains(s("\"Car\" is not a category of this job (its categories: CAR, "
                                   "TRUCK, BUS)")))
        << line(4).toStdString();
    EXPECT_TRUE(line(5).contains(s("category \"A\" is given twice"))) << line(5).toStdString();
    EXPECT_TRUE(line(6).contains(s("confidence 120 is outside 0–100"))) << line(6).toStdString();
    EXPECT_TRUE(line(7).contains(s("a rectangle has exactly 4 vertices, got 3")));
    EXPECT_TRUE(line(8).contains(s("vertex (1.2, 0.1) is outside the image")))
        << line(8).toStdString();
    EXPECT_TRUE(line(9).contains(s("annotation type \"vector\" is not one of the job's tools")));
    EXPECT_TRUE(line(10).contains(s("beginOffset 9 is after endOffset 3")));
    EXPECT_TRUE(line(11).contains(s("\"2024-13-01\" is not a date written YYYY-MM-DD")));
    EXPECT_TRUE(line(12).contains(s("\"forty\" is not a number")));
    EXPECT_EQ(problemsOfLine(result, 13).size(), 2) << line(13).toStdString();
    EXPECT_TRUE(
        line(13).contains(s("refers to annotation \"x1\", which is not in this jsonResponse")));
    EXPECT_TRUE(line(14).contains(s("COLOR: this job is not a child of category \"TRUCK\"")))
        << line(14).toStdString();
    EXPECT_TRUE(line(20).contains(s("already has a different prediction in this import (at ")))
        << line(20).toStdString();
    EXPECT_TRUE(line(21).contains(s("warning: the same prediction is given again")));
    EXPECT_TRUE(line(22).contains(s("\"mid\" must be a non-empty string")))
        << line(22).toStdString();
    EXPECT_TRUE(line(22).contains(s("COLOR: this job is not a child job of the annotation's")));
    EXPECT_EQ(result.itemsRead, 22);
    EXPECT_EQ(result.duplicates, 1);
    EXPECT_EQ(result.items.size(), 1u); // only line 19 is valid
    EXPECT_EQ(result.invalidItems, 20);
}

TEST(Validator, PointersLeadToTheValue) {
    const ScanResult result = scan({s("bad.jsonl")});
    for (const Problem& problem : result.problems) {
        if (problem.source.line == 8) {
            EXPECT_EQ(
                problem.source.pointer,
                s("/jsonResponse/DETECTION/annotations/0/boundingPoly/0/normalizedVertices/1"));
        }
        if (problem.source.line == 6) {
            EXPECT_EQ(problem.source.pointer, s("/jsonResponse/TAGS/categories/0/confidence"));
        }
    }
    const QJsonObject json = result.problems.first().toJson();
    EXPECT_EQ(json.value(s("line")).toInt(), 1);
    EXPECT_EQ(json.value(s("externalId")).toString(), s("car-010"));
    EXPECT_EQ(json.value(s("job")).toString(), s("CLASSIFICATION_JOB"));
}

// A 0–1 score would be stored as a whole number (0.8 → 1 %): each one is a problem at its place
// that names the conversion, which only an explicit choice applies.
TEST(Validator, ProbabilitiesAreProblemsUntilScaled) {
    const ScanResult result = scan({s("probabilities.jsonl")});
    EXPECT_TRUE(result.confidence.looksLikeProbabilities());
    ASSERT_FALSE(result.problems.isEmpty()) << "0–1 scores were accepted as 0–100 confidences";
    for (const Problem& problem : result.problems) {
        EXPECT_THAT(problem.message.toStdString(),
                    ::testing::HasSubstr("looks like a 0–1 score; Kili takes whole numbers 0–100: "
                                         "use --scale-confidence"));
        EXPECT_TRUE(problem.source.pointer.endsWith(s("/confidence")))
            << problem.source.pointer.toStdString();
    }
    EXPECT_LT(result.items.size(), 4u) << "items with 0–1 scores must not be planned unscaled";

    ScanOptions scaled;
    scaled.scaleConfidence = true;
    const ScanResult converted = scan({s("probabilities.jsonl")}, scaled);
    EXPECT_TRUE(converted.items[0].jsonResponse.contains("\"confidence\":87"));
    EXPECT_TRUE(converted.items[2].jsonResponse.contains("\"confidence\":100"));
    EXPECT_TRUE(converted.problems.isEmpty()) << converted.problems.first().toText().toStdString();
    EXPECT_FALSE(converted.confidence.looksLikeProbabilities())
        << "after scaling, nothing should still advise --scale-confidence";

    EXPECT_FALSE(scan({s("good.jsonl")}).confidence.looksLikeProbabilities());
}

TEST(Validator, YoloFoldersNeedATargetJobAndClasses) {
    // Without --target-job, the interface's only object-detection job (DETECTION: POSE is a pose
    // job) takes the boxes.
    const ScanResult noJob = scan({s("yolo_v4")});
    EXPECT_TRUE(noJob.problems.isEmpty()) << texts(noJob.problems).join(u'\n').toStdString();
    EXPECT_EQ(noJob.items.size(), 2u);
    ASSERT_FALSE(noJob.items.empty());
    EXPECT_TRUE(noJob.items[0].jsonResponse.startsWith("{\"DETECTION\""))
        << noJob.items[0].jsonResponse.constData();

    ScanOptions options;
    options.targetJob = s("DETECTION");
    const ScanResult result = scan({s("yolo_v4")}, options);
    EXPECT_TRUE(result.problems.isEmpty())
        << texts(result.problems).join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(result.items.size(), 2u);

    options.targetJob = s("CLASSIFICATION_JOB");
    const ScanResult wrongJob = scan({s("yolo_v4")}, options);
    ASSERT_EQ(wrongJob.problems.size(), 1);
    EXPECT_TRUE(wrongJob.problems[0].message.contains(s("not an object-detection job")));
}

TEST(Validator, VideoFramesAndNonJobKeys) {
    const InterfaceRules rules(testInterface());
    ResponseValidator validator(rules);
    simdjson::dom::parser parser;
    PredictionItem item;
    item.externalId = s("v");
    QList<Problem> problems;
    auto doc = parser.parse(std::string_view(
        R"({"ANNOTATION_JOB_COUNTER":{},"0":{"isKeyFrame":true,"TAGS":{"categories":[{"name":"B"}]}},)"
        R"("1":{"TAGS":{"categories":[{"name":"Z"}]}}})"));
    EXPECT_EQ(validator.validate(doc.value(), item, problems), 1);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems[0].source.pointer, s("/1/TAGS/categories/0"));
}

// Issue 6: NER offsets inside the text when the asset is TEXT and its content is at hand.
TEST(Validator, NamedEntitiesAgainstTheAssetText) {
    const InterfaceRules rules(testInterface());
    ResponseValidator validator(rules);
    simdjson::dom::parser parser;
    PredictionItem item;
    item.source.file = s("ner.jsonl");
    item.source.line = 3;
    item.source.pointer = s("/jsonResponse");
    item.externalId = s("news-1");
    // "é" and "€" are one UTF-16 unit each, as in the JavaScript strings Kili counts in
    const QString text = s("Café Kili: 5€ for Ada Lovelace.");
    const auto check = [&](const char* json) {
        QList<Problem> problems;
        auto doc = parser.parse(std::string_view(json));
        EXPECT_EQ(validator.validate(doc.value(), item, problems), 0)
            << texts(problems).join(QLatin1Char('\n')).toStdString();
        validator.checkAgainstText(doc.value(), item, text, problems);
        for (const Problem& problem : problems)
            EXPECT_TRUE(problem.source.pointer.startsWith(s("/jsonResponse/NER/annotations/0/")))
                << problem.source.pointer.toStdString();
        return texts(problems);
    };
    EXPECT_EQ(check(R"({"NER":{"annotations":[)"
                    R"({"categories":[{"name":"ORG"}],"beginOffset":5,"content":"Kili"},)"
                    R"({"categories":[{"name":"PER"}],"beginOffset":18,"endOffset":30,)"
                    R"("content":"Ada Lovelace"},)"
                    R"({"categories":[{"name":"ORG"}],"beginOffset":0,"content":"Café"}]}})"),
              QStringList());

    const QStringList shifted =
        check(R"({"NER":{"annotations":[{"categories":[{"name":"PER"}],"beginOffset":17,)"
              R"("content":"Ada Lovelace"}]}})");
    ASSERT_EQ(shifted.size(), 1);
    EXPECT_EQ(shifted[0], s("ner.jsonl:3 news-1 NER: "
                            "\"content\" is \"Ada Lovelace\" but the asset's text at beginOffset "
                            "17 is \" Ada Lovelac\"; the offsets do not match this asset's text"));

    const QStringList past =
        check(R"({"NER":{"annotations":[{"categories":[{"name":"PER"}],"beginOffset":25,)"
              R"("content":"Lovelace and Babbage"}]}})");
    ASSERT_EQ(past.size(), 1);
    EXPECT_TRUE(past[0].contains(s("runs past the end of the asset's text (31 characters)")))
        << past[0].toStdString();

    const QStringList beyond = check(
        R"({"NER":{"annotations":[{"categories":[{"name":"PER"}],"beginOffset":40,"endOffset":45}]}})");
    ASSERT_EQ(beyond.size(), 1);
    EXPECT_TRUE(beyond[0].contains(s("ner.jsonl:3 news-1 NER: beginOffset 40 is past the end")))
        << beyond[0].toStdString();

    // rich text counts offsets inside the block beginId names: not checked against the whole text
    EXPECT_EQ(check(R"({"NER":{"annotations":[{"categories":[{"name":"PER"}],"beginId":"main/[3]",)"
                    R"("endId":"main/[3]","beginOffset":40,"endOffset":45,"content":"x"}]}})"),
              QStringList());
}

TEST(Validator, ImportItemsAgainstInlineAssetTexts) {
    const InterfaceRules rules(testInterface());
    ResponseValidator validator(rules);
    const QString text = s("Ada Lovelace met Babbage.");
    const QString url = s("https://cloud.example/text/1.txt");
    EXPECT_EQ(ResponseValidator::inlineText(text), &text);
    EXPECT_EQ(ResponseValidator::inlineText(url), nullptr);
    EXPECT_EQ(ResponseValidator::inlineText(QString()), nullptr);

    std::vector<PredictionItem> items(4);
    const QByteArray entity(R"({"NER":{"annotations":[{"categories":[{"name":"PER"}],)"
                            R"("beginOffset":%1,"content":"Babbage"}]}})");
    items[0].externalId = s("right");
    items[0].jsonResponse = QByteArray(entity).replace("%1", "17");
    items[1].externalId = s("shifted");
    items[1].source = {s("ner.jsonl"), 2, s("/jsonResponse")};
    items[1].jsonResponse = QByteArray(entity).replace("%1", "16");
    items[2].externalId = s("remote"); // its text is behind a URL: not at hand, kept
    items[2].jsonResponse = QByteArray(entity).replace("%1", "3");
    items[3].externalId = s("classification");
    items[3].jsonResponse = R"({"CLASSIFICATION_JOB":{"categories":[{"name":"CAR"}]}})";
    QList<Problem> problems;
    const qint64 removed = validator.checkAgainstTexts(
        items,
        [&](const PredictionItem& item) {
            return ResponseValidator::inlineText(item.externalId == s("remote") ? url : text);
        },
        problems);
    EXPECT_EQ(removed, 1);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[1].externalId, s("remote"));
    ASSERT_EQ(problems.size(), 1);
    EXPECT_TRUE(problems[0].toText().startsWith(
        s("ner.jsonl:2 shifted NER: \"content\" is \"Babbage\" but the asset's text at "
          "beginOffset 16 is \" Babbag\"")))
        << problems[0].toText().toStdString();
    EXPECT_EQ(problems[0].source.pointer, s("/jsonResponse/NER/annotations/0/content"));
}

// A jsonResponse with a hundred thousand wrong categories lists a few problems and counts the
// rest: the check of one line never keeps a sentence per value.
TEST(Validator, OneItemListsAFewProblemsAndCountsTheRest) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QByteArray categories;
    for (int i = 0; i < 100000; ++i)
        categories += (i ? ",{\"name\":\"C" : "{\"name\":\"C") + QByteArray::number(i) + "\"}";
    QFile file(dir.filePath(s("many.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"externalId":"car-001","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[)"
               + categories + "]}}}\n");
    file.close();
    PredictionScanner scanner(testInterface(), {});
    scanner.scan({file.fileName()});
    const ScanResult result = scanner.takeResult();
    EXPECT_LE(result.problems.size(), ResponseValidator::kMaxProblemsPerItem + 1)
        << "every wrong value of one line was kept as a problem";
    ASSERT_FALSE(result.problems.isEmpty());
    EXPECT_THAT(result.problems.last().message.toStdString(),
                ::testing::HasSubstr("more problem(s) in this jsonResponse"));
    EXPECT_EQ(result.invalidItems, 1);
}

TEST(Memory, AHugeLineIsSkippedWithItsSizeAndTheRestIsRead) {
    QTemporaryDir dir;
    QFile file(dir.filePath(s("huge.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"externalId":"car-001","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAR","confidence":90}]}}})"
        "\n");
    // Line 2: a 17 MB line, one byte of it more than the limit allows would already do.
    QByteArray huge =
        R"({"externalId":"car-002","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[)";
    while (huge.size() < qsizetype(kMaxJsonlLineBytes) + 1024 * 1024)
        huge += R"({"name":"CAR","confidence":90},)";
    huge += R"({"name":"CAR"}]}}})";
    file.write(huge + "\n");
    file.write(
        R"({"externalId":"car-003","jsonResponse":{"CLASSIFICATION_JOB":{"categories":[{"name":"CAR","confidence":80}]}}})"
        "\n");
    file.close();
    PredictionScanner scanner(testInterface(), {});
    scanner.scan({file.fileName()});
    const ScanResult result = scanner.takeResult();
    EXPECT_EQ(result.items.size(), 2u) << "the lines around the huge one must still be read";
    ASSERT_EQ(result.problems.size(), 1) << texts(result.problems).join(u'\n').toStdString();
    const Problem& problem = result.problems.first();
    EXPECT_EQ(problem.source.line, 2);
    EXPECT_THAT(problem.message.toStdString(),
                ::testing::HasSubstr("the line is 17.0 MB, over the 16.0 MB a line may take here; "
                                     "it was skipped unread"));
    EXPECT_EQ(result.invalidItems, 1);
}

TEST(Memory, ProblemsBeyondTheCapAreCountedNotKept) {
    QTemporaryDir dir;
    QFile file(dir.filePath(s("bad.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    const int lines = int(PredictionScanner::kMaxKeptProblems) + 2500;
    for (int i = 0; i < lines; ++i)
        file.write("not json\n");
    file.close();
    PredictionScanner scanner(testInterface(), {});
    scanner.scan({file.fileName()});
    const ScanResult result = scanner.takeResult();
    EXPECT_EQ(result.problems.size(), PredictionScanner::kMaxKeptProblems);
    EXPECT_EQ(result.problemsNotKept, 2500);
    EXPECT_EQ(result.invalidItems, lines) << "every bad line still counts as invalid";
    EXPECT_EQ(result.problems.last().source.line, PredictionScanner::kMaxKeptProblems)
        << "the first problems are the ones kept";
}

TEST(Validator, WithSeveralDetectionJobsTheTargetJobMustBeNamed) {
    const kili::Interface twoJobs = kili::Interface::parse(QByteArray(
        R"({"jobs": {"CARS": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle"], "required": 0,
        "isChild": false, "content": {"input": "radio", "categories": {"CAR": {"name": "Car"}}}},
        "SIGNS": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle"], "required": 0,
        "isChild": false, "content": {"input": "radio", "categories": {"SIGN": {"name": "Sign"}}}}}})"));
    PredictionScanner scanner(twoJobs, {});
    scanner.scan({dataPath(s("yolo_v4"))});
    const ScanResult result = scanner.takeResult();
    ASSERT_EQ(result.problems.size(), 1) << texts(result.problems).join(u'\n').toStdString();
    EXPECT_THAT(result.problems[0].message.toStdString(),
                ::testing::HasSubstr("give --target-job with the object-detection job that "
                                     "receives the boxes (this project's: CARS, SIGNS)"));
    EXPECT_TRUE(result.items.empty());
}
