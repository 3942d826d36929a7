#include "graphql/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using namespace kili::graphql;

namespace {

std::string written(const QJsonValue& value) {
    QByteArray out;
    json::appendValue(out, value);
    return out.toStdString();
}

std::string string(QStringView text) {
    QByteArray out;
    json::appendString(out, text);
    return out.toStdString();
}

} // namespace

TEST(JsonWriter, EscapesWhatJsonRequiresAndWritesTheRestAsUtf8) {
    EXPECT_EQ(string(u"plain"), R"("plain")");
    EXPECT_EQ(string(u"q\"b\\s/"), R"("q\"b\\s/")");
    EXPECT_EQ(string(u"\b\f\n\r\t\x01\x1f"), R"("\b\f\n\r\t\u0001\u001f")");
    EXPECT_EQ(string(u"é€😀"), "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"");
    // Lone surrogates cannot be UTF-8: U+FFFD, as QString::toUtf8 does.
    const char16_t lone[] = {u'a', 0xD800, u'b', 0xDC00, 0};
    EXPECT_EQ(string(QStringView(lone)), "\"a\xEF\xBF\xBD"
                                         "b\xEF\xBF\xBD\"");
    EXPECT_EQ(string(u""), R"("")");
}

TEST(JsonWriter, NumbersAsQJsonDocumentWritesThem) {
    EXPECT_EQ(written(3), "3");
    EXPECT_EQ(written(-2.0), "-2");
    EXPECT_EQ(written(0.1), "0.1");
    EXPECT_EQ(written(1.5e300), "1.5e+300");
    EXPECT_EQ(written(qint64(9007199254740993LL)), "9007199254740993");
    EXPECT_EQ(written(std::numeric_limits<double>::quiet_NaN()), "null");
    EXPECT_EQ(written(std::numeric_limits<double>::infinity()), "null");
    for (const double number : {0.1, 1.0 / 3.0, 123456.789, -1e-7, 4503599627370497.5}) {
        const QByteArray text = QByteArray::fromStdString(written(number));
        EXPECT_EQ(QJsonDocument::fromJson("[" + text + "]").array().first().toDouble(), number)
            << text.toStdString();
    }
}

TEST(JsonWriter, ValuesRoundTripThroughQJsonDocument) {
    const QJsonObject object = QJsonDocument::fromJson(R"({"b": [1, true, null, "x", {"z": 1,
        "a": [[]]}], "a": {}, "c": false})")
                                   .object();
    const std::string text = written(object);
    EXPECT_EQ(text, R"({"a":{},"b":[1,true,null,"x",{"a":[[]],"z":1}],"c":false})");
    EXPECT_EQ(QJsonDocument::fromJson(QByteArray::fromStdString(text)).object(), object);
}

TEST(JsonWriter, ResponsesPutErrorsFirst) {
    GraphQLError error{QStringLiteral("boom"),
                       {SourceLocation{2, 3}},
                       QJsonArray{QStringLiteral("data"), 0},
                       QJsonObject{{QStringLiteral("code"), QStringLiteral("X")}}};
    EXPECT_EQ(json::response({error}, "{\"data\":null}").toStdString(),
              R"({"errors":[{"message":"boom","locations":[{"line":2,"column":3}],)"
              R"("path":["data",0],"extensions":{"code":"X"}}],"data":{"data":null}})");
    EXPECT_EQ(json::response({}, "{}").toStdString(), R"({"data":{}})");
    EXPECT_EQ(
        json::response({GraphQLError{QStringLiteral("no data"), {}, {}, {}}}, {}).toStdString(),
        R"({"errors":[{"message":"no data"}]})");
}
