#include "domain/labeltype.h"

#include <gtest/gtest.h>

using kili::LabelType;

TEST(LabelType, KnownValuesRoundTrip) {
    const QList<LabelType> all = LabelType::known();
    ASSERT_EQ(all.size(), 5);
    for (const LabelType& type : all) {
        EXPECT_TRUE(type.isKnown());
        EXPECT_EQ(LabelType::fromString(type.toString()), type);
    }
    EXPECT_EQ(LabelType::fromString(u"PREDICTION").kind(), LabelType::Prediction);
    EXPECT_EQ(LabelType::fromString(u"INFERENCE").kind(), LabelType::Inference);
    EXPECT_EQ(LabelType::fromString(u"AUTOSAVE").kind(), LabelType::Autosave);
    EXPECT_EQ(LabelType::fromString(u"REVIEW").kind(), LabelType::Review);
    EXPECT_EQ(LabelType::fromString(u"DEFAULT").kind(), LabelType::Default);
    EXPECT_EQ(LabelType(LabelType::Prediction).toString(), QStringLiteral("PREDICTION"));
}

TEST(LabelType, UnknownValueKeepsItsText) {
    const LabelType type = LabelType::fromString(u"CONSENSUS_V3");
    EXPECT_EQ(type.kind(), LabelType::Unknown);
    EXPECT_FALSE(type.isKnown());
    EXPECT_EQ(type.toString(), QStringLiteral("CONSENSUS_V3"));
    EXPECT_EQ(type, LabelType::fromString(u"CONSENSUS_V3"));
    EXPECT_FALSE(type == LabelType::fromString(u"OTHER"));
    // Case matters: the API's enum values are upper case.
    EXPECT_EQ(LabelType::fromString(u"prediction").kind(), LabelType::Unknown);
}
