// The Kili Python SDK's users and issues calls, replayed from its documents:
// kili.users / kili.count_users (user/operations.py, UserWhere from user/mappers.py) and
// kili.issues / kili.count_issues / kili.create_issues / kili.create_questions
// (issue/operations.py, IssueWhere from issue/mappers.py).
#include "sdkfixture.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using namespace kili::sandbox::testing;

namespace {

const QStringList userFields = {QStringLiteral("email"), QStringLiteral("id"),
                                QStringLiteral("firstname"), QStringLiteral("lastname")};

// user_where_mapper: every key, `organization` always an object.
QJsonObject userWhere(const QJsonValue& email, const QJsonValue& organizationId) {
    return QJsonObject{
        {QStringLiteral("activated"), QJsonValue::Null},
        {QStringLiteral("email"), email},
        {QStringLiteral("id"), QJsonValue::Null},
        {QStringLiteral("idIn"), QJsonValue::Null},
        {QStringLiteral("organization"), QJsonObject{{QStringLiteral("id"), organizationId}}}};
}

class SdkAccounts : public SdkDemoTest {
protected:
    static void SetUpTestSuite() {
        SdkDemoTest::SetUpTestSuite();
        const HttpResult me = sdk->execute(
            QStringLiteral("query me { data: viewer { id email organizationId } }"), {});
        viewer = me.data().toObject();
        ASSERT_FALSE(viewer.value(QLatin1String("organizationId")).toString().isEmpty())
            << describe(me);
    }

    static QStringList emails(const QJsonArray& users) {
        QStringList out;
        for (const QJsonValue& user : users)
            out.append(user.toObject().value(QLatin1String("email")).toString());
        return out;
    }
    static QJsonArray users(const QString& call, const QJsonObject& where) {
        return sdk->list(call, QStringLiteral("users"), QStringLiteral("countUsers"),
                         QStringLiteral("UserWhere"), where, userFields);
    }

    static inline QJsonObject viewer;
};

} // namespace

TEST_F(SdkAccounts, UsersAreTheOrganizationsMembers) {
    const QJsonArray all =
        users(QStringLiteral("kili.users()"), userWhere(QJsonValue::Null, QJsonValue::Null));
    const QStringList found = emails(all);
    for (const char* email : {"demo@sandbox.kili.local", "alice@sandbox.kili.local",
                              "bob@sandbox.kili.local", "rita@sandbox.kili.local"})
        EXPECT_TRUE(found.contains(QLatin1String(email)))
            << "kili.users() does not list " << email << " who labelled the demo projects";
    EXPECT_EQ(found.size(), 4) << found.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(QSet<QString>(found.cbegin(), found.cend()).size(), found.size())
        << "kili.users() listed a user twice";
    for (const QJsonValue& user : all) {
        EXPECT_FALSE(user.toObject().value(QLatin1String("id")).toString().isEmpty());
        EXPECT_TRUE(user.toObject().value(QLatin1String("firstname")).isString());
    }
    const QJsonValue organization = viewer.value(QLatin1String("organizationId"));
    EXPECT_EQ(emails(users(QStringLiteral("kili.users(organization_id=...)"),
                           userWhere(QJsonValue::Null, organization))),
              found);
    EXPECT_TRUE(users(QStringLiteral("kili.users(organization_id=<another>)"),
                      userWhere(QJsonValue::Null, QStringLiteral("another-organization")))
                    .isEmpty())
        << "users of another organization were listed";
}

TEST_F(SdkAccounts, UsersByEmailAndCount) {
    const QJsonArray alice =
        users(QStringLiteral("kili.users(email=...)"),
              userWhere(QStringLiteral("alice@sandbox.kili.local"), QJsonValue::Null));
    ASSERT_EQ(alice.size(), 1) << "kili.users(email=\"alice@sandbox.kili.local\")";
    EXPECT_EQ(alice.first().toObject().value(QLatin1String("email")).toString(),
              QStringLiteral("alice@sandbox.kili.local"));
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_users()"), QStringLiteral("countUsers"),
                         QStringLiteral("UserWhere"),
                         userWhere(QJsonValue::Null, QJsonValue::Null)),
              4);
    EXPECT_EQ(
        sdk->count(QStringLiteral("kili.count_users(organization_id=...)"),
                   QStringLiteral("countUsers"), QStringLiteral("UserWhere"),
                   userWhere(QJsonValue::Null, viewer.value(QLatin1String("organizationId")))),
        4);
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_users(email=<nobody>)"),
                         QStringLiteral("countUsers"), QStringLiteral("UserWhere"),
                         userWhere(QStringLiteral("nobody@example.com"), QJsonValue::Null)),
              0);
}

namespace {

const QStringList issueFields = {QStringLiteral("id"), QStringLiteral("createdAt"),
                                 QStringLiteral("status"), QStringLiteral("type"),
                                 QStringLiteral("assetId")};

// issue_where_mapper: every key; null stripping turns `asset: {id: null}` into `asset: {}`.
QJsonObject issueWhere(const QString& projectId, const QJsonValue& assetId = QJsonValue::Null,
                       const QJsonValue& assetIn = QJsonValue::Null,
                       const QJsonValue& status = QJsonValue::Null,
                       const QJsonValue& type = QJsonValue::Null) {
    return QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
                       {QStringLiteral("asset"), QJsonObject{{QStringLiteral("id"), assetId}}},
                       {QStringLiteral("assetIn"), assetIn},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("type"), type}};
}

// One createIssues item as the SDK builds it, every key present.
QJsonObject issueItem(const QString& type, const QJsonValue& labelId, const QJsonValue& assetId,
                      const QString& text) {
    return QJsonObject{{QStringLiteral("labelID"), labelId},
                       {QStringLiteral("objectMid"), QJsonValue::Null},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("assetId"), assetId},
                       {QStringLiteral("text"), text}};
}

} // namespace

class SdkIssues : public SdkAccounts {
protected:
    static QJsonArray issues(const QString& call, const QJsonObject& where,
                             const QStringList& fields = issueFields) {
        return sdk->list(call, QStringLiteral("issues"), QStringLiteral("countIssues"),
                         QStringLiteral("IssueWhere"), where, fields);
    }
    // The asset id of each external id of the project.
    static QHash<QString, QString> assetIds(const QString& projectId) {
        const QJsonArray assets = sdk->list(
            QStringLiteral("kili.assets"), QStringLiteral("assets"), QStringLiteral("countAssets"),
            QStringLiteral("AssetWhere"),
            QJsonObject{
                {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}}},
            {QStringLiteral("id"), QStringLiteral("externalId"), QStringLiteral("labels.id")});
        QHash<QString, QString> ids;
        for (const QJsonValue& asset : assets) {
            ids.insert(asset.toObject().value(QLatin1String("externalId")).toString(),
                       asset.toObject().value(QLatin1String("id")).toString());
        }
        return ids;
    }
    static HttpResult createIssues(const QString& projectId, const QJsonArray& items) {
        return sdk->execute(
            QStringLiteral("mutation createIssues($issues: [IssueToCreate!]!, $where: "
                           "AssetWhere!) { data: createIssues(issues: $issues, where: $where) { "
                           "id } }"),
            QJsonObject{{QStringLiteral("issues"), items},
                        {QStringLiteral("where"),
                         QJsonObject{{QStringLiteral("project"),
                                      QJsonObject{{QStringLiteral("id"), projectId}}}}}});
    }
};

TEST_F(SdkIssues, TheDemosIssuesAndQuestions) {
    const QString project = client->projectId(QStringLiteral("Porsche or Tesla"));
    const QHash<QString, QString> assets = assetIds(project);
    const QJsonArray all = issues(QStringLiteral("kili.issues(project_id)"), issueWhere(project));
    ASSERT_EQ(all.size(), 4)
        << "the demo's issues on car-05 and car-18, questions on car-27 and car-10";
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_issues(project_id)"),
                         QStringLiteral("countIssues"), QStringLiteral("IssueWhere"),
                         issueWhere(project)),
              4);
    for (const QJsonValue& issue : all) {
        const QJsonObject object = issue.toObject();
        EXPECT_TRUE(assets.values().contains(object.value(QLatin1String("assetId")).toString()))
            << "an issue's assetId is not an asset of the project";
        EXPECT_FALSE(object.value(QLatin1String("createdAt")).toString().isEmpty());
    }
    const QJsonArray openQuestions =
        issues(QStringLiteral("kili.issues(issue_type=\"QUESTION\", status=\"OPEN\")"),
               issueWhere(project, QJsonValue::Null, QJsonValue::Null, QStringLiteral("OPEN"),
                          QStringLiteral("QUESTION")));
    ASSERT_EQ(openQuestions.size(), 1);
    EXPECT_EQ(openQuestions.first().toObject().value(QLatin1String("assetId")).toString(),
              assets.value(QStringLiteral("car-27")));
    EXPECT_EQ(issues(QStringLiteral("kili.issues(asset_id=car-05)"),
                     issueWhere(project, assets.value(QStringLiteral("car-05"))))
                  .size(),
              1);
    EXPECT_EQ(issues(QStringLiteral("kili.issues(asset_id_in=[car-05, car-18])"),
                     issueWhere(project, QJsonValue::Null,
                                QJsonArray{assets.value(QStringLiteral("car-05")),
                                           assets.value(QStringLiteral("car-18"))}))
                  .size(),
              2);
    // kili.issues.list's default fields add the comments.
    const QJsonArray withComments =
        issues(QStringLiteral("kili.issues.list"), issueWhere(project),
               issueFields
                   + QStringList{QStringLiteral("comments.authorIdUser"),
                                 QStringLiteral("comments.createdAt"),
                                 QStringLiteral("comments.id"), QStringLiteral("comments.text")});
    EXPECT_EQ(withComments.size(), 4);
}

TEST_F(SdkIssues, CreateIssuesAndQuestionsAsTheSdkSendsThem) {
    const QString project = client->projectId(QStringLiteral("Street objects"));
    const QHash<QString, QString> assets = assetIds(project);
    const HttpResult labels = sdk->execute(
        QStringLiteral("query labels($where: LabelWhere!, $first: PageSize!, $skip: Int!) { data: "
                       "labels(where: $where, first: $first, skip: $skip) { id assetId } }"),
        QJsonObject{
            {QStringLiteral("where"),
             QJsonObject{
                 {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}},
                 {QStringLiteral("asset"),
                  QJsonObject{{QStringLiteral("id"), assets.value(QStringLiteral("street-01"))}}},
                 {QStringLiteral("typeIn"), QJsonArray{QStringLiteral("DEFAULT")}}}},
            {QStringLiteral("first"), 1},
            {QStringLiteral("skip"), 0}});
    const QString labelId =
        labels.data().toArray().first().toObject().value(QLatin1String("id")).toString();
    ASSERT_FALSE(labelId.isEmpty()) << describe(labels);

    const HttpResult created = createIssues(
        project, QJsonArray{issueItem(QStringLiteral("ISSUE"), labelId, QJsonValue::Null,
                                      QStringLiteral("The plate is misread")),
                            issueItem(QStringLiteral("QUESTION"), QJsonValue::Null,
                                      assets.value(QStringLiteral("street-02")),
                                      QStringLiteral("Is the cyclist a pedestrian?"))});
    ASSERT_TRUE(created.errors().isEmpty()) << "kili.create_issues: " << describe(created);
    const QJsonArray ids = created.data().toArray();
    ASSERT_EQ(ids.size(), 2) << describe(created);

    const QJsonArray listed = issues(QStringLiteral("kili.issues(project_id)"), issueWhere(project),
                                     issueFields + QStringList{QStringLiteral("comments.text")});
    ASSERT_EQ(listed.size(), 2);
    const QJsonObject issue = listed.at(0).toObject();
    EXPECT_EQ(issue.value(QLatin1String("id")), ids.at(0).toObject().value(QLatin1String("id")))
        << "createIssues returned its ids in another order than the items";
    EXPECT_EQ(issue.value(QLatin1String("type")).toString(), QStringLiteral("ISSUE"));
    EXPECT_EQ(issue.value(QLatin1String("status")).toString(), QStringLiteral("OPEN"));
    EXPECT_EQ(issue.value(QLatin1String("assetId")).toString(),
              assets.value(QStringLiteral("street-01")))
        << "an issue lies on the asset of its label";
    EXPECT_EQ(issue.value(QLatin1String("comments"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QLatin1String("text"))
                  .toString(),
              QStringLiteral("The plate is misread"))
        << "the text becomes the issue's first comment";
    EXPECT_EQ(listed.at(1).toObject().value(QLatin1String("assetId")).toString(),
              assets.value(QStringLiteral("street-02")));

    // The asset filter and the project's counters see them.
    const int withOpenQuestion = sdk->count(
        QStringLiteral("kili.count_assets(issue_type=\"QUESTION\", issue_status=\"OPEN\")"),
        QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}},
                    {QStringLiteral("issue"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("QUESTION")},
                                 {QStringLiteral("status"), QStringLiteral("OPEN")}}}});
    EXPECT_EQ(withOpenQuestion, 1);

    // kili.issues' status change (updatePropertiesInIssue, not aliased `data`).
    const HttpResult solved = sdk->execute(
        QStringLiteral("mutation UpdatePropertiesInIssue($data: IssueData!, $where: IssueWhere!) { "
                       "updatePropertiesInIssue(data: $data, where: $where) { id } }"),
        QJsonObject{{QStringLiteral("data"),
                     QJsonObject{{QStringLiteral("status"), QStringLiteral("SOLVED")}}},
                    {QStringLiteral("where"),
                     QJsonObject{{QStringLiteral("id"), issue.value(QLatin1String("id"))}}}});
    EXPECT_TRUE(solved.errors().isEmpty()) << describe(solved);
    EXPECT_EQ(
        issues(QStringLiteral("kili.issues(status=\"SOLVED\")"),
               issueWhere(project, QJsonValue::Null, QJsonValue::Null, QStringLiteral("SOLVED")))
            .size(),
        1);
}

TEST_F(SdkIssues, RefusedIssuesCreateNothing) {
    const QString project = client->projectId(QStringLiteral("News entities"));
    const QHash<QString, QString> assets = assetIds(project);
    const HttpResult unknownLabel = createIssues(
        project, QJsonArray{issueItem(QStringLiteral("QUESTION"), QJsonValue::Null,
                                      assets.values().first(), QStringLiteral("fine")),
                            issueItem(QStringLiteral("ISSUE"), QStringLiteral("no-such-label"),
                                      QJsonValue::Null, QStringLiteral("?"))});
    EXPECT_TRUE(unknownLabel.firstErrorMessage().contains(QLatin1String("no-such-label")))
        << "the error does not name the unknown label: " << describe(unknownLabel);
    const HttpResult noAsset = createIssues(
        project, QJsonArray{issueItem(QStringLiteral("QUESTION"), QJsonValue::Null,
                                      QJsonValue::Null, QStringLiteral("about what?"))});
    EXPECT_TRUE(noAsset.firstErrorMessage().contains(QLatin1String("assetId")))
        << "a question without an asset was not refused for it: " << describe(noAsset);
    QJsonArray tooMany;
    for (int i = 0; i < 101; ++i)
        tooMany.append(issueItem(QStringLiteral("QUESTION"), QJsonValue::Null,
                                 assets.values().first(), QStringLiteral("again")));
    const HttpResult batch = createIssues(project, tooMany);
    EXPECT_TRUE(batch.firstErrorMessage().contains(QLatin1String("100")))
        << "101 issues in one call were not refused: " << describe(batch);
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_issues"), QStringLiteral("countIssues"),
                         QStringLiteral("IssueWhere"), issueWhere(project)),
              0)
        << "a refused createIssues left issues behind";
}

// A database file written before issues kept their label and annotation gains those columns when
// the sandbox opens it, and can take new issues.
TEST(SdkIssuesDatabase, AnOlderDatabaseFileTakesIssues) {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("older.sqlite"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("older"));
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(QStringLiteral(
            "CREATE TABLE issues(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, project_seq "
            "INTEGER NOT NULL, asset_seq INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT "
            "NULL, text TEXT, author_seq INTEGER, created_at TEXT NOT NULL)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("older"));
    SandboxOptions options;
    options.dbPath = path;
    options.seedDemo = true;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    SdkReplay sdk(client);
    const QString project = client.projectId(QStringLiteral("Street objects"));
    const HttpResult assets = client.graphql(
        QStringLiteral(
            "query($w: AssetWhere!) { data: assets(where: $w, first: 1, skip: 0) { id } }"),
        QJsonObject{
            {QStringLiteral("w"), QJsonObject{{QStringLiteral("project"),
                                               QJsonObject{{QStringLiteral("id"), project}}}}}});
    const QString asset =
        assets.data().toArray().first().toObject().value(QLatin1String("id")).toString();
    const HttpResult created = sdk.execute(
        QStringLiteral("mutation createIssues($issues: [IssueToCreate!]!, $where: AssetWhere!) { "
                       "data: createIssues(issues: $issues, where: $where) { id objectMid } }"),
        QJsonObject{{QStringLiteral("issues"),
                     QJsonArray{issueItem(QStringLiteral("QUESTION"), QJsonValue::Null, asset,
                                          QStringLiteral("Is it raining?"))}},
                    {QStringLiteral("where"),
                     QJsonObject{{QStringLiteral("project"),
                                  QJsonObject{{QStringLiteral("id"), project}}}}}});
    EXPECT_TRUE(created.errors().isEmpty())
        << "createIssues on an older database: " << describe(created);
    EXPECT_EQ(created.data().toArray().size(), 1) << describe(created);
}
