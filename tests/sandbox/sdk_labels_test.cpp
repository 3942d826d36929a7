// What the Kili Python SDK's exports and label writes need of the sandbox, replayed from the
// SDK's documents: `latestLabel` is an asset's latest human label and `latestLabels` the latest
// label of each person in its last step, so that an export holds the same assets before and
// after predictions are imported (services/export/tools.py keeps an asset by their labelType).
#include "sdkcalls.h"
#include "sdkfixture.h"

#include <QSet>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using namespace kili::sandbox::testing;
using namespace kili::sandbox::testing::sdkcalls;

namespace {

bool isHumanType(const QJsonValue& type) {
    return type == QLatin1String("DEFAULT") || type == QLatin1String("REVIEW");
}

class SdkLabels : public SdkDemoTest {
protected:
    // A fresh sandbox per test would cost a seed each; tests that write use their own model
    // names and put back what they change.
    static QString porsche() { return client->projectId(QStringLiteral("Porsche or Tesla")); }
};

} // namespace

TEST_F(SdkLabels, LatestLabelIsTheLatestHumanLabel) {
    const QJsonArray assets = sdk->projectAssets(
        QStringLiteral("kili.assets(fields=[\"labels.labelType\", \"latestLabel.labelType\"])"),
        porsche(),
        {QStringLiteral("externalId"), QStringLiteral("labels.labelType"),
         QStringLiteral("labels.id"), QStringLiteral("latestLabel.labelType"),
         QStringLiteral("latestLabel.id")});
    ASSERT_EQ(assets.size(), 30);
    for (const QJsonValue& value : assets) {
        const QJsonObject asset = value.toObject();
        const std::string name = asset.value(QLatin1String("externalId")).toString().toStdString();
        QString expected; // none: latestLabel is null
        const QJsonArray labels = asset.value(QLatin1String("labels")).toArray();
        for (const QJsonValue& label : labels) {
            if (isHumanType(label.toObject().value(QLatin1String("labelType"))))
                expected = label.toObject().value(QLatin1String("id")).toString();
        }
        const QJsonValue latest = asset.value(QLatin1String("latestLabel"));
        EXPECT_EQ(latest.toObject().value(QLatin1String("id")).toString(), expected)
            << name << ": latestLabel is a "
            << latest.toObject().value(QLatin1String("labelType")).toString().toStdString()
            << " label, not the asset's latest DEFAULT or REVIEW label";
    }
}

TEST_F(SdkLabels, ExportsHoldTheSameAssetsAfterPredictionsAreImported) {
    const QString project = porsche();
    const QStringList latestBefore = exported(*sdk, project, QStringLiteral("latest"));
    const QStringList lastStepBefore =
        exported(*sdk, project, QStringLiteral("latest_from_last_step"));
    EXPECT_EQ(latestBefore.size(), 24) << "the demo's 24 labelled cars";
    EXPECT_EQ(lastStepBefore, latestBefore);

    const QStringList created =
        appendLabels(*sdk, project, assetIds(*sdk, project), QStringLiteral("PREDICTION"),
                     QStringLiteral("export-check"), false);
    EXPECT_EQ(created.size(), 30) << "kili.create_predictions on the 30 cars";
    EXPECT_EQ(exported(*sdk, project, QStringLiteral("latest")), latestBefore)
        << "export_type=\"latest\" lost assets once predictions were imported: latestLabel "
           "became the PREDICTION";
    EXPECT_EQ(exported(*sdk, project, QStringLiteral("latest_from_last_step")), lastStepBefore)
        << "export_type=\"latest_from_last_step\" changed once predictions were imported";
    deleteLabels(*sdk, created);
}

TEST_F(SdkLabels, LatestLabelsHoldsEachPersonsLastLabelOfTheLastStep) {
    const QString project = porsche();
    const QJsonArray assets = sdk->projectAssets(
        QStringLiteral("kili.assets(fields=[\"latestLabels...\"])"), project,
        {QStringLiteral("externalId"), QStringLiteral("status"),
         QStringLiteral("latestLabels.labelType"), QStringLiteral("latestLabels.author.email"),
         QStringLiteral("latestLabels.isLastForStep")});
    int reviewed = 0;
    for (const QJsonValue& value : assets) {
        const QJsonObject asset = value.toObject();
        const std::string name = asset.value(QLatin1String("externalId")).toString().toStdString();
        const QJsonArray latest = asset.value(QLatin1String("latestLabels")).toArray();
        const QString status = asset.value(QLatin1String("status")).toString();
        const QString stepType = status == QLatin1String("REVIEWED") ? QStringLiteral("REVIEW")
                                                                     : QStringLiteral("DEFAULT");
        if (status == QLatin1String("TODO") || status == QLatin1String("ONGOING")) {
            EXPECT_TRUE(latest.isEmpty()) << name << ": nobody labelled it, yet latestLabels holds "
                                          << latest.size() << " labels";
            continue;
        }
        reviewed += status == QLatin1String("REVIEWED");
        QSet<QString> authors;
        EXPECT_FALSE(latest.isEmpty())
            << name << " (" << status.toStdString() << ") has no latestLabels";
        for (const QJsonValue& label : latest) {
            const QJsonObject object = label.toObject();
            EXPECT_EQ(object.value(QLatin1String("labelType")).toString(), stepType)
                << name << ": latestLabels holds a label of another step";
            EXPECT_TRUE(object.value(QLatin1String("isLastForStep")).toBool()) << name;
            const QString author = object.value(QLatin1String("author"))
                                       .toObject()
                                       .value(QLatin1String("email"))
                                       .toString();
            EXPECT_FALSE(authors.contains(author))
                << name << ": two labels of " << author.toStdString();
            authors.insert(author);
        }
    }
    EXPECT_EQ(reviewed, 6);
}

TEST_F(SdkLabels, CreatePredictionsAsTheSdkSendsThem) {
    const QString project = porsche();
    const QStringList assets = assetIds(*sdk, project);
    ASSERT_EQ(assets.size(), 30);
    const int before = countLabels(*sdk, project, QStringLiteral("PREDICTION"));

    // 250 predictions: three calls of 100, 100 and 50.
    QStringList many;
    for (int i = 0; i < 250; ++i)
        many.append(assets.at(i % assets.size()));
    const QStringList created = appendLabels(*sdk, project, many, QStringLiteral("PREDICTION"),
                                             QStringLiteral("batches"), false);
    EXPECT_EQ(created.size(), 250) << "kili.create_predictions of 250 predictions in batches";
    EXPECT_EQ(countLabels(*sdk, project, QStringLiteral("PREDICTION")), before + 250);

    // overwrite=True replaces that model's predictions on the assets it names.
    const QStringList replaced =
        appendLabels(*sdk, project, assets.mid(0, 5), QStringLiteral("PREDICTION"),
                     QStringLiteral("batches"), true);
    EXPECT_EQ(replaced.size(), 5);
    const int onFirstFive = (250 / 30 + 1) * 5; // cars 1-10 got 9 predictions each, the rest 8
    EXPECT_EQ(countLabels(*sdk, project, QStringLiteral("PREDICTION")),
              before + 250 - onFirstFive + 5)
        << "overwrite=True did not replace the model's earlier predictions on those assets";

    // An unknown asset id fails the whole call and creates nothing.
    HttpResult failure;
    const QStringList none =
        appendLabels(*sdk, project, {assets.first(), QStringLiteral("no-such-asset")},
                     QStringLiteral("PREDICTION"), QStringLiteral("unknown"), false, &failure);
    EXPECT_TRUE(none.isEmpty());
    EXPECT_TRUE(failure.firstErrorMessage().contains(QLatin1String("no-such-asset")))
        << "the error does not name the unknown asset: " << describe(failure);
    EXPECT_EQ(countLabels(*sdk, project, QStringLiteral("PREDICTION")),
              before + 250 - onFirstFive + 5)
        << "a refused call created labels";

    const QJsonArray left = sdk->list(
        QStringLiteral("kili.predictions"), QStringLiteral("labels"), QStringLiteral("countLabels"),
        QStringLiteral("LabelWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}},
                    {QStringLiteral("typeIn"), QJsonArray{QStringLiteral("PREDICTION")}}},
        {QStringLiteral("id"), QStringLiteral("modelName")});
    QStringList remaining;
    for (const QJsonValue& label : left) {
        if (label.toObject().value(QLatin1String("modelName")) == QLatin1String("batches"))
            remaining.append(label.toObject().value(QLatin1String("id")).toString());
    }
    deleteLabels(*sdk, remaining);
    EXPECT_EQ(countLabels(*sdk, project, QStringLiteral("PREDICTION")), before)
        << "kili.delete_labels left predictions behind";
}
