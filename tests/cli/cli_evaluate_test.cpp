// kili-desk-cli evaluate against an in-process sandbox holding tests/data/evaluation/
// street-by-hand.json, whose figures are worked out by hand below, and the generated
// classification project of the fixture.
#include "clifixture.h"

namespace kili::testing {
namespace {

class EvaluateCli : public Cli {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(s("journals")).toUtf8());
        SandboxOptions options;
        options.loadFiles = {s(KILI_EVALUATION_DATA "/street-by-hand.json")};
        options.generateAssets = 40;
        startServer(options);
        m_generatedId = m_server->createdProjectIds().at(1);
    }

    QJsonObject evaluateJson(QStringList arguments) {
        const CliResult result =
            cli(QStringList{s("evaluate"), m_projectId} + arguments + QStringList{s("--json")});
        EXPECT_EQ(result.code, 0) << result.err.toStdString();
        return QJsonDocument::fromJson(result.out.toUtf8()).object();
    }

    static QJsonObject classNamed(const QJsonObject& report, const QString& name) {
        for (const QJsonValue& value : report.value(s("classes")).toArray()) {
            if (value.toObject().value(s("name")).toString() == name)
                return value.toObject();
        }
        return {};
    }

    static std::vector<int> counts(const QJsonObject& object) {
        return {object.value(s("tp")).toInt(), object.value(s("fp")).toInt(),
                object.value(s("fn")).toInt()};
    }

    QString m_generatedId;
};

// s1: the review (3 objects) is the truth, yolo's later label the prediction: car hit at 90,
// its duplicate at 80, pedestrian hit, the second car missed. s2: a triangle of area .02 boxed by
// .04: IoU .5, a hit at 0.5. s3: a pedestrian boxed as a car at 85. s4 has no truth (not
// counted); s5's truth is empty.
TEST_F(EvaluateCli, JsonShapeAndFiguresByHand) {
    const QJsonObject report = evaluateJson({s("--model"), s("yolo")});
    EXPECT_EQ(report.value(s("job")).toString(), s("OBJECT_DETECTION_JOB")); // the only one
    EXPECT_EQ(report.value(s("mlTask")).toString(), s("OBJECT_DETECTION"));
    EXPECT_EQ(report.value(s("model")).toString(), s("yolo"));
    EXPECT_TRUE(report.value(s("iou")).isDouble());
    EXPECT_DOUBLE_EQ(report.value(s("iou")).toDouble(), 0.5);
    EXPECT_EQ(report.value(s("assets")).toInt(), 4);

    const QJsonObject car = classNamed(report, s("CAR"));
    EXPECT_EQ(car.value(s("truth")).toInt(), 2);
    EXPECT_EQ(car.value(s("predicted")).toInt(), 3);
    EXPECT_EQ(counts(car), (std::vector<int>{1, 2, 1}));
    EXPECT_DOUBLE_EQ(car.value(s("precision")).toDouble(), 0.333);
    EXPECT_DOUBLE_EQ(car.value(s("recall")).toDouble(), 0.5);
    EXPECT_DOUBLE_EQ(car.value(s("f1")).toDouble(), 0.4);
    // Hit (90), miss (s3, 85), miss (80), 2 cars: precision 1 up to recall .5, 51 of the 101
    // recall thresholds; the hit is exact, so every IoU threshold gives the same.
    EXPECT_DOUBLE_EQ(car.value(s("ap50")).toDouble(), 0.505);
    EXPECT_DOUBLE_EQ(car.value(s("ap")).toDouble(), 0.505);
    const QJsonObject sign = classNamed(report, s("TRAFFIC_SIGN"));
    EXPECT_DOUBLE_EQ(sign.value(s("ap50")).toDouble(), 1.0);
    EXPECT_DOUBLE_EQ(sign.value(s("ap")).toDouble(), 0.1); // a hit at IoU 0.5 only
    EXPECT_EQ(counts(classNamed(report, s("PEDESTRIAN"))), (std::vector<int>{1, 0, 1}));

    const QJsonObject overall = report.value(s("overall")).toObject();
    EXPECT_EQ(counts(overall), (std::vector<int>{3, 2, 2}));
    EXPECT_DOUBLE_EQ(overall.value(s("precision")).toDouble(), 0.6);
    EXPECT_DOUBLE_EQ(overall.value(s("map50")).toDouble(), 0.670); // (.505 + .505 + 1) / 3
    EXPECT_DOUBLE_EQ(overall.value(s("map")).toDouble(), 0.370);   // (.505 + .505 + .1) / 3

    const QJsonObject confusion = report.value(s("confusion")).toObject();
    EXPECT_EQ(confusion.value(s("labels")).toArray(),
              (QJsonArray{s("CAR"), s("PEDESTRIAN"), s("TRAFFIC_SIGN"), s("(none)")}));
    EXPECT_EQ(confusion.value(s("matrix")).toArray(),
              (QJsonArray{QJsonArray{1, 0, 0, 1}, QJsonArray{1, 1, 0, 0}, QJsonArray{0, 0, 1, 0},
                          QJsonArray{1, 0, 0, 0}}));

    const QJsonArray perAsset = report.value(s("perAsset")).toArray();
    ASSERT_EQ(perAsset.size(), 4);
    const QJsonObject s1 = perAsset.at(0).toObject();
    EXPECT_EQ(s1.value(s("externalId")).toString(), s("s1"));
    EXPECT_EQ(counts(s1), (std::vector<int>{2, 1, 1}));
    EXPECT_EQ(counts(perAsset.at(2).toObject()), (std::vector<int>{0, 1, 1}));
    EXPECT_EQ(perAsset.at(3).toObject().value(s("externalId")).toString(), s("s5"));
}

TEST_F(EvaluateCli, IouAndMinimumConfidence) {
    // At IoU 0.6 the sign's box (IoU .5) misses: a false positive and a false negative.
    const QJsonObject strict = evaluateJson({s("--model"), s("yolo"), s("--iou"), s("0.6")});
    EXPECT_EQ(counts(classNamed(strict, s("TRAFFIC_SIGN"))), (std::vector<int>{0, 1, 1}));
    // AP keeps COCO's own thresholds.
    EXPECT_DOUBLE_EQ(classNamed(strict, s("TRAFFIC_SIGN")).value(s("ap50")).toDouble(), 1.0);
    // From 82 up only the cars at 90 and 85 remain.
    const QJsonObject confident =
        evaluateJson({s("--model"), s("yolo"), s("--min-confidence"), s("82")});
    EXPECT_EQ(counts(classNamed(confident, s("CAR"))), (std::vector<int>{1, 1, 1}));
    EXPECT_EQ(counts(classNamed(confident, s("PEDESTRIAN"))), (std::vector<int>{0, 0, 2}));
    EXPECT_EQ(counts(confident.value(s("overall")).toObject()), (std::vector<int>{1, 1, 4}));
}

TEST_F(EvaluateCli, TruthTypesAndAgainstAnotherModel) {
    // Without reviews s1's truth is the first label (2 objects): the second car is not missed.
    const QJsonObject defaults =
        evaluateJson({s("--model"), s("yolo"), s("--truth"), s("DEFAULT")});
    EXPECT_EQ(counts(classNamed(defaults, s("CAR"))), (std::vector<int>{1, 2, 0}));
    // yolo against detr: detr labelled s1 only, with the car yolo missed.
    const QJsonObject against =
        evaluateJson({s("--model"), s("yolo"), s("--against-model"), s("detr")});
    EXPECT_EQ(against.value(s("assets")).toInt(), 1);
    EXPECT_EQ(against.value(s("againstModel")).toString(), s("detr"));
    EXPECT_EQ(counts(against.value(s("overall")).toObject()), (std::vector<int>{0, 3, 1}));
}

TEST_F(EvaluateCli, FileBeforeImportScoresAsTheLabels) {
    // yolo's latest predictions written as a file: the same figures as its labels.
    const QJsonArray labels = allLabels();
    QByteArray lines;
    QHash<QString, QString> latest; // external id → jsonResponse of yolo's latest label
    for (const QJsonValue& value : labels) {
        const QJsonObject label = value.toObject();
        if (label.value(s("modelName")).toString() == s("yolo"))
            latest.insert(label.value(s("externalId")).toString(),
                          QString::fromUtf8(QJsonDocument(label.value(s("jsonResponse")).toObject())
                                                .toJson(QJsonDocument::Compact)));
    }
    ASSERT_EQ(latest.size(), 4);
    for (auto it = latest.begin(); it != latest.end(); ++it)
        lines += (QStringLiteral("{\"externalId\":\"%1\",\"jsonResponse\":%2}\n")
                      .arg(it.key(), it.value()))
                     .toUtf8();
    const QString file = writeFile(s("yolo.jsonl"), lines);
    QJsonObject fromLabels = evaluateJson({s("--model"), s("yolo")});
    const CliResult result = cli({s("evaluate"), m_projectId, s("--file"), file, s("--json")});
    ASSERT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(s("1 of the 4 predictions"))) << result.err.toStdString();
    QJsonObject fromFile = QJsonDocument::fromJson(result.out.toUtf8()).object();
    for (const char* key : {"classes", "overall", "confusion", "perAsset", "assets"})
        EXPECT_EQ(fromFile.value(s(key)), fromLabels.value(s(key))) << key;
}

// A server whose pages stop at 100 refuses the first page of 500: the labels are read again in
// pages of 100, with the same figures.
TEST_F(EvaluateCli, SmallerPagesWhereTheServerRefusesLargeOnes) {
    SandboxOptions options;
    options.loadFiles = {s(KILI_EVALUATION_DATA "/street-by-hand.json")};
    options.maxPageSize = 100;
    SandboxServer small(options);
    QString error;
    ASSERT_TRUE(small.start(&error)) << error.toStdString();
    const CliResult result = cli(
        {s("evaluate"), small.createdProjectIds().first(), s("--model"), s("yolo"), s("--json")},
        &small);
    ASSERT_EQ(result.code, 0) << result.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    EXPECT_EQ(counts(report.value(s("overall")).toObject()), (std::vector<int>{3, 2, 2}));
}

TEST_F(EvaluateCli, ReadableTable) {
    const CliResult result = cli({s("evaluate"), m_projectId, s("--model"), s("yolo")});
    ASSERT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(s("Job OBJECT_DETECTION_JOB (OBJECT_DETECTION)")));
    EXPECT_TRUE(result.out.contains(s("AP50")));
    EXPECT_TRUE(result.out.contains(s("Confusion (rows: truth, columns: prediction)")));
    EXPECT_TRUE(result.out.contains(s("(none)")));
    EXPECT_TRUE(result.out.contains(s("s5")));
}

TEST_F(EvaluateCli, ClassificationOfTheGeneratedProject) {
    const CliResult result = cli({s("evaluate"), m_generatedId, s("--model"), s("resnet50-v1"),
                                  s("--job"), s("CLASSIFICATION_JOB"), s("--json")});
    ASSERT_EQ(result.code, 0) << result.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    EXPECT_EQ(report.value(s("mlTask")).toString(), s("CLASSIFICATION"));
    const double accuracy = report.value(s("overall")).toObject().value(s("accuracy")).toDouble();
    EXPECT_GT(accuracy, 0.0);
    EXPECT_LE(accuracy, 1.0);
    EXPECT_FALSE(classNamed(report, s("CAT")).contains(s("ap"))); // no ranking in classification
    // A radio job: every evaluated asset is in exactly one cell of the table.
    int cells = 0;
    for (const QJsonValue& row :
         report.value(s("confusion")).toObject().value(s("matrix")).toArray())
        for (const QJsonValue& cell : row.toArray())
            cells += cell.toInt();
    EXPECT_EQ(cells, report.value(s("assets")).toInt());
    EXPECT_EQ(report.value(s("confusion")).toObject().value(s("labels")).toArray().last(),
              QJsonValue(s("(none)")));
}

TEST_F(EvaluateCli, InferenceLabelsAndAMultipleChoiceJob) {
    // The generator gives resnet50-v1 INFERENCE labels on about one asset in ten.
    const CliResult inference =
        cli({s("evaluate"), m_generatedId, s("--model"), s("resnet50-v1"), s("--label-type"),
             s("INFERENCE"), s("--job"), s("CLASSIFICATION_JOB"), s("--json")});
    ASSERT_EQ(inference.code, 0) << inference.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(inference.out.toUtf8()).object();
    EXPECT_EQ(report.value(s("labelType")).toString(), s("INFERENCE"));
    // WEATHER_JOB takes several categories: each asset's right ones, missed ones and wrong
    // ones add up per class.
    const CliResult weather = cli({s("evaluate"), m_generatedId, s("--model"), s("vit-b16-v2"),
                                   s("--job"), s("WEATHER_JOB"), s("--json")});
    ASSERT_EQ(weather.code, 0) << weather.err.toStdString();
    const QJsonObject weatherReport = QJsonDocument::fromJson(weather.out.toUtf8()).object();
    int tp = 0;
    for (const QJsonValue& value : weatherReport.value(s("classes")).toArray()) {
        const QJsonObject figures = value.toObject();
        EXPECT_EQ(figures.value(s("tp")).toInt() + figures.value(s("fn")).toInt(),
                  figures.value(s("truth")).toInt());
        tp += figures.value(s("tp")).toInt();
    }
    EXPECT_EQ(weatherReport.value(s("overall")).toObject().value(s("tp")).toInt(), tp);
}

TEST_F(EvaluateCli, SlipsSayWhatToDo) {
    struct Slip {
        QStringList arguments;
        const char* says;
    };
    const QList<Slip> slips{
        {{s("evaluate"), s("no-such-project"), s("--model"), s("yolo")}, "does not exist"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolov8")},
         "\"yolov8\" has no PREDICTION label in project"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolov8")},
         "its models: yolo (PREDICTION, 5 labels), detr (PREDICTION, 1 label)"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--label-type"), s("INFERENCE")},
         "\"yolo\" has no INFERENCE label"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--job"),
          s("PLATE_TRANSCRIPTION")},
         "is a TRANSCRIPTION job, which evaluate cannot score"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--job"), s("DETECTION")},
         "has no job \"DETECTION\"; its jobs: OBJECT_DETECTION_JOB (OBJECT_DETECTION), "
         "PLATE_TRANSCRIPTION (TRANSCRIPTION)"},
        {{s("evaluate"), m_generatedId, s("--model"), s("resnet50-v1")},
         "choose one with --job: CLASSIFICATION_JOB (CLASSIFICATION), WEATHER_JOB"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--against-model"), s("detr-r50")},
         "--against-model \"detr-r50\" has no PREDICTION label"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--iuo"), s("0.5")},
         "evaluate has no option --iuo; did you mean --iou?"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--iou"), s("50")},
         "--iou \"50\" is not a number above 0 and at most 1"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--min-confidence"), s("0.5x")},
         "--min-confidence \"0.5x\" is not a number from 0 to 100"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--truth"), s("PREDICTION")},
         "to take a model's labels as the truth, use --against-model"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--truth"), s("REVEIW")},
         "\"REVEIW\" is not a human label type"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--against-model"), s("yolo")},
         "is the model being evaluated"},
        {{s("evaluate"), m_projectId}, "--model NAME is required"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("preds.jsonl")},
         "prediction files go after --file"},
        {{s("evaluate"), m_projectId, s("--file"), s("/no/such/preds.jsonl")},
         "/no/such/preds.jsonl does not exist"},
        {{s("evaluate"), m_projectId, s("--model"), s("yolo"), s("--truth"), s("AUTOSAVE")},
         "no asset of project"},
        {{s("evaluate")}, "usage: evaluate PROJECT_ID --model NAME"},
        {{s("evalute"), m_projectId}, "did you mean \"evaluate\"?"},
    };
    for (const Slip& slip : slips) {
        SCOPED_TRACE(slip.arguments.join(QLatin1Char(' ')).toStdString());
        const CliResult result = cli(slip.arguments);
        EXPECT_EQ(result.code, 1);
        EXPECT_TRUE(result.out.isEmpty()) << result.out.toStdString();
        EXPECT_TRUE(result.err.contains(s(slip.says))) << result.err.toStdString();
    }
}

TEST_F(EvaluateCli, HelpListsTheCommand) {
    const CliResult result = runCli({s("--help")});
    EXPECT_TRUE(result.out.contains(s("evaluate PROJECT_ID --model NAME")));
    EXPECT_TRUE(CliRunner::commandNames().contains(s("evaluate")));
}

} // namespace
} // namespace kili::testing

namespace kili::testing {
namespace {

// The demo's street scenes (resources/demo/make_demo.py): yolo-v8-run3's planted mistakes show.
class DemoEvaluateCli : public Cli {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        SandboxOptions options;
        options.seedDemo = true;
        startServer(options);
        const CliResult projects = cli({s("projects"), s("--json")});
        for (const QJsonValue& project : QJsonDocument::fromJson(projects.out.toUtf8()).array()) {
            if (project[s("title")].toString() == s("Street objects"))
                m_street = project[s("id")].toString();
        }
        ASSERT_FALSE(m_street.isEmpty());
    }
    QString m_street;
};

TEST_F(DemoEvaluateCli, StreetScenesShowTheModelsMistakes) {
    const CliResult result =
        cli({s("evaluate"), m_street, s("--model"), s("yolo-v8-run3"), s("--json")});
    ASSERT_EQ(result.code, 0) << result.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    EXPECT_EQ(report.value(s("assets")).toInt(), 6); // street-07 and 08 have no human label
    const QJsonArray matrix = report.value(s("confusion")).toObject().value(s("matrix")).toArray();
    EXPECT_EQ(matrix[1].toArray()[0].toInt(), 1); // street-02: a pedestrian taken for a car
    EXPECT_EQ(matrix[2].toArray()[3].toInt(), 1); // street-04: a sign missed
    EXPECT_EQ(matrix[3].toArray()[0].toInt(), 1); // street-03: a car boxed twice
    EXPECT_EQ(matrix[3].toArray()[2].toInt(), 1); // street-05: a sign on nothing
    const QJsonObject overall = report.value(s("overall")).toObject();
    EXPECT_LT(overall.value(s("map")).toDouble(), overall.value(s("map50")).toDouble());
    EXPECT_LT(overall.value(s("map50")).toDouble(), 1.0);
}

} // namespace
} // namespace kili::testing
