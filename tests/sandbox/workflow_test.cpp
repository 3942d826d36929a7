// Workflow steps, assignees and issues: what PROJECT.json can give a project, what the API shows
// of it (Project.steps, Asset.currentStep, numberOf*Issues/Questions) and the AssetWhere filters
// that select on it (stepIdIn/NotIn, stepStatusIn/NotIn, assigneeIn/NotIn, issue).
#include "sandboxclient.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

QJsonObject parse(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// Five assets, one per place in the workflow.
const char* const projectJson = R"({
  "title": "Workflow", "inputType": "TEXT", "workflowVersion": "V2",
  "jsonInterface": {"jobs": {}},
  "steps": [{"name": "Annotate"}, {"name": "Quality check", "type": "REVIEW"}],
  "assets": [
    {"externalId": "todo", "content": "t", "assignees": ["alice@example.com"],
     "issues": [{"type": "QUESTION", "text": "Which language?"}]},
    {"externalId": "ongoing", "content": "t", "status": "ONGOING",
     "assignees": ["alice@example.com", "bob@example.com"],
     "issues": [{"type": "ISSUE", "status": "SOLVED", "author": "bob@example.com"},
                {"type": "ISSUE", "status": "OPEN"}]},
    {"externalId": "labeled", "content": "t", "status": "LABELED", "assignees": ["bob@example.com"]},
    {"externalId": "reviewed", "content": "t", "status": "REVIEWED",
     "assignees": ["demo@sandbox.kili.local"],
     "issues": [{"type": "QUESTION", "status": "SOLVED"}, {"type": "ISSUE", "status": "CANCELLED"}]},
    {"externalId": "skipped", "content": "t", "skipped": true}
  ]})";

class SandboxWorkflow : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder = new QTemporaryDir;
        QFile file(folder->filePath(QStringLiteral("workflow.json")));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(projectJson);
        file.close();
        SandboxOptions options;
        options.loadFiles = {file.fileName()};
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
        projectId = server->createdProjectIds().constFirst();
        const HttpResult project = client->graphql(
            QStringLiteral(
                "query($w: ProjectWhere!) { data: projects(where: $w, first: 1, skip: "
                "0) { workflowVersion steps { id name type } numberOfOpenIssues "
                "numberOfSolvedIssues numberOfOpenQuestions numberOfSolvedQuestions } }"),
            QJsonObject{{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), projectId}}}});
        projectJsonAnswer = project.data().toArray().first().toObject();
        const QJsonArray steps = projectJsonAnswer.value(QLatin1String("steps")).toArray();
        ASSERT_EQ(steps.size(), 2) << project.body.toStdString();
        labelingStep = steps.at(0).toObject().value(QLatin1String("id")).toString();
        reviewStep = steps.at(1).toObject().value(QLatin1String("id")).toString();
    }
    static void TearDownTestSuite() {
        delete client;
        delete server;
        delete folder;
    }

    // External ids of the project's assets matching `where` (the project filter added), checked
    // against countAssets.
    static QStringList matching(QJsonObject where) {
        where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}});
        const HttpResult page = client->graphql(
            QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 100, skip: 0) "
                           "{ externalId } count: countAssets(where: $w) }"),
            QJsonObject{{QStringLiteral("w"), where}});
        EXPECT_TRUE(page.errors().isEmpty()) << page.body.toStdString();
        QStringList ids;
        const QJsonArray assets = page.data().toArray();
        for (const QJsonValue& asset : assets)
            ids.append(asset.toObject().value(QLatin1String("externalId")).toString());
        EXPECT_EQ(page.data(QStringLiteral("count")).toInt(-1), ids.size());
        return ids;
    }
    static QStringList list(std::initializer_list<const char*> ids) {
        QStringList out;
        for (const char* id : ids)
            out.append(QString::fromLatin1(id));
        return out;
    }

    static inline QTemporaryDir* folder = nullptr;
    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
    static inline QString projectId;
    static inline QString labelingStep;
    static inline QString reviewStep;
    static inline QJsonObject projectJsonAnswer;
};

} // namespace

TEST_F(SandboxWorkflow, ProjectShowsItsStepsAndIssueCounts) {
    EXPECT_EQ(projectJsonAnswer.value(QLatin1String("workflowVersion")).toString(),
              QStringLiteral("V2"));
    const QJsonArray steps = projectJsonAnswer.value(QLatin1String("steps")).toArray();
    EXPECT_EQ(steps.at(0).toObject().value(QLatin1String("name")).toString(),
              QStringLiteral("Annotate"));
    EXPECT_EQ(steps.at(0).toObject().value(QLatin1String("type")).toString(),
              QStringLiteral("DEFAULT"));
    EXPECT_EQ(steps.at(1).toObject().value(QLatin1String("name")).toString(),
              QStringLiteral("Quality check"));
    EXPECT_EQ(steps.at(1).toObject().value(QLatin1String("type")).toString(),
              QStringLiteral("REVIEW"));
    EXPECT_NE(labelingStep, reviewStep);
    EXPECT_EQ(projectJsonAnswer.value(QLatin1String("numberOfOpenIssues")).toInt(-1), 1);
    EXPECT_EQ(projectJsonAnswer.value(QLatin1String("numberOfSolvedIssues")).toInt(-1), 1);
    EXPECT_EQ(projectJsonAnswer.value(QLatin1String("numberOfOpenQuestions")).toInt(-1), 1);
    EXPECT_EQ(projectJsonAnswer.value(QLatin1String("numberOfSolvedQuestions")).toInt(-1), 1);
}

TEST_F(SandboxWorkflow, AssetsStandInAStepThatFollowsTheirStatus) {
    const HttpResult page = client->graphql(
        QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 10, skip: 0) "
                       "{ externalId currentStep { id name status } } }"),
        QJsonObject{
            {QStringLiteral("w"), QJsonObject{{QStringLiteral("project"),
                                               QJsonObject{{QStringLiteral("id"), projectId}}}}}});
    const QJsonArray assets = page.data().toArray();
    ASSERT_EQ(assets.size(), 5) << page.body.toStdString();
    const QList<std::pair<QString, QString>> expected = {{labelingStep, QStringLiteral("TO_DO")},
                                                         {labelingStep, QStringLiteral("DOING")},
                                                         {reviewStep, QStringLiteral("TO_DO")},
                                                         {reviewStep, QStringLiteral("DONE")},
                                                         {labelingStep, QStringLiteral("SKIPPED")}};
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QJsonObject step =
            assets.at(i).toObject().value(QLatin1String("currentStep")).toObject();
        EXPECT_EQ(step.value(QLatin1String("id")).toString(), expected.at(i).first) << i;
        EXPECT_EQ(step.value(QLatin1String("status")).toString(), expected.at(i).second) << i;
    }
    EXPECT_EQ(assets.at(2)
                  .toObject()
                  .value(QLatin1String("currentStep"))
                  .toObject()
                  .value(QLatin1String("name"))
                  .toString(),
              QStringLiteral("Quality check"));
}

TEST_F(SandboxWorkflow, StepFilters) {
    EXPECT_EQ(matching({{QStringLiteral("stepIdIn"), QJsonArray{labelingStep}}}),
              list({"todo", "ongoing", "skipped"}));
    EXPECT_EQ(matching({{QStringLiteral("stepIdIn"), QJsonArray{reviewStep}}}),
              list({"labeled", "reviewed"}));
    EXPECT_EQ(matching({{QStringLiteral("stepIdIn"), QJsonArray{labelingStep, reviewStep}}}).size(),
              5);
    EXPECT_EQ(matching({{QStringLiteral("stepIdNotIn"), QJsonArray{labelingStep}}}),
              list({"labeled", "reviewed"}));
    EXPECT_TRUE(
        matching({{QStringLiteral("stepIdIn"), QJsonArray{QStringLiteral("nope")}}}).isEmpty());
    EXPECT_EQ(
        matching({{QStringLiteral("stepIdNotIn"), QJsonArray{QStringLiteral("nope")}}}).size(), 5);
    EXPECT_TRUE(matching({{QStringLiteral("stepIdIn"), QJsonArray{}}}).isEmpty());

    EXPECT_EQ(matching({{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("TO_DO")}}}),
              list({"todo", "labeled"}));
    EXPECT_EQ(matching({{QStringLiteral("stepStatusIn"),
                         QJsonArray{QStringLiteral("DOING"), QStringLiteral("DONE")}}}),
              list({"ongoing", "reviewed"}));
    EXPECT_EQ(matching({{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("SKIPPED")}}}),
              list({"skipped"}));
    EXPECT_TRUE(
        matching({{QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("REDO")}}}).isEmpty());
    EXPECT_EQ(matching({{QStringLiteral("stepStatusNotIn"), QJsonArray{QStringLiteral("TO_DO")}}}),
              list({"ongoing", "reviewed", "skipped"}));
    // Both kinds together: review-step assets still to do.
    EXPECT_EQ(matching({{QStringLiteral("stepIdIn"), QJsonArray{reviewStep}},
                        {QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("TO_DO")}}}),
              list({"labeled"}));
}

TEST_F(SandboxWorkflow, AssigneeFilters) {
    EXPECT_EQ(
        matching({{QStringLiteral("assigneeIn"), QJsonArray{QStringLiteral("alice@example.com")}}}),
        list({"todo", "ongoing"}));
    EXPECT_EQ(
        matching({{QStringLiteral("assigneeIn"), QJsonArray{QStringLiteral("alice@example.com"),
                                                            QStringLiteral("bob@example.com")}}}),
        list({"todo", "ongoing", "labeled"}));
    EXPECT_EQ(matching({{QStringLiteral("assigneeNotIn"),
                         QJsonArray{QStringLiteral("bob@example.com")}}}),
              list({"todo", "reviewed", "skipped"}));
    EXPECT_EQ(matching({{QStringLiteral("assigneeIn"), QJsonArray{QStringLiteral("Alice")}}}),
              list({"todo", "ongoing"}))
        << "a name matches like authorIn's";
    EXPECT_TRUE(
        matching({{QStringLiteral("assigneeIn"), QJsonArray{QStringLiteral("zed@example.com")}}})
            .isEmpty());
    EXPECT_EQ(
        matching({{QStringLiteral("assigneeNotIn"), QJsonArray{QStringLiteral("zed@example.com")}}})
            .size(),
        5);
    // A user's id works as well as their email (the sandbox's own user holds the API key).
    const QString me = client->graphql(QStringLiteral("query { data: viewer { id } }"))
                           .data()
                           .toObject()
                           .value(QLatin1String("id"))
                           .toString();
    ASSERT_FALSE(me.isEmpty());
    EXPECT_EQ(matching({{QStringLiteral("assigneeIn"), QJsonArray{me}}}), list({"reviewed"}));
}

TEST_F(SandboxWorkflow, IssueFilters) {
    EXPECT_EQ(matching({{QStringLiteral("issue"), QJsonObject()}}).size(), 5);
    EXPECT_EQ(matching({{QStringLiteral("issue"), parse(R"({"type": "QUESTION"})")}}),
              list({"todo", "reviewed"}));
    EXPECT_EQ(
        matching({{QStringLiteral("issue"), parse(R"({"type": "ISSUE", "status": "OPEN"})")}}),
        list({"ongoing"}));
    EXPECT_EQ(matching({{QStringLiteral("issue"), parse(R"({"status": "SOLVED"})")}}),
              list({"ongoing", "reviewed"}));
    EXPECT_EQ(matching({{QStringLiteral("issue"), parse(R"({"status": "CANCELLED"})")}}),
              list({"reviewed"}));
    EXPECT_TRUE(matching({{QStringLiteral("issue"),
                           parse(R"({"type": "QUESTION", "status": "CANCELLED"})")}})
                    .isEmpty());
    EXPECT_EQ(
        matching({{QStringLiteral("issue"), parse(R"({"type": null, "status": null})")}}).size(),
        5);
}

// The label root field reaches the same filters through LabelWhere.asset.
TEST_F(SandboxWorkflow, LabelWhereAssetUsesTheSameFilters) {
    const HttpResult count = client->graphql(
        QStringLiteral("query($w: LabelWhere!) { data: countLabels(where: $w) }"),
        QJsonObject{
            {QStringLiteral("w"),
             QJsonObject{
                 {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
                 {QStringLiteral("asset"), QJsonObject{{QStringLiteral("stepIdIn"),
                                                        QJsonArray{QStringLiteral("nope")}}}}}}});
    EXPECT_EQ(count.data().toInt(-1), 0) << count.body.toStdString();
}

// A label moves its asset on in the workflow, as it moves its status on.
TEST(SandboxWorkflowWrites, ALabelMovesTheAssetToTheReviewStep) {
    SandboxOptions options;
    options.seedDemo = true;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const QString project = client.projectId(QStringLiteral("Porsche or Tesla"));
    const QJsonObject inProject{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}}};
    const HttpResult steps = client.graphql(
        QStringLiteral("query($w: ProjectWhere!) { data: projects(where: $w, first: 1, skip: 0) "
                       "{ steps { id } } }"),
        QJsonObject{{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), project}}}});
    const QString labeling = steps.data()
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("steps"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("id"))
                                 .toString();
    ASSERT_FALSE(labeling.isEmpty()) << steps.body.toStdString();
    QJsonObject toDo = inProject;
    toDo.insert(QStringLiteral("stepIdIn"), QJsonArray{labeling});
    toDo.insert(QStringLiteral("stepStatusIn"), QJsonArray{QStringLiteral("TO_DO")});
    const HttpResult before = client.graphql(
        QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 1, skip: 0) { id } "
                       "count: countAssets(where: $w) }"),
        QJsonObject{{QStringLiteral("w"), toDo}});
    const QJsonArray page = before.data().toArray();
    ASSERT_FALSE(page.isEmpty()) << before.body.toStdString();
    const int countBefore = before.data(QStringLiteral("count")).toInt();
    const QString assetId = page.first().toObject().value(QLatin1String("id")).toString();
    const HttpResult append = client.graphql(
        QStringLiteral("mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
                       " data: appendManyLabels(data: $data, where: $where) { id } }"),
        QJsonObject{
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("labelType"), QStringLiteral("DEFAULT")},
                         {QStringLiteral("labelsData"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("assetID"), assetId},
                              {QStringLiteral("jsonResponse"), QStringLiteral("{}")}}}}}},
            {QStringLiteral("where"), QJsonObject{{QStringLiteral("idIn"), QJsonArray{assetId}}}}});
    ASSERT_TRUE(append.errors().isEmpty()) << append.body.toStdString();
    const HttpResult after = client.graphql(
        QStringLiteral("query($w: AssetWhere!) { data: countAssets(where: $w) "
                       "asset: assets(where: {id: \"")
            + assetId + QStringLiteral("\"}, first: 1, skip: 0) { currentStep { name status } } }"),
        QJsonObject{{QStringLiteral("w"), toDo}});
    EXPECT_EQ(after.data().toInt(-1), countBefore - 1) << after.body.toStdString();
    const QJsonObject step = after.data(QStringLiteral("asset"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("currentStep"))
                                 .toObject();
    EXPECT_EQ(step.value(QLatin1String("name")).toString(), QStringLiteral("Review"));
    EXPECT_EQ(step.value(QLatin1String("status")).toString(), QStringLiteral("TO_DO"));
}

TEST(SandboxWorkflowLoader, BadWorkflowFieldsNameThePlace) {
    const auto loadError = [](const char* json) {
        QTemporaryDir folder;
        QFile file(folder.filePath(QStringLiteral("p.json")));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        SandboxOptions options;
        options.loadFiles = {file.fileName()};
        SandboxServer server(options);
        QString error;
        EXPECT_FALSE(server.start(&error));
        return error.toStdString();
    };
    const std::string head =
        R"({"title": "x", "inputType": "TEXT", "jsonInterface": {"jobs": {}}, )";
    const auto with = [&](const char* rest) { return head + rest + "}"; };
    EXPECT_NE(
        loadError(with(R"("steps": [{"name": "One"}])").c_str()).find("steps: expected two steps"),
        std::string::npos);
    EXPECT_NE(
        loadError(with(R"("steps": [{"name": "A", "type": "REVIEW"}, {"name": "B"}])").c_str())
            .find("steps[0].type"),
        std::string::npos);
    EXPECT_NE(loadError(with(R"("workflowVersion": "V3")").c_str()).find("workflowVersion"),
              std::string::npos);
    EXPECT_NE(
        loadError(
            with(R"("assets": [{"externalId": "a", "content": "t", "issues": [{"type": "BUG"}]}])")
                .c_str())
            .find(R"(assets[0].issues[0].type: "BUG" is not one of ISSUE, QUESTION)"),
        std::string::npos);
    EXPECT_NE(
        loadError(with(R"("assets": [{"externalId": "a", "content": "t", "assignees": ["bob"]}])")
                      .c_str())
            .find("assets[0].assignees[0]"),
        std::string::npos);
    EXPECT_NE(
        loadError(
            with(R"("assets": [{"externalId": "a", "content": "t", "skipped": "yes"}])").c_str())
            .find("assets[0].skipped"),
        std::string::npos);
}

// A database written before projects had steps gets the default workflow when it is opened.
TEST(SandboxWorkflowWrites, OlderDatabasesGetTheDefaultSteps) {
    QTemporaryDir folder;
    SandboxOptions options;
    options.dbPath = folder.filePath(QStringLiteral("old.sqlite"));
    options.seedDemo = true;
    {
        SandboxServer server(options);
        QString error;
        ASSERT_TRUE(server.start(&error)) << error.toStdString();
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("workflow-test-old"));
        db.setDatabaseName(options.dbPath);
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(QStringLiteral("DELETE FROM project_steps")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("workflow-test-old"));
    options.seedDemo = false;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const HttpResult result = client.graphql(QStringLiteral(
        "query { data: projects(where: {}, first: 10, skip: 0) { steps { id name type } } }"));
    const QJsonArray projects = result.data().toArray();
    ASSERT_EQ(projects.size(), 3) << result.body.toStdString();
    for (const QJsonValue& project : projects) {
        const QJsonArray steps = project.toObject().value(QLatin1String("steps")).toArray();
        ASSERT_EQ(steps.size(), 2) << result.body.toStdString();
        EXPECT_EQ(steps.at(0).toObject().value(QLatin1String("name")).toString(),
                  QStringLiteral("Labeling"));
        EXPECT_FALSE(steps.at(1).toObject().value(QLatin1String("id")).toString().isEmpty());
    }
}

// The demo shows every filter with something to find (resources/demo/README.md).
TEST(SandboxWorkflowDemo, PorscheOrTeslaHasAssigneesIssuesAndQuestions) {
    SandboxOptions options;
    options.seedDemo = true;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const QString project = client.projectId(QStringLiteral("Porsche or Tesla"));
    const auto externalIds = [&](const QJsonObject& filter) {
        QJsonObject where = filter;
        where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}});
        const HttpResult page = client.graphql(
            QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 100, skip: 0) "
                           "{ externalId } }"),
            QJsonObject{{QStringLiteral("w"), where}});
        QStringList ids;
        const QJsonArray assets = page.data().toArray();
        for (const QJsonValue& asset : assets)
            ids.append(asset.toObject().value(QLatin1String("externalId")).toString());
        return ids.join(QLatin1Char(' ')).toStdString();
    };
    EXPECT_EQ(externalIds({{QStringLiteral("assigneeIn"),
                            QJsonArray{QStringLiteral("alice@sandbox.kili.local")}}}),
              "car-25 car-27 car-29");
    EXPECT_EQ(externalIds({{QStringLiteral("issue"), parse(R"({"type": "QUESTION"})")}}),
              "car-10 car-27");
    EXPECT_EQ(
        externalIds({{QStringLiteral("issue"), parse(R"({"type": "ISSUE", "status": "OPEN"})")}}),
        "car-05");
    const HttpResult counts = client.graphql(
        QStringLiteral("query($w: ProjectWhere!) { data: projects(where: $w, first: 1, skip: 0) "
                       "{ numberOfOpenIssues numberOfSolvedIssues numberOfOpenQuestions "
                       "numberOfSolvedQuestions } }"),
        QJsonObject{{QStringLiteral("w"), QJsonObject{{QStringLiteral("id"), project}}}});
    const QJsonObject porsche = counts.data().toArray().first().toObject();
    for (const char* field : {"numberOfOpenIssues", "numberOfSolvedIssues", "numberOfOpenQuestions",
                              "numberOfSolvedQuestions"})
        EXPECT_EQ(porsche.value(QLatin1String(field)).toInt(-1), 1) << field;
}

// appendManyLabels' stepName must name a step of the project that fits the label type.
TEST(SandboxWorkflowWrites, StepNameMustFitTheLabelType) {
    SandboxOptions options;
    options.seedDemo = true;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const QString project = client.projectId(QStringLiteral("Porsche or Tesla"));
    const QString assetId =
        client
            .graphql(QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: 1, "
                                    "skip: 0) { id } }"),
                     QJsonObject{{QStringLiteral("w"),
                                  QJsonObject{{QStringLiteral("project"),
                                               QJsonObject{{QStringLiteral("id"), project}}}}}})
            .data()
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("id"))
            .toString();
    const auto append = [&](const char* labelType, const char* stepName) {
        QJsonObject item{{QStringLiteral("assetID"), assetId},
                         {QStringLiteral("jsonResponse"), QStringLiteral("{}")}};
        if (QByteArray(labelType) == "PREDICTION")
            item.insert(QStringLiteral("modelName"), QStringLiteral("m"));
        return client.graphql(
            QStringLiteral("mutation($data: AppendManyLabelsData!, $where: AssetWhere!) {"
                           " data: appendManyLabels(data: $data, where: $where) { id } }"),
            QJsonObject{{QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("labelType"), QLatin1String(labelType)},
                                     {QStringLiteral("stepName"), QLatin1String(stepName)},
                                     {QStringLiteral("labelsData"), QJsonArray{item}}}},
                        {QStringLiteral("where"),
                         QJsonObject{{QStringLiteral("idIn"), QJsonArray{assetId}}}}});
    };
    const HttpResult unknown = append("DEFAULT", "Nope");
    EXPECT_TRUE(unknown.firstErrorMessage().startsWith(QLatin1String("[stepNotFound]")))
        << unknown.body.toStdString();
    EXPECT_TRUE(unknown.firstErrorMessage().contains(QLatin1String("\"Labeling\", \"Review\"")));
    const HttpResult misplaced = append("REVIEW", "Labeling");
    EXPECT_TRUE(
        misplaced.firstErrorMessage().startsWith(QLatin1String("[labelTypeNotAllowedInStep]")))
        << misplaced.body.toStdString();
    EXPECT_TRUE(append("DEFAULT", "Labeling").errors().isEmpty());
    EXPECT_TRUE(append("REVIEW", "Review").errors().isEmpty());
    EXPECT_TRUE(append("PREDICTION", "Review").errors().isEmpty());
}
