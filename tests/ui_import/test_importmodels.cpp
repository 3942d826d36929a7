// The import panel's models on their own: the pre-flight table built from a plan, its status
// filter, the confidence histogram's numbers, the category mapping, the report as CSV.
#include "ui/import/categorymappingmodel.h"
#include "ui/import/confidencehistogram.h"
#include "ui/import/importpanel.h"
#include "ui/import/preflightmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;
using Status = PreflightRow::Status;

namespace {

predictions::Problem error(const QString& file, qint64 line, const QString& id, const QString& job,
                           const QString& message, const QString& pointer = {}) {
    predictions::Problem problem;
    problem.source.file = file;
    problem.source.line = line;
    problem.source.pointer = pointer;
    problem.externalId = id;
    problem.job = job;
    problem.message = message;
    return problem;
}

predictions::ImportPlan samplePlan() {
    predictions::ImportPlan plan;
    plan.settings.modelName = QStringLiteral("m1");
    predictions::PlannedItem ready;
    ready.assetId = QStringLiteral("a1");
    ready.externalId = QStringLiteral("car-01");
    ready.modelName = QStringLiteral("m1");
    ready.source.file = QStringLiteral("p.jsonl");
    ready.source.line = 1;
    ready.jsonResponse = QByteArrayLiteral(
        R"({"CLASSIFICATION_JOB":{"categories":[{"name":"TESLA","confidence":30}]}})");
    plan.toCreate.push_back(ready);
    predictions::PlannedItem overwrite = ready;
    overwrite.assetId = QStringLiteral("a2");
    overwrite.externalId = QStringLiteral("car-02");
    overwrite.source.line = 2;
    overwrite.overwrites = true;
    overwrite.jsonResponse = QByteArrayLiteral(
        R"({"CLASSIFICATION_JOB":{"categories":[{"name":"PORSCHE","confidence":95}]}})");
    plan.toCreate.push_back(overwrite);
    plan.alreadyPresent.append(
        {QStringLiteral("a3"), QStringLiteral("car-03"), QStringLiteral("l3")});
    // Two problems of one item make one row; an unknown id makes another.
    plan.problems << error(QStringLiteral("p.jsonl"), 4, QStringLiteral("car-04"),
                           QStringLiteral("CLASSIFICATION_JOB"),
                           QStringLiteral("\"Tesla\" is not a category of this job (its "
                                          "categories: PORSCHE, TESLA); responses use the "
                                          "category key, not its display name"),
                           QStringLiteral("/jsonResponse/CLASSIFICATION_JOB/categories/0/name"))
                  << error(
                         QStringLiteral("p.jsonl"), 4, QStringLiteral("car-04"),
                         QStringLiteral("CLASSIFICATION_JOB"),
                         QStringLiteral("confidence 140 is not in 0–100"),
                         QStringLiteral("/jsonResponse/CLASSIFICATION_JOB/categories/0/confidence"))
                  << error(QStringLiteral("p.jsonl"), 5, QStringLiteral("nope"), {},
                           QStringLiteral("no asset of project P has the external id \"nope\""));
    plan.unknownIds << QStringLiteral("nope");
    plan.invalidItems = 2;
    return plan;
}

} // namespace

TEST(PreflightModel, OneRowPerPredictionWithStatusAndProblem) {
    PreflightModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPlan(samplePlan());
    ASSERT_EQ(model.rowCount(), 5);
    EXPECT_EQ(model.count(Status::Ready), 1);
    EXPECT_EQ(model.count(Status::WillOverwrite), 1);
    EXPECT_EQ(model.count(Status::AlreadyPresent), 1);
    EXPECT_EQ(model.count(Status::Invalid), 1);
    EXPECT_EQ(model.count(Status::UnknownAsset), 1);

    EXPECT_EQ(model.index(0, PreflightModel::StatusColumn).data().toString(),
              QStringLiteral("ready"));
    EXPECT_EQ(model.index(0, PreflightModel::SourceColumn).data().toString(),
              QStringLiteral("p.jsonl:1"));
    EXPECT_EQ(model.index(1, PreflightModel::StatusColumn).data().toString(),
              QStringLiteral("will overwrite"));
    EXPECT_TRUE(model.row(1).problem.contains(QStringLiteral("m1")));
    EXPECT_EQ(model.row(2).labelId, QStringLiteral("l3"));
    const PreflightRow& invalid = model.row(3);
    EXPECT_EQ(invalid.status, Status::Invalid);
    EXPECT_EQ(invalid.externalId, QStringLiteral("car-04"));
    EXPECT_EQ(invalid.problem.count(QLatin1Char('\n')), 1) << invalid.problem.toStdString();
    EXPECT_TRUE(invalid.problem.contains(QStringLiteral("confidence 140")));
    EXPECT_EQ(model.row(4).status, Status::UnknownAsset);
    EXPECT_EQ(model.index(4, PreflightModel::ExternalIdColumn).data().toString(),
              QStringLiteral("nope"));

    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.count(Status::Ready), 0);
}

TEST(PreflightModel, FilterKeepsOneStatus) {
    PreflightModel model;
    PreflightFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPlan(samplePlan());
    filter.setStatus(Status::Invalid);
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, PreflightModel::ExternalIdColumn).data().toString(),
              QStringLiteral("car-04"));
    filter.setStatus(Status::UnknownAsset);
    ASSERT_EQ(filter.rowCount(), 1);
    filter.setStatus(std::nullopt);
    EXPECT_EQ(filter.rowCount(), 5);
}

TEST(ConfidenceValues, BucketsPerJobAndCategoryIncludingAnnotationsAndChildren) {
    ConfidenceValues values;
    values.add(QJsonDocument::fromJson(R"({"CLS":{"categories":[{"name":"A","confidence":30,
        "children":{"SUB":{"categories":[{"name":"X","confidence":99}]}}}]},
        "DET":{"annotations":[{"categories":[{"name":"CAR","confidence":100}]},
                              {"categories":[{"name":"CAR","confidence":45}]}]}})")
                   .object());
    EXPECT_EQ(values.count(), 4);
    EXPECT_EQ(values.keys(), (QStringList{QStringLiteral("CLS / A"), QStringLiteral("DET / CAR"),
                                          QStringLiteral("SUB / X")}));
    const ConfidenceValues::Buckets all = values.buckets();
    EXPECT_EQ(all[3], 1);
    EXPECT_EQ(all[4], 1);
    EXPECT_EQ(all[9], 2); // 99 and 100 share the last bar
    EXPECT_EQ(values.countBelow(50), 2);
    EXPECT_EQ(values.countBelow(50, QStringLiteral("DET / CAR")), 1);
}

TEST(CategoryMappingModel, OffersUnknownNamesAndKeepsOnlyMappedOnes) {
    const Interface interface = Interface::parse(
        R"({"jobs":{"CLASSIFICATION_JOB":{"mlTask":"CLASSIFICATION","content":{"input":"radio",
           "categories":{"PORSCHE":{"name":"Porsche"},"TESLA":{"name":"Tesla"}}}}}})");
    CategoryMappingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInterface(interface);
    model.setProblems(samplePlan().problems, {});
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, CategoryMappingModel::FileNameColumn).data().toString(),
              QStringLiteral("Tesla"));
    EXPECT_TRUE(model.mapping().isEmpty());
    const QModelIndex key = model.index(0, CategoryMappingModel::CategoryColumn);
    EXPECT_FALSE(model.setData(key, QStringLiteral("FERRARI")));
    EXPECT_TRUE(model.setData(key, QStringLiteral("TESLA")));
    EXPECT_EQ(
        model.mapping().value(QStringLiteral("CLASSIFICATION_JOB")).value(QStringLiteral("Tesla")),
        QStringLiteral("TESLA"));
    // A saved mapping comes back as rows even when the file has no problem with it any more.
    model.setProblems({}, model.mapping());
    EXPECT_EQ(model.rowCount(), 1);
}

TEST(ImportReportText, CsvAndProgress) {
    predictions::ImportReport report;
    report.labelIds = {QStringLiteral("L1")};
    report.unknownIds = {QStringLiteral("nope")};
    report.invalid.append(QJsonObject{{QStringLiteral("file"), QStringLiteral("p.jsonl")},
                                      {QStringLiteral("line"), 4},
                                      {QStringLiteral("externalId"), QStringLiteral("car-04")},
                                      {QStringLiteral("job"), QStringLiteral("J")},
                                      {QStringLiteral("message"), QStringLiteral("bad, really")}});
    const QList<QByteArray> lines = reportCsv(report).trimmed().split('\n');
    ASSERT_EQ(lines.size(), 4);
    EXPECT_EQ(lines[0], QByteArrayLiteral("kind,externalId,file,line,job,message,labelId"));
    EXPECT_EQ(lines[1], QByteArrayLiteral("created,,,,,,L1"));
    EXPECT_EQ(lines[2], QByteArrayLiteral("invalid,car-04,p.jsonl,4,J,\"bad, really\","));
    EXPECT_EQ(lines[3], QByteArrayLiteral("unknown asset,nope,,,,,"));

    predictions::UploadProgress progress;
    progress.done = 40;
    progress.total = 100;
    progress.itemsPerSecond = 12.5;
    progress.etaSeconds = 4.8;
    EXPECT_EQ(uploadProgressText(progress),
              QStringLiteral("40 of 100 predictions · 12.5/s · about 5 s left"));
}
