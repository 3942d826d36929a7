#include "domain/interface.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <gtest/gtest.h>

using kili::Interface;

namespace {
const char* const kDetection = R"({
  "jobRendererWidth": 0.2,
  "futureTopLevelKey": {"x": 1},
  "jobs": {
    "DETECTION": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle", "polygon"], "required": 1,
                  "isChild": false, "instruction": "Vehicles", "isVisible": true,
                  "models": {"tracking": {}},
                  "content": {"input": "radio", "categories": {
                     "TRUCK": {"name": "Truck", "color": "#000000", "children": []},
                     "CAR": {"name": "Car", "color": "#472CED", "children": ["PLATE", "COLOR"],
                             "futureCategoryKey": 7},
                     "BUS": {"name": "Bus", "color": "#111111"}}}},
    "PLATE": {"mlTask": "TRANSCRIPTION", "required": 0, "isChild": true,
              "content": {"input": "textField"}},
    "COLOR": {"mlTask": "CLASSIFICATION", "required": false, "isChild": true,
              "content": {"input": "checkbox", "categories": {
                 "RED": {"name": "Red", "children": []}, "BLUE": {"name": "Blue"}}}},
    "BODY": {"mlTask": "OBJECT_DETECTION", "tools": ["pose"], "isChild": false,
             "content": {"input": "radio", "categories": {
                "HEAD": {"name": "Head", "points": [{"code": "NOSE", "name": "Nose"},
                                                     {"code": "LEFT_EYE", "name": "Left eye"}]}}}},
    "REL": {"mlTask": "NAMED_ENTITIES_RELATION", "isChild": false,
            "content": {"input": "radio", "categories": {
               "WORKS_FOR": {"name": "Works for", "startEntities": ["PERSON"],
                             "endEntities": ["ORG"]}}}}
  }})";
} // namespace

TEST(Interface, JobsAndCategoriesInDocumentOrder) {
    QString error;
    const Interface interface = Interface::parse(QByteArrayView(kDetection), &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    QStringList names;
    for (const kili::Job& job : interface.jobs())
        names.append(job.name);
    EXPECT_EQ(names, (QStringList{QStringLiteral("DETECTION"), QStringLiteral("PLATE"),
                                  QStringLiteral("COLOR"), QStringLiteral("BODY"),
                                  QStringLiteral("REL")}));
    EXPECT_EQ(
        interface.rootJobNames(),
        (QStringList{QStringLiteral("DETECTION"), QStringLiteral("BODY"), QStringLiteral("REL")}));
    const kili::Job* detection = interface.job(u"DETECTION");
    ASSERT_NE(detection, nullptr);
    QStringList keys;
    for (const kili::Category& category : detection->categories)
        keys.append(category.key);
    EXPECT_EQ(keys,
              (QStringList{QStringLiteral("TRUCK"), QStringLiteral("CAR"), QStringLiteral("BUS")}));
}

TEST(Interface, JobFields) {
    const Interface interface = Interface::parse(QByteArrayView(kDetection));
    const kili::Job* detection = interface.job(u"DETECTION");
    ASSERT_NE(detection, nullptr);
    EXPECT_EQ(detection->mlTask, QStringLiteral("OBJECT_DETECTION"));
    EXPECT_EQ(detection->tools,
              (QStringList{QStringLiteral("rectangle"), QStringLiteral("polygon")}));
    EXPECT_EQ(detection->input, QStringLiteral("radio"));
    EXPECT_TRUE(detection->required);
    EXPECT_FALSE(detection->isChild);
    EXPECT_TRUE(detection->isSingleChoice());
    EXPECT_EQ(detection->instruction, QStringLiteral("Vehicles"));
    // Unknown keys are kept in raw.
    EXPECT_TRUE(detection->raw.value(QLatin1String("models"))
                    .toObject()
                    .contains(QLatin1String("tracking")));
    const kili::Category* car = detection->category(u"CAR");
    ASSERT_NE(car, nullptr);
    EXPECT_EQ(car->name, QStringLiteral("Car"));
    EXPECT_EQ(car->color, QStringLiteral("#472CED"));
    EXPECT_EQ(car->children, (QStringList{QStringLiteral("PLATE"), QStringLiteral("COLOR")}));
    EXPECT_EQ(car->raw.value(QLatin1String("futureCategoryKey")).toInt(), 7);
    EXPECT_EQ(detection->category(u"Car"), nullptr); // keys, not display names

    const kili::Job* plate = interface.job(u"PLATE");
    ASSERT_NE(plate, nullptr);
    EXPECT_FALSE(plate->required);
    EXPECT_TRUE(plate->isChild);
    EXPECT_EQ(plate->input, QStringLiteral("textField"));
    EXPECT_FALSE(interface.job(u"COLOR")->isSingleChoice());
    EXPECT_EQ(interface.job(u"NOPE"), nullptr);

    EXPECT_TRUE(interface.raw().contains(QLatin1String("futureTopLevelKey")));
    EXPECT_DOUBLE_EQ(interface.raw().value(QLatin1String("jobRendererWidth")).toDouble(), 0.2);
}

TEST(Interface, PosePointsAndRelationLists) {
    const Interface interface = Interface::parse(QByteArrayView(kDetection));
    const kili::Category* head = interface.job(u"BODY")->category(u"HEAD");
    ASSERT_NE(head, nullptr);
    ASSERT_EQ(head->points.size(), 2);
    EXPECT_EQ(head->points[0].code, QStringLiteral("NOSE"));
    EXPECT_EQ(head->points[1].name, QStringLiteral("Left eye"));
    const kili::Category* relation = interface.job(u"REL")->category(u"WORKS_FOR");
    ASSERT_NE(relation, nullptr);
    EXPECT_EQ(relation->raw.value(QLatin1String("startEntities")).toArray().first().toString(),
              QStringLiteral("PERSON"));
    EXPECT_EQ(relation->raw.value(QLatin1String("endEntities")).toArray().first().toString(),
              QStringLiteral("ORG"));
}

TEST(Interface, DescendantsStopOnCycles) {
    const char* cyclic = R"({"jobs": {
        "A": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {
              "X": {"children": ["B"]}}}},
        "B": {"mlTask": "CLASSIFICATION", "isChild": true, "content": {"categories": {
              "Y": {"children": ["C", "A"]}}}},
        "C": {"mlTask": "CLASSIFICATION", "isChild": true, "content": {"categories": {
              "Z": {"children": ["B", "C", "MISSING"]}}}}}})";
    QString error;
    const Interface interface = Interface::parse(QByteArrayView(cyclic), &error);
    EXPECT_TRUE(error.isEmpty());
    EXPECT_EQ(interface.descendantJobNames(u"A"),
              (QStringList{QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("MISSING")}));
    EXPECT_EQ(interface.descendantJobNames(u"C"),
              (QStringList{QStringLiteral("B"), QStringLiteral("MISSING"), QStringLiteral("A")}));
}

TEST(Interface, BadInputNeverCrashes) {
    const QList<QByteArray> inputs{QByteArray("{\"jobs\": "),
                                   QByteArray("[1,2]"),
                                   QByteArray("\"text\""),
                                   QByteArray("{\"jobs\": [1]}"),
                                   QByteArray("{\"jobs\": {\"J\": 5, \"K\": {}}}"),
                                   QByteArray("\xff\xfe"),
                                   QByteArray(600, '[')};
    for (const QByteArray& input : inputs) {
        QString error;
        const Interface interface = Interface::parse(QByteArrayView(input), &error);
        EXPECT_FALSE(error.isEmpty()) << input.left(40).constData();
        EXPECT_LE(interface.jobs().size(), 1);
    }
    QString error = QStringLiteral("stale");
    EXPECT_TRUE(Interface::parse(QByteArrayView(""), &error).isEmpty());
    EXPECT_TRUE(error.isEmpty());
    EXPECT_TRUE(Interface::parse(QByteArrayView("{}"), &error).isEmpty());
    EXPECT_TRUE(error.isEmpty());
}

TEST(Interface, PartialInterfaceKeepsTheGoodJobs) {
    QString error;
    const Interface interface =
        Interface::parse(QByteArrayView(R"({"jobs": {"J": 5, "K": {"mlTask": "X"}}})"), &error);
    EXPECT_TRUE(error.contains(QStringLiteral("\"J\"")));
    ASSERT_EQ(interface.jobs().size(), 1);
    EXPECT_EQ(interface.jobs().first().name, QStringLiteral("K"));
}

// Wrong types inside a job used to be dropped without a word; each one is now said, naming the
// job (and category) and the key, and the rest of the job is kept.
TEST(Interface, WrongTypesInsideAJobAreReported) {
    const struct {
        const char* json;
        const char* said;
    } cases[] = {
        {R"({"jobs": {"CLASSIFICATION_JOB": {"mlTask": "CLASSIFICATION", "content": []}}})",
         R"(job CLASSIFICATION_JOB: "content" must be an object, got an array)"},
        {R"({"jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "radio",
             "categories": ["A"]}}}})",
         R"(job JOB: "content.categories" must be an object, got an array)"},
        {R"({"jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "radio",
             "categories": {"A": {"name": "A", "children": "CHILD"}}}}}})",
         R"(job JOB category A: "children" must be a list of job names, got a string)"},
        {R"({"jobs": {"JOB": {"mlTask": "CLASSIFICATION", "content": {"input": "radio",
             "categories": {"A": {"name": "A"}, "B": 3}}}}})",
         R"(job JOB: "content.categories" must be a map of category objects, got a number for "B")"},
        {R"({"jobs": {"JOB": {"mlTask": 5, "required": "yes"}}})",
         R"(job JOB: "mlTask" must be a string, got a number)"},
    };
    for (const auto& test : cases) {
        QString error;
        const Interface interface = Interface::parse(QByteArrayView(test.json), &error);
        EXPECT_TRUE(error.contains(QString::fromUtf8(test.said))) << error.toStdString();
        EXPECT_EQ(interface.jobs().size(), 1) << test.json;
    }
}

TEST(Interface, WrongTypesEverywhereNameEveryField) {
    QString error;
    const Interface interface = Interface::parse(
        QByteArrayView(R"({"jobs": {"JOB": {"mlTask": 5, "required": "yes", "isChild": "no",
            "tools": "rectangle", "instruction": [], "content": {"input": 3, "categories": {
            "A": {"name": 1, "color": {}, "children": [1, null, {}], "points": "x"}}}}}})"),
        &error);
    ASSERT_EQ(interface.jobs().size(), 1);
    EXPECT_EQ(interface.jobs().first().categories.size(), 1);
    for (const char* key :
         {"\"mlTask\"", "\"required\"", "\"isChild\"", "\"tools\"", "\"instruction\"",
          "\"content.input\"", "\"name\"", "\"color\"", "\"children\"", "\"points\""}) {
        EXPECT_TRUE(error.contains(QString::fromUtf8(key))) << key << "\n" << error.toStdString();
    }
}

// The checks must not refuse what Kili itself writes: null fields, 0/1 flags, empty lists, and
// the demo projects' interfaces.
TEST(Interface, KiliShapedInterfacesHaveNoTypeError) {
    QString error;
    Interface::parse(QByteArrayView(kDetection), &error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    Interface::parse(QByteArrayView(R"({"jobs": {"J": {"mlTask": "TRANSCRIPTION", "required": 0,
        "isChild": null, "instruction": null, "tools": [], "models": {}, "isVisible": true,
        "content": {"input": "textField", "categories": null}}}})"),
                     &error);
    EXPECT_TRUE(error.isEmpty()) << error.toStdString();
    int files = 0;
    QDirIterator it(QString::fromUtf8(KILI_FUZZ_INTERFACE_DIR), QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/bad-")))
            continue;
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
        const Interface interface = Interface::parse(QByteArrayView(file.readAll()), &error);
        EXPECT_TRUE(error.isEmpty()) << path.toStdString() << ": " << error.toStdString();
        EXPECT_FALSE(interface.isEmpty()) << path.toStdString();
        ++files;
    }
    EXPECT_GE(files, 3);
}

TEST(Interface, DuplicateJobNamesKeepTheFirst) {
    const Interface interface = Interface::parse(
        QByteArrayView(R"({"jobs": {"J": {"mlTask": "FIRST"}, "J": {"mlTask": "SECOND"}}})"));
    ASSERT_EQ(interface.jobs().size(), 1);
    EXPECT_EQ(interface.jobs().first().mlTask, QStringLiteral("FIRST"));
}

TEST(Interface, FromJsonObject) {
    const QJsonObject json = QJsonDocument::fromJson(QByteArray(kDetection)).object();
    const Interface interface = Interface::fromJson(json);
    EXPECT_EQ(interface.jobs().size(), 5);
    EXPECT_NE(interface.job(u"PLATE"), nullptr);
    EXPECT_EQ(interface.job(u"DETECTION")->category(u"CAR")->children.size(), 2);
}

// Engineer G's hostile jsonInterfaces and the fuzz seeds: parsing and walking them must never
// crash, hang or trip the sanitizers; whatever is read must be walkable.
TEST(Interface, BadInputCorpusNeverCrashes) {
    int files = 0;
    for (const char* folder : {KILI_BAD_INTERFACE_DIR, KILI_FUZZ_INTERFACE_DIR}) {
        QDirIterator it(QString::fromUtf8(folder), QDir::Files);
        while (it.hasNext()) {
            QFile file(it.next());
            ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
            const QByteArray bytes = file.readAll();
            QString error;
            const Interface interface = Interface::parse(QByteArrayView(bytes), &error);
            for (const kili::Job& job : interface.jobs()) {
                interface.descendantJobNames(job.name);
                (void)job.isSingleChoice();
                for (const kili::Category& category : job.categories)
                    (void)job.category(category.key);
            }
            (void)interface.rootJobNames();
            ++files;
        }
    }
    EXPECT_GT(files, 0);
}
