#include "fakeassetsource.h"
#include "ui/assetlabelmodel.h"
#include "ui/assetpager.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;
using kili::ui::testing::FakeAssetSource;

namespace {
QList<Asset> page(int first, int count) {
    QList<Asset> assets;
    for (int i = first; i < first + count; ++i)
        assets.append(FakeAssetSource::makeAsset(i));
    return assets;
}
} // namespace

TEST(AssetLabelModel, PlaceholdersThenAssetsWithLabelChildren) {
    AssetLabelModel model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reset(25);
    EXPECT_EQ(model.rowCount(), 25);
    EXPECT_EQ(model.pageCount(), 3);
    EXPECT_FALSE(model.index(3, 0).data(AssetLabelModel::LoadedRole).toBool());
    EXPECT_EQ(model.rowCount(model.index(3, 0)), 0);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setPage(0, page(0, 10));
    EXPECT_EQ(changed.size(), 1);
    // Assets 1, 2, 4, 5, 7, 8 have labels (i % 3 of them).
    EXPECT_EQ(inserted.size(), 6);
    EXPECT_EQ(model.index(2, AssetLabelModel::ExternalIdColumn).data().toString(),
              QStringLiteral("img_0000002.jpg"));
    const QModelIndex asset2 = model.index(2, 0);
    ASSERT_EQ(model.rowCount(asset2), 2);
    const QModelIndex prediction = model.index(1, AssetLabelModel::TypeColumn, asset2);
    EXPECT_EQ(prediction.data().toString(), QStringLiteral("PREDICTION"));
    EXPECT_EQ(model.index(1, AssetLabelModel::ByColumn, asset2).data().toString(),
              QStringLiteral("yolo"));
    EXPECT_EQ(model.index(0, AssetLabelModel::ByColumn, asset2).data().toString(),
              QStringLiteral("alice@example.com"));
    EXPECT_EQ(model.parent(prediction), asset2);
    ASSERT_NE(model.labelOf(prediction), nullptr);
    EXPECT_EQ(model.labelOf(prediction)->id, QStringLiteral("label-2-1"));
    EXPECT_EQ(model.assetOf(prediction)->id, QStringLiteral("asset-2"));

    // The last page is short: only 5 rows fit.
    model.setPage(2, page(20, 10));
    EXPECT_TRUE(model.index(24, 0).data(AssetLabelModel::LoadedRole).toBool());

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.releasePage(0);
    EXPECT_EQ(removed.size(), 6);
    EXPECT_FALSE(model.isPageLoaded(0));
    EXPECT_EQ(model.rowCount(asset2), 0);
    EXPECT_EQ(model.labelOf(prediction), nullptr);

    model.resize(30);
    EXPECT_EQ(model.rowCount(), 30);
    model.resize(21);
    EXPECT_EQ(model.rowCount(), 21);
    EXPECT_TRUE(model.isPageLoaded(2));
    model.resize(12);
    EXPECT_FALSE(model.isPageLoaded(2));
    model.reset(0);
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(AssetPager, FetchesOnlyThePagesInViewAndReleasesFarOnes) {
    FakeAssetSource source(1'000'000);
    AssetLabelModel model(100);
    // No QAbstractItemModelTester here: it walks every row on each change, a million times over.
    AssetPager pager(&source, &model);
    pager.setMaxLoadedPages(4);
    QSignalSpy total(&pager, &AssetPager::totalChanged);
    pager.showRows(0, 30);
    pager.setQuery({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.isPageLoaded(0); }));
    EXPECT_EQ(model.rowCount(), 1'000'000);
    EXPECT_EQ(total.last().first().toInt(), 1'000'000);
    // The visible page and the next one; nothing else.
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.isPageLoaded(1); }));
    EXPECT_EQ(source.pages.size(), 2);

    // Jump to the end, as a dragged scroll bar does.
    pager.showRows(999'970, 999'999);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.isPageLoaded(9999); }));
    EXPECT_EQ(model.index(999'999, 0).data().toString(), QStringLiteral("img_0999999.jpg"));
    EXPECT_EQ(source.pages.last().skip, 999'800); // the neighbour before it
    EXPECT_EQ(source.pages.size(), 4);

    // Scroll through the middle: memory stays at maxLoadedPages pages.
    for (int row = 500'000; row < 502'000; row += 100) {
        pager.showRows(row, row + 30);
        QTest::qWait(1);
    }
    ASSERT_TRUE(QTest::qWaitFor([&] { return !pager.isBusy(); }));
    EXPECT_LE(model.loadedPages().size(), 4);
    EXPECT_TRUE(model.isPageLoaded(model.pageOf(501'930)));
    EXPECT_FALSE(model.isPageLoaded(0));
}

TEST(AssetPager, CancelsRequestsForPagesScrolledAwayAndRetriesFailures) {
    FakeAssetSource source(3'000);
    AssetLabelModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    AssetPager pager(&source, &model);
    source.holdPages = true;
    pager.showRows(0, 30);
    pager.setQuery({});
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.rowCount() == 3'000; }));
    EXPECT_EQ(source.pages.size(), 2);
    pager.showRows(2'000, 2'030);
    EXPECT_EQ(source.cancelled, 2); // pages 0 and 1 are no longer worth waiting for
    source.holdPages = false;
    source.failPages = true;
    const auto pending = source.pages;
    QSignalSpy failed(&pager, &AssetPager::failed);
    for (const auto& request : pending)
        source.answer(request.ticket, request.skip, request.first);
    ASSERT_GE(failed.size(), 1);
    EXPECT_TRUE(failed.first().first().toString().startsWith(QStringLiteral("Could not")));
    EXPECT_FALSE(model.isPageLoaded(20));
    const qsizetype before = source.pages.size();
    pager.showRows(2'000, 2'030); // failed pages are not re-asked on every scroll
    EXPECT_EQ(source.pages.size(), before);
    source.failPages = false;
    pager.retry();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.isPageLoaded(20); }));
}

TEST(AssetPager, ShowsOnlyTheLabelsTheFilterAsksFor) {
    FakeAssetSource source(50);
    AssetLabelModel model(100);
    AssetPager pager(&source, &model);
    AssetQuery query;
    query.filter.labelTypes = {LabelType::Prediction};
    pager.setQuery(query);
    ASSERT_TRUE(QTest::qWaitFor([&] { return model.isPageLoaded(0); }));
    EXPECT_EQ(source.lastQuery.filter.labelTypes.size(), 1);
    const QModelIndex asset2 = model.index(2, 0);
    ASSERT_EQ(model.rowCount(asset2), 1);
    EXPECT_EQ(model.index(0, AssetLabelModel::TypeColumn, asset2).data().toString(),
              QStringLiteral("PREDICTION"));
}

TEST(AssetLabelModel, OnlyTheAssetsLatestHumanLabelSaysLatest) {
    AssetLabelModel model(10);
    model.reset(1);
    Asset asset = FakeAssetSource::makeAsset(0);
    asset.labels.clear();
    const QDateTime start(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    const auto label = [&](LabelType type, int minutes, const char* author) {
        Label made;
        made.id = QStringLiteral("l%1").arg(minutes);
        made.labelType = type;
        made.createdAt = start.addSecs(60 * minutes);
        made.author.email = QString::fromUtf8(author);
        // Each is its author's latest, as the API says of one label per person.
        made.isLatestLabelForUser = true;
        return made;
    };
    asset.labels = {label(LabelType::Default, 1, "alice@x"), label(LabelType::Review, 5, "bob@x"),
                    label(LabelType::Prediction, 9, "")};
    model.setPage(0, {asset});
    const QModelIndex parent = model.index(0, 0);
    ASSERT_EQ(model.rowCount(parent), 3);
    QStringList names;
    for (int row = 0; row < 3; ++row)
        names << model.index(row, AssetLabelModel::ExternalIdColumn, parent).data().toString();
    EXPECT_EQ(names, (QStringList{QStringLiteral("label"), QStringLiteral("label (latest)"),
                                  QStringLiteral("label")}))
        << "the REVIEW, the most recent person's label, is the asset's latest; a prediction "
           "never is";
}

TEST(AssetLabelModel, OnlyAModelsLabelShowsAConfidence) {
    AssetLabelModel model(10);
    model.reset(1);
    Asset asset = FakeAssetSource::makeAsset(0);
    const QJsonObject answer = QJsonDocument::fromJson(
                                   R"({"CLASSIFICATION_JOB": {"categories": [{"name": "CAT",
                                   "confidence": 100}]}})")
                                   .object();
    Label human;
    human.labelType = LabelType::Default;
    human.jsonResponse = answer;
    Label prediction = human;
    prediction.labelType = LabelType::Prediction;
    prediction.modelName = QStringLiteral("resnet");
    asset.labels = {human, prediction};
    model.setPage(0, {asset});
    const QModelIndex parent = model.index(0, 0);
    EXPECT_TRUE(
        model.index(0, AssetLabelModel::ConfidenceColumn, parent).data().toString().isEmpty())
        << "a person's label shows a confidence";
    EXPECT_FALSE(
        model.index(1, AssetLabelModel::ConfidenceColumn, parent).data().toString().isEmpty());
}
