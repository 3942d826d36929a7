// kili-desk-cli import does what the desk's import panel does: class names mapped to categories
// (--map, or the mapping the desk saved for the project) and weak answers dropped below a minimum
// confidence, overall or per class (--min-confidence, --thresholds); the plan and the report say
// what was mapped and dropped, and the journal records the options.
#include "clifixture.h"
#include "predictions/importsettingsstore.h"

#include <QSettings>
#include <gmock/gmock.h>

using namespace kili::testing;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

class CliOptions : public Cli {
protected:
    void SetUp() override {
        Cli::SetUp();
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(s("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(s("settings")));
    }

    // photo-0000001 … photo-0000006 with the classes the file uses ("kitty", "puppy") and the
    // confidences 40, 60, 80, 40, 60, 80.
    QString fileWithOwnNames() {
        QByteArray lines;
        for (int i = 1; i <= 6; ++i)
            lines +=
                QStringLiteral(R"({"externalId":"photo-%1","jsonResponse":{"CLASSIFICATION_JOB":)"
                               R"({"categories":[{"name":"%2","confidence":%3}]}}})")
                    .arg(i, 7, 10, QLatin1Char('0'))
                    .arg(i % 2 ? s("kitty") : s("puppy"))
                    .arg(20 + 20 * ((i - 1) % 3 + 1))
                    .toUtf8()
                + "\n";
        return writeFile(s("own-names.jsonl"), lines);
    }

    QHash<QString, QString> createdCategories(const QString& model) {
        QHash<QString, QString> byAsset;
        for (const QJsonValue& label : allLabels()) {
            if (label[s("modelName")].toString() == model)
                byAsset.insert(
                    label[s("externalId")].toString(),
                    label[s("jsonResponse")][s("CLASSIFICATION_JOB")][s("categories")][0][s("name")]
                        .toString());
        }
        return byAsset;
    }

    CliResult import(const QString& model, QStringList options, const QString& file) {
        return cli(QStringList{s("import"), m_projectId, s("--model"), model} + options
                   + QStringList{s("--report"), m_dir.filePath(model + s(".json")), file});
    }
};

TEST_F(CliOptions, NamesAreMappedFromTheCommandLineAFileOrTheDesksSavedMapping) {
    const QString file = fileWithOwnNames();
    CliResult result = import(s("pairs"),
                              {s("--map"), s("kitty=CAT"), s("--map"),
                               s("CLASSIFICATION_JOB:puppy=DOG"), s("--map"), s("fox=HORSE")},
                              file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_THAT(result.out.toStdString(),
                HasSubstr("names mapped to categories: CLASSIFICATION_JOB: kitty → CAT 3, "
                          "CLASSIFICATION_JOB: puppy → DOG 3"));
    EXPECT_THAT(result.out.toStdString(),
                HasSubstr("mapping entries that matched nothing: any job: fox → HORSE"));
    EXPECT_EQ(createdCategories(s("pairs")).value(s("photo-0000001")), s("CAT"));
    EXPECT_EQ(createdCategories(s("pairs")).value(s("photo-0000002")), s("DOG"));
    const QJsonObject report = readReport(m_dir.filePath(s("pairs.json")));
    EXPECT_EQ(report[s("mapped")][s("CLASSIFICATION_JOB: kitty → CAT")].toInt(), 3);

    const QString json =
        writeFile(s("map.json"), R"({"CLASSIFICATION_JOB": {"kitty": "BIRD", "puppy": "HORSE"}})");
    result = import(s("jsonmap"), {s("--map"), json}, file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("jsonmap")).value(s("photo-0000001")), s("BIRD"));
    const QString csv = writeFile(s("map.csv"), "name,key\nkitty,DOG\n# a comment\npuppy,CAT\n");
    result = import(s("csvmap"), {s("--map"), csv}, file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("csvmap")).value(s("photo-0000002")), s("CAT"));

    // Without --map, the mapping the desk saved for this project applies; --no-saved-map not.
    kili::predictions::ImportSettingsStore(m_projectId)
        .setCategoryMapping(
            {{s("CLASSIFICATION_JOB"), {{s("kitty"), s("CAT")}, {s("puppy"), s("DOG")}}}});
    result = import(s("saved"), {}, file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("saved")).size(), 6);
    result = import(s("unsaved"), {s("--no-saved-map")}, file);
    EXPECT_EQ(result.code, 2) << result.err.toStdString();
    EXPECT_THAT(result.err.toStdString(), HasSubstr("\"kitty\" is not a category of this job"));
    EXPECT_EQ(createdCategories(s("unsaved")).size(), 0);
}

TEST_F(CliOptions, MinimumConfidencesDropWeakAnswersOverallOrPerClass) {
    const QString file = fileWithOwnNames();
    const QStringList map{s("--map"), s("kitty=CAT"), s("--map"), s("puppy=DOG")};
    // kitty (CAT): 40, 80, 60 · puppy (DOG): 60, 40, 80
    CliResult result =
        import(s("overall"), map + QStringList{s("--min-confidence"), s("50")}, file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("overall")).size(), 4);
    EXPECT_THAT(result.out.toStdString(), HasSubstr("dropped per class: CAT 1, DOG 1"));

    result = import(
        s("perclass"),
        map + QStringList{s("--min-confidence"), s("DOG=70"), s("--min-confidence"), s("30")},
        file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("perclass")).size(), 4) << "3 CAT ≥ 30 and 1 DOG ≥ 70";
    EXPECT_THAT(result.out.toStdString(), HasSubstr("dropped per class: DOG 2"));
    const QJsonObject report = readReport(m_dir.filePath(s("perclass.json")));
    EXPECT_EQ(report[s("droppedBelowConfidence")][s("byCategory")][s("DOG")].toInt(), 2);

    const QString thresholds = writeFile(
        s("thresholds.json"), R"({"thresholds": {"CLASSIFICATION_JOB": {"CAT": 70, "DOG": 50}}})");
    result = import(s("file"), map + QStringList{s("--thresholds"), thresholds}, file);
    EXPECT_EQ(result.code, 0) << result.err.toStdString();
    EXPECT_EQ(createdCategories(s("file")).size(), 3) << "1 CAT ≥ 70 and 2 DOG ≥ 50";

    // The journal keeps what was asked, beside the batches it produced.
    QString error;
    const auto journal = ImportJournal::read(report[s("importId")].toString(), &error);
    ASSERT_TRUE(journal) << error.toStdString();
    const QJsonObject options = journal->header().options;
    EXPECT_EQ(options[s("minConfidence")].toDouble(), 30);
    EXPECT_EQ(options[s("classMinimums")][s("DOG")].toDouble(), 70);
    EXPECT_EQ(options[s("categoryMap")][s("*")][s("kitty")].toString(), s("CAT"));
}

TEST_F(CliOptions, WrongOptionValuesAreRefusedBeforeAnyRequest) {
    const QString file = fileWithOwnNames();
    const QString badCsv = writeFile(s("bad.csv"), "kitty,CAT,extra,field\n");
    const QString badThresholds = writeFile(s("bad-thresholds.json"), R"({"CAT": 150})");
    const std::pair<QStringList, const char*> cases[] = {
        {{s("--min-confidence"), s("120")}, "neither a number from 0 to 100 nor CLASS=N"},
        {{s("--min-confidence"), s("CAT=abc")}, "neither a number from 0 to 100 nor CLASS=N"},
        {{s("--map"), s("no-such-file.json")}, "neither a mapping file nor NAME=KEY"},
        {{s("--map"), badCsv}, "bad.csv:1: a mapping line is name,KEY or job,name,KEY"},
        {{s("--thresholds"), badThresholds},
         "the threshold of \"CAT\" must be a number from 0 to 100"},
        {{s("--thresholds"), s("missing.json")}, "missing.json does not exist"},
    };
    for (const auto& [options, expected] : cases) {
        const CliResult result = import(s("refused"), options, file);
        EXPECT_EQ(result.code, 1) << options.join(u' ').toStdString() << "\n"
                                  << result.err.toStdString();
        EXPECT_THAT(result.err.toStdString(), HasSubstr(expected))
            << options.join(u' ').toStdString();
    }
    EXPECT_EQ(createdCategories(s("refused")).size(), 0);
}

} // namespace
