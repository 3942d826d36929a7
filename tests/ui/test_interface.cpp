#include "ui/interfacetreemodel.h"
#include "ui/jsonformatter.h"
#include "ui/jsonsourceview.h"
#include "ui/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {
const char* InterfaceJson = R"({"jobs": {
  "VEHICLES": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle"], "required": 1,
               "isChild": false, "instruction": "Vehicles",
               "content": {"input": "radio", "categories": {
                 "CAR": {"name": "Car", "color": "#472CED", "children": ["PLATE"]},
                 "BIKE": {"name": "Bike", "color": "#00AA00", "children": ["LOOP"]}}}},
  "PLATE": {"mlTask": "TRANSCRIPTION", "required": 0, "isChild": true,
            "content": {"input": "textField"}},
  "LOOP": {"mlTask": "CLASSIFICATION", "required": 0, "isChild": true,
           "content": {"input": "radio", "categories": {
             "AGAIN": {"name": "Again", "children": ["LOOP"]}}}},
  "A_LAST": {"mlTask": "CLASSIFICATION", "required": 0, "isChild": false,
             "content": {"input": "checkbox", "categories": {}}}}})";
}

TEST(InterfaceTreeModel, NestsChildJobsUnderTheirCategoryInDocumentOrder) {
    InterfaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInterface(Interface::parse(QByteArray(InterfaceJson)));

    ASSERT_EQ(model.rowCount(), 2);
    const QModelIndex vehicles = model.index(0, 0);
    EXPECT_EQ(vehicles.data(InterfaceTreeModel::JobNameRole).toString(),
              QStringLiteral("VEHICLES"));
    EXPECT_EQ(model.index(0, InterfaceTreeModel::TaskColumn).data().toString(),
              QStringLiteral("OBJECT_DETECTION"));
    EXPECT_EQ(model.index(0, InterfaceTreeModel::RequiredColumn).data().toString(),
              QStringLiteral("required"));
    EXPECT_EQ(model.index(1, 0).data(InterfaceTreeModel::JobNameRole).toString(),
              QStringLiteral("A_LAST")); // document order, not key order
    ASSERT_EQ(model.rowCount(vehicles), 2);
    const QModelIndex car = model.index(0, 0, vehicles);
    EXPECT_EQ(car.data(InterfaceTreeModel::CategoryKeyRole).toString(), QStringLiteral("CAR"));
    EXPECT_FALSE(car.data(Qt::DecorationRole).value<QIcon>().isNull());
    ASSERT_EQ(model.rowCount(car), 1);
    EXPECT_EQ(model.index(0, 0, car).data(InterfaceTreeModel::JobNameRole).toString(),
              QStringLiteral("PLATE"));
    // LOOP opens itself again: shown once, not followed.
    const QModelIndex bike = model.index(1, 0, vehicles);
    const QModelIndex loop = model.index(0, 0, bike);
    const QModelIndex again = model.index(0, 0, loop);
    ASSERT_EQ(model.rowCount(again), 1);
    EXPECT_TRUE(model.index(0, 0, again).data().toString().contains(QStringLiteral("cycle")));

    model.setInterface({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(JsonFormatter, IndentsAndKeepsKeyOrder) {
    const QString out =
        JsonFormatter::indent(QStringLiteral(R"({"b":1,"a":[1,{"s":"x, {y}"}],"e":{},"f":[]})"));
    EXPECT_EQ(out, QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    1,\n    {\n      \"s\": \"x, "
                                  "{y}\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}"));
}

TEST(JsonSourceView, FindsAndCountsMatches) {
    JsonSourceView view;
    view.setJson(QStringLiteral(R"({"CAR":{"name":"Car"},"BUS":{"name":"Bus"}})"));
    view.searchField()->setText(QStringLiteral("name"));
    EXPECT_EQ(view.matchCount(), 2);
    EXPECT_EQ(view.editor()->textCursor().selectedText(), QStringLiteral("name"));
    const int first = view.editor()->textCursor().position();
    EXPECT_TRUE(view.findNext());
    EXPECT_GT(view.editor()->textCursor().position(), first);
    EXPECT_TRUE(view.findNext()); // wraps round
    EXPECT_EQ(view.editor()->textCursor().position(), first);
}

TEST(JsonTreeModel, SummarisesAnnotations) {
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setJson(
        QJsonDocument::fromJson(
            QByteArrayLiteral(
                R"({"DET":{"annotations":[{"type":"rectangle","categories":[{"name":"CAR","confidence":90}]}]}})"))
            .object());
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex det = model.index(0, 0);
    EXPECT_EQ(model.index(0, 1).data().toString(), QStringLiteral("1 annotation(s)"));
    const QModelIndex annotations = model.index(0, 0, det);
    EXPECT_EQ(model.index(0, 1, annotations).data().toString(),
              QStringLiteral("rectangle · CAR 90%"));
}
