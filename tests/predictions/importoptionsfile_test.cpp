// The --map and --thresholds files: the forms the documentation gives, and the ways they go
// wrong, each with a sentence naming the file (and the line, for CSV).
#include "predictions/importoptionsfile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace kili::predictions;
using ::testing::HasSubstr;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

TEST(CategoryMapFile, JsonForEveryJobOrPerJob) {
    QString error;
    const auto every =
        parseCategoryMap(R"({"car": "CAR", "person": "PEDESTRIAN"})", s("m.json"), &error);
    ASSERT_TRUE(every) << error.toStdString();
    EXPECT_EQ(every->value(kAnyJob).value(s("car")), s("CAR"));
    const auto perJob = parseCategoryMap(R"({"DETECTION": {"car": "CAR"}, "person": "PEDESTRIAN"})",
                                         s("m.json"), &error);
    ASSERT_TRUE(perJob) << error.toStdString();
    EXPECT_EQ(perJob->value(s("DETECTION")).value(s("car")), s("CAR"));
    EXPECT_EQ(perJob->value(kAnyJob).value(s("person")), s("PEDESTRIAN"));
}

TEST(CategoryMapFile, CsvWithOrWithoutJobHeaderAndComments) {
    QString error;
    const auto map = parseCategoryMap("job,name,key\n# comment\n\nDETECTION,\"traffic light\","
                                      "TRAFFIC_LIGHT\nperson,PEDESTRIAN\r\n",
                                      s("m.csv"), &error);
    ASSERT_TRUE(map) << error.toStdString();
    EXPECT_EQ(map->value(s("DETECTION")).value(s("traffic light")), s("TRAFFIC_LIGHT"));
    EXPECT_EQ(map->value(kAnyJob).value(s("person")), s("PEDESTRIAN"));
}

TEST(CategoryMapFile, MistakesNameTheFileAndLine) {
    QString error;
    EXPECT_FALSE(parseCategoryMap("car,CAR\nbus\n", s("m.csv"), &error));
    EXPECT_THAT(error.toStdString(), HasSubstr("m.csv:2: a mapping line is name,KEY"));
    EXPECT_FALSE(parseCategoryMap(R"({"car": 3})", s("m.json"), &error));
    EXPECT_THAT(error.toStdString(), HasSubstr("m.json: \"car\" must map to a category key"));
    EXPECT_FALSE(parseCategoryMap(R"([["car", "CAR"]])", s("m.txt"), &error));
    EXPECT_THAT(error.toStdString(), HasSubstr("is not a JSON object"));
}

TEST(ThresholdsFile, FlatPerJobOrWrapped) {
    QString error;
    const auto flat = parseThresholds(R"({"CAR": 60, "BUS": 45.5})", s("t.json"), &error);
    ASSERT_TRUE(flat) << error.toStdString();
    EXPECT_EQ(flat->value(s("BUS")), 45.5);
    const auto wrapped =
        parseThresholds(R"({"thresholds": {"DETECTION": {"CAR": 60}}})", s("t.json"), &error);
    ASSERT_TRUE(wrapped) << error.toStdString();
    EXPECT_EQ(wrapped->value(s("CAR")), 60);
    EXPECT_FALSE(parseThresholds(R"({"CAR": 101})", s("t.json"), &error));
    EXPECT_THAT(error.toStdString(), HasSubstr("t.json: the threshold of \"CAR\" must be"));
    EXPECT_FALSE(parseThresholds(R"({"A": {"CAR": 60}, "B": {"CAR": 70}})", s("t.json"), &error));
    EXPECT_THAT(error.toStdString(), HasSubstr("is given two thresholds (60 and 70)"));
}

TEST(CommandLinePairs, MappingsAndClassMinimums) {
    CategoryMap map;
    EXPECT_TRUE(addMapping(s("car=CAR"), map));
    EXPECT_TRUE(addMapping(s("DETECTION:bus=BUS"), map));
    EXPECT_FALSE(addMapping(s("=CAR"), map));
    EXPECT_FALSE(addMapping(s("car="), map));
    EXPECT_FALSE(addMapping(s("car"), map));
    EXPECT_EQ(map.value(kAnyJob).value(s("car")), s("CAR"));
    EXPECT_EQ(map.value(s("DETECTION")).value(s("bus")), s("BUS"));
    ClassMinimums minimums;
    EXPECT_TRUE(addClassMinimum(s("CAR=60"), minimums));
    EXPECT_FALSE(addClassMinimum(s("CAR=160"), minimums));
    EXPECT_FALSE(addClassMinimum(s("CAR=nan"), minimums));
    EXPECT_FALSE(addClassMinimum(s("60"), minimums));
    EXPECT_EQ(minimums.value(s("CAR")), 60);
}

} // namespace
