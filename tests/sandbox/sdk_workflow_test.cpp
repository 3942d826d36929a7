// The step-based (workflow V2) demo project through the Kili Python SDK's documents: the SDK
// turns step names into step ids from Project.steps and sends stepIdIn / stepStatusIn in asset
// and label filters (it refuses them on V1 projects), and every label filter kili.labels offers.
#include "sdkcalls.h"
#include "sdkfixture.h"

#include <QJsonDocument>
#include <functional>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using namespace kili::sandbox::testing;
using namespace kili::sandbox::testing::sdkcalls;

namespace {

QString text(const QJsonObject& object, const char* path) {
    QJsonValue value = object;
    for (const QString& key : QString::fromLatin1(path).split(QLatin1Char('.')))
        value = value.toObject().value(key);
    return value.isDouble() ? QString::number(value.toDouble()) : value.toString();
}

// One kili.labels filter: what the SDK sets in the asset and label filters, and what each label
// answered must then satisfy.
struct LabelFilterCase {
    const char* call;
    QString project;
    QJsonObject asset; // AssetWhere members set
    QJsonObject label; // LabelWhere members set
    std::function<bool(const QJsonObject&)> holds;
    bool mayBeEmpty = false;
};

// The filters kili.labels puts in its asset filter (the step ones only on V2 projects).
QList<LabelFilterCase> assetFilterCases(const QString& street, const QString& porsche,
                                        const QJsonArray& reviewStep, const QString& firstAsset) {
    return {
        {"asset_id",
         street,
         {{QStringLiteral("id"), firstAsset}},
         {},
         [=](const QJsonObject& l) { return text(l, "assetId") == firstAsset; }},
        {"asset_status_in=[\"REVIEWED\"] (V1)",
         porsche,
         {{QStringLiteral("statusIn"), QJsonArray{QStringLiteral("REVIEWED")}}},
         {},
         [](const QJsonObject& l) {
             return text(l, "labelOf.status") == QLatin1String("REVIEWED");
         }},
        {"asset_external_id_in=[\"street-0\"]",
         street,
         {{QStringLiteral("externalIdIn"), QJsonArray{QStringLiteral("street-0")}}},
         {},
         [](const QJsonObject& l) {
             return text(l, "labelOf.externalId").contains(QLatin1String("street-0"));
         }},
        {"asset_external_id_strictly_in=[\"street-03\"]",
         street,
         {{QStringLiteral("externalIdStrictlyIn"), QJsonArray{QStringLiteral("street-03")}}},
         {},
         [](const QJsonObject& l) {
             return text(l, "labelOf.externalId") == QLatin1String("street-03");
         }},
        {"asset_step_name_in=[\"Review\"]",
         street,
         {{QStringLiteral("stepIdIn"), reviewStep}},
         {},
         [](const QJsonObject& l) {
             return text(l, "labelOf.currentStep.name") == QLatin1String("Review");
         }},
        {"asset_step_status_in=[\"DONE\"]",
         street,
         {{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("DONE")}}},
         {},
         [](const QJsonObject& l) {
             return text(l, "labelOf.currentStep.status") == QLatin1String("DONE");
         }},
    };
}

// The filters kili.labels puts on the labels themselves.
QList<LabelFilterCase> labelFilterCases(const QString& street, const QString& firstId,
                                        const QString& rita) {
    const QJsonObject userWhere{
        {QStringLiteral("activated"), QJsonValue::Null},
        {QStringLiteral("email"), QJsonValue::Null},
        {QStringLiteral("id"), rita},
        {QStringLiteral("idIn"), QJsonValue::Null},
        {QStringLiteral("organization"), QJsonObject{{QStringLiteral("id"), QJsonValue::Null}}}};
    return {
        {"author_in=[\"alice\"]",
         street,
         {},
         {{QStringLiteral("authorIn"), QJsonArray{QStringLiteral("alice")}}},
         [](const QJsonObject& l) {
             return text(l, "author.email").startsWith(QLatin1String("alice@"));
         }},
        {"created_at=\"2026-11-06\"",
         street,
         {},
         {{QStringLiteral("createdAt"), QStringLiteral("2026-11-06")}},
         [](const QJsonObject& l) {
             return text(l, "createdAt").startsWith(QLatin1String("2026-11-06"));
         }},
        {"created_at_gte=\"2026-11-06\", created_at_lte=\"2026-11-07\"",
         street,
         {},
         {{QStringLiteral("createdAtGte"), QStringLiteral("2026-11-06")},
          {QStringLiteral("createdAtLte"), QStringLiteral("2026-11-07")}},
         [](const QJsonObject& l) {
             return text(l, "createdAt") >= QLatin1String("2026-11-06")
                    && text(l, "createdAt") < QLatin1String("2026-11-08");
         }},
        {"honeypot_mark_gte=0, honeypot_mark_lte=1",
         street,
         {},
         {{QStringLiteral("honeypotMarkGte"), 0}, {QStringLiteral("honeypotMarkLte"), 1}},
         [](const QJsonObject&) { return true; },
         true},
        {"id_contains=[first]",
         street,
         {},
         {{QStringLiteral("idIn"), QJsonArray{firstId}}},
         [=](const QJsonObject& l) { return text(l, "id") == firstId; }},
        {"label_id=first",
         street,
         {},
         {{QStringLiteral("id"), firstId}},
         [=](const QJsonObject& l) { return text(l, "id") == firstId; }},
        {"type_in=[\"REVIEW\"]",
         street,
         {},
         {{QStringLiteral("typeIn"), QJsonArray{QStringLiteral("REVIEW")}}},
         [](const QJsonObject& l) { return text(l, "labelType") == QLatin1String("REVIEW"); }},
        {"user_id=<rita>",
         street,
         {},
         {{QStringLiteral("user"), userWhere}},
         [=](const QJsonObject& l) { return text(l, "author.id") == rita; }},
        {"category_search=\"OBJECT_DETECTION_JOB.PEDESTRIAN.count > 0\"",
         street,
         {},
         {{QStringLiteral("search"), QStringLiteral("OBJECT_DETECTION_JOB.PEDESTRIAN.count > 0")}},
         [](const QJsonObject& l) {
             return text(l, "jsonResponse").contains(QLatin1String("PEDESTRIAN"));
         }},
    };
}

class SdkWorkflow : public SdkDemoTest {
protected:
    static void SetUpTestSuite() {
        SdkDemoTest::SetUpTestSuite();
        street = client->projectId(QStringLiteral("Street objects"));
        porsche = client->projectId(QStringLiteral("Porsche or Tesla"));
        // get_project_steps_and_version: what the SDK reads before any step filter.
        const HttpResult project = sdk->execute(
            QStringLiteral("query projects($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
                           "{ data: projects(where: $where, first: $first, skip: $skip) { steps { "
                           "id name } workflowVersion } }"),
            QJsonObject{{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), street}}},
                        {QStringLiteral("first"), 1},
                        {QStringLiteral("skip"), 0}});
        const QJsonObject answer = project.data().toArray().first().toObject();
        workflowVersion = answer.value(QLatin1String("workflowVersion")).toString();
        const QJsonArray steps = answer.value(QLatin1String("steps")).toArray();
        for (const QJsonValue& step : steps) {
            stepIds.insert(step.toObject().value(QLatin1String("name")).toString(),
                           step.toObject().value(QLatin1String("id")).toString());
        }
    }

    static QStringList externalIds(const QJsonArray& assets) {
        QStringList ids;
        for (const QJsonValue& asset : assets)
            ids.append(asset.toObject().value(QLatin1String("externalId")).toString());
        ids.sort();
        return ids;
    }
    static QStringList streets(std::initializer_list<int> numbers) {
        QStringList ids;
        for (int n : numbers)
            ids.append(QStringLiteral("street-%1").arg(n, 2, 10, QLatin1Char('0')));
        return ids;
    }
    // kili.assets(project_id, step_name_in=..., step_status_in=...) with the V2 default fields.
    static QJsonArray assets(const QString& call, const QJsonObject& set) {
        return sdk->list(call, QStringLiteral("assets"), QStringLiteral("countAssets"),
                         QStringLiteral("AssetWhere"), SdkReplay::assetWhere(street, set),
                         {QStringLiteral("content"), QStringLiteral("createdAt"),
                          QStringLiteral("externalId"), QStringLiteral("id"),
                          QStringLiteral("isHoneypot"), QStringLiteral("jsonMetadata"),
                          QStringLiteral("labels.author.id"), QStringLiteral("labels.id"),
                          QStringLiteral("skipped"), QStringLiteral("currentStep.name"),
                          QStringLiteral("currentStep.status")});
    }
    static QJsonArray stepIdIn(std::initializer_list<const char*> names) {
        QJsonArray ids;
        for (const char* name : names)
            ids.append(stepIds.value(QLatin1String(name)));
        return ids;
    }

    static inline QString street;
    static inline QString porsche;
    static inline QString workflowVersion;
    static inline QHash<QString, QString> stepIds;
};

} // namespace

TEST_F(SdkWorkflow, TheStreetProjectIsStepBased) {
    EXPECT_EQ(workflowVersion, QStringLiteral("V2"))
        << "the SDK refuses step_name_in / step_status_in unless workflowVersion is V2";
    EXPECT_TRUE(stepIds.contains(QStringLiteral("Labeling"))
                && stepIds.contains(QStringLiteral("Review")))
        << QStringList(stepIds.keys()).join(QStringLiteral(", ")).toStdString();
}

TEST_F(SdkWorkflow, AssetsByStepNameAndStatus) {
    const QJsonArray review = assets(QStringLiteral("kili.assets(step_name_in=[\"Review\"])"),
                                     {{QStringLiteral("stepIdIn"), stepIdIn({"Review"})}});
    EXPECT_EQ(externalIds(review), streets({1, 2, 3, 4, 5, 6}))
        << "the six labelled scenes are in the review step";
    for (const QJsonValue& asset : review) {
        EXPECT_EQ(text(asset.toObject(), "currentStep.name"), QStringLiteral("Review"))
            << text(asset.toObject(), "externalId").toStdString();
    }
    EXPECT_EQ(
        externalIds(assets(QStringLiteral("kili.assets(step_status_in=[\"DONE\"])"),
                           {{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("DONE")}}})),
        streets({1, 4}))
        << "the two reviewed scenes are DONE";
    EXPECT_EQ(
        externalIds(assets(
            QStringLiteral("kili.assets(step_name_in=[\"Labeling\"], step_status_in=[\"TO_DO\"])"),
            {{QStringLiteral("stepIdIn"), stepIdIn({"Labeling"})},
             {QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("TO_DO")}}})),
        streets({7, 8}))
        << "the scenes with predictions only are still to label";
}

// kili.labels with each filter it offers, one at a time: every label answered must satisfy it,
// and the count must agree with the list.
TEST_F(SdkWorkflow, LabelsWithEveryFilterTheSdkOffers) {
    const QJsonArray all =
        sdk->list(QStringLiteral("kili.labels(project_id)"), QStringLiteral("labels"),
                  QStringLiteral("countLabels"), QStringLiteral("LabelWhere"),
                  SdkReplay::labelWhere(street, SdkReplay::assetWhere(street)),
                  {QStringLiteral("id"), QStringLiteral("assetId"), QStringLiteral("author.id")});
    ASSERT_GE(all.size(), 20);
    const QJsonObject first = all.first().toObject();
    const QString firstAsset = first.value(QLatin1String("assetId")).toString();
    const QString firstId = first.value(QLatin1String("id")).toString();
    const QString rita = text(all.last().toObject(), "author.id");
    const QList<LabelFilterCase> cases =
        assetFilterCases(street, porsche, stepIdIn({"Review"}), firstAsset)
        + labelFilterCases(street, firstId, rita);
    for (const LabelFilterCase& c : cases) {
        const QJsonArray labels = sdk->list(
            QStringLiteral("kili.labels(%1)").arg(QLatin1String(c.call)), QStringLiteral("labels"),
            QStringLiteral("countLabels"), QStringLiteral("LabelWhere"),
            SdkReplay::labelWhere(c.project, SdkReplay::assetWhere(c.project, c.asset), c.label),
            {QStringLiteral("id"), QStringLiteral("labelType"), QStringLiteral("createdAt"),
             QStringLiteral("assetId"), QStringLiteral("author.id"), QStringLiteral("author.email"),
             QStringLiteral("jsonResponse"), QStringLiteral("honeypotMark"),
             QStringLiteral("labelOf.externalId"), QStringLiteral("labelOf.status"),
             QStringLiteral("labelOf.currentStep.name"),
             QStringLiteral("labelOf.currentStep.status")});
        EXPECT_TRUE(c.mayBeEmpty || !labels.isEmpty())
            << "kili.labels(" << c.call << ") found no label";
        for (const QJsonValue& label : labels) {
            EXPECT_TRUE(c.holds(label.toObject()))
                << "kili.labels(" << c.call << ") answered a label that does not match: "
                << QJsonDocument(label.toObject())
                       .toJson(QJsonDocument::Compact)
                       .left(300)
                       .toStdString();
        }
    }
}

// export_labels in both export types on the step-based project, with and without a step filter
// (asset_filter_kwargs={"step_name_in": [...]} becomes stepIdIn), before and after predictions.
TEST_F(SdkWorkflow, ExportsOfTheStepBasedProject) {
    const QStringList labelled = streets({1, 2, 3, 4, 5, 6});
    for (const QString& type :
         {QStringLiteral("latest"), QStringLiteral("latest_from_last_step")}) {
        QStringList all = exported(*sdk, street, type);
        all.sort();
        EXPECT_EQ(all, labelled) << "export_type=" << type.toStdString();
        QStringList inReview =
            exported(*sdk, street, type, {{QStringLiteral("stepIdIn"), stepIdIn({"Review"})}});
        inReview.sort();
        EXPECT_EQ(inReview, labelled) << "export_type=" << type.toStdString() << " in Review";
        EXPECT_TRUE(
            exported(*sdk, street, type, {{QStringLiteral("stepIdIn"), stepIdIn({"Labeling"})}})
                .isEmpty())
            << "the scenes still to label have no human label to export";
    }
    const QStringList created =
        appendLabels(*sdk, street, assetIds(*sdk, street), QStringLiteral("PREDICTION"),
                     QStringLiteral("step-export"), false);
    EXPECT_EQ(created.size(), 8);
    QStringList after = exported(*sdk, street, QStringLiteral("latest_from_last_step"));
    after.sort();
    EXPECT_EQ(after, labelled)
        << "predictions changed what export_type=\"latest_from_last_step\" holds";
    deleteLabels(*sdk, created);
}

namespace {

// Writes change the project for good (human labels cannot be deleted): a suite, so a sandbox, of
// their own.
class SdkWorkflowWrites : public SdkWorkflow {};

} // namespace

TEST_F(SdkWorkflowWrites, AppendLabelsToSteps) {
    QHash<QString, QString> ids;
    const QJsonArray all = assets(QStringLiteral("kili.assets"), {});
    for (const QJsonValue& asset : all)
        ids.insert(text(asset.toObject(), "externalId"), text(asset.toObject(), "id"));
    const QStringList labelled = appendLabels(
        *sdk, street, {ids.value(QStringLiteral("street-07"))}, QStringLiteral("DEFAULT"),
        QJsonValue::Null, false, nullptr, QStringLiteral("Labeling"));
    EXPECT_EQ(labelled.size(), 1)
        << "kili.append_labels(label_type=\"DEFAULT\", step_name=\"Labeling\")";
    const QStringList reviewed = appendLabels(
        *sdk, street, {ids.value(QStringLiteral("street-02"))}, QStringLiteral("REVIEW"),
        QJsonValue::Null, false, nullptr, QStringLiteral("Review"));
    EXPECT_EQ(reviewed.size(), 1)
        << "kili.append_labels(label_type=\"REVIEW\", step_name=\"Review\")";
    HttpResult refused;
    EXPECT_TRUE(appendLabels(*sdk, street, {ids.value(QStringLiteral("street-03"))},
                             QStringLiteral("REVIEW"), QJsonValue::Null, false, &refused,
                             QStringLiteral("Labeling"))
                    .isEmpty());
    EXPECT_TRUE(refused.firstErrorMessage().contains(QLatin1String("Labeling")))
        << "a REVIEW label in the labeling step was not refused for it: " << describe(refused);
    EXPECT_EQ(appendLabels(*sdk, street, {ids.value(QStringLiteral("street-08"))},
                           QStringLiteral("DEFAULT"), QJsonValue::Null, false)
                  .size(),
              1)
        << "kili.append_labels(label_type=\"DEFAULT\") without a step";

    EXPECT_EQ(
        externalIds(assets(QStringLiteral("kili.assets(step_status_in=[\"DONE\"])"),
                           {{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("DONE")}}})),
        streets({1, 2, 4}))
        << "a REVIEW label moves the scene to DONE in Review";
    QStringList exportedNow = exported(*sdk, street, QStringLiteral("latest_from_last_step"));
    exportedNow.sort();
    EXPECT_EQ(exportedNow, streets({1, 2, 3, 4, 5, 6, 7, 8}));
}
