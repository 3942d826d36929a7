// What the Kili Python SDK asks of a project before it exports, downloads media or filters by
// step, replayed from its documents: Project.dataConnections (and the cloud-storage root
// queries), and the media an export with assets downloads.
#include "graphql/introspection.h"
#include "sdkfixture.h"

#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using namespace kili::sandbox::testing;

namespace {

class SdkProject : public SdkDemoTest {
protected:
    // kili_api_gateway.get_project(project_id, fields): a projects page of one.
    static QJsonObject getProject(const QString& call, const QString& projectId,
                                  const QStringList& fields) {
        const HttpResult result = sdk->execute(
            QStringLiteral("query projects($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
                           "{ data: projects(where: $where, first: $first, skip: $skip) { %1 } }")
                .arg(SdkReplay::selection(fields)),
            QJsonObject{{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), projectId}}},
                        {QStringLiteral("first"), 1},
                        {QStringLiteral("skip"), 0}});
        EXPECT_TRUE(result.errors().isEmpty()) << call.toStdString() << ": " << describe(result);
        EXPECT_EQ(result.data().toArray().size(), 1)
            << call.toStdString() << ": " << describe(result);
        return result.data().toArray().first().toObject();
    }

    static QStringList demoProjects() {
        return {client->projectId(QStringLiteral("Porsche or Tesla")),
                client->projectId(QStringLiteral("Street objects")),
                client->projectId(QStringLiteral("News entities"))};
    }
};

} // namespace

// Every export format (services/export/format/base.py) and kili.assets(download_media=True)
// (use_cases/asset/media_downloader.py) refuse a project whose dataConnections is not empty.
TEST_F(SdkProject, NoProjectHasADataConnection) {
    for (const QString& project : demoProjects()) {
        const QJsonObject exported = getProject(QStringLiteral("export_labels"), project,
                                                {QStringLiteral("dataConnections.id")});
        EXPECT_TRUE(exported.value(QLatin1String("dataConnections")).isArray())
            << "export_labels reads Project.dataConnections: "
            << QJsonDocument(exported).toJson(QJsonDocument::Compact).toStdString();
        EXPECT_TRUE(exported.value(QLatin1String("dataConnections")).toArray().isEmpty())
            << "a sandbox project has no cloud storage, yet dataConnections is not empty";
        const QJsonObject download =
            getProject(QStringLiteral("kili.assets(download_media=True)"), project,
                       {QStringLiteral("inputType"), QStringLiteral("dataConnections.id")});
        EXPECT_EQ(download.value(QLatin1String("dataConnections")), QJsonArray());
    }
}

// kili.cloud_storage_connections(project_id=...): dataConnections paged on
// countDataIntegrations, to which the SDK passes the DataConnectionsWhere value.
TEST_F(SdkProject, CloudStorageConnectionsAreAnEmptyList) {
    const QString project = demoProjects().first();
    const QJsonObject where{{QStringLiteral("projectId"), project},
                            {QStringLiteral("integrationId"), QJsonValue::Null}};
    EXPECT_EQ(sdk->count(QStringLiteral("kili.cloud_storage_connections"),
                         QStringLiteral("countDataIntegrations"),
                         QStringLiteral("DataIntegrationWhere"), where),
              0);
    const HttpResult page = sdk->execute(
        QStringLiteral("query dataConnections($where: DataConnectionsWhere!, $first: PageSize!, "
                       "$skip: Int!) { data: dataConnections(where: $where, first: $first, skip: "
                       "$skip) { id lastCheck numberOfAssets selectedFolders projectId } }"),
        QJsonObject{{QStringLiteral("where"), where},
                    {QStringLiteral("first"), 100},
                    {QStringLiteral("skip"), 0}});
    EXPECT_TRUE(page.errors().isEmpty()) << "kili.cloud_storage_connections: " << describe(page);
    EXPECT_EQ(page.data(), QJsonArray()) << describe(page);
    const HttpResult one = sdk->execute(
        QStringLiteral("query dataConnection($where: DataConnectionIdWhere!) { data: "
                       "dataConnection(where: $where) { id isChecking } }"),
        QJsonObject{{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), project}}}});
    EXPECT_TRUE(one.errors().isEmpty()) << "kili.cloud_storage_connections(id): " << describe(one);
    EXPECT_TRUE(one.data().isNull()) << describe(one);
}

// export_labels(with_assets=True) and kili.assets(download_media=True) ask each asset's content
// for its type (HEAD) and download it (GET), with the key: the URL is under the API base.
TEST_F(SdkProject, EveryImageAssetsMediaDownloads) {
    for (const QString& project : demoProjects().mid(0, 2)) {
        const QJsonArray assets = sdk->list(
            QStringLiteral("kili.assets(download_media=True)"), QStringLiteral("assets"),
            QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
            QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}},
                        {QStringLiteral("label"), QJsonObject()},
                        {QStringLiteral("issue"), QJsonObject()}},
            {QStringLiteral("id"), QStringLiteral("externalId"), QStringLiteral("content"),
             QStringLiteral("jsonContent")});
        ASSERT_FALSE(assets.isEmpty());
        for (const QJsonValue& asset : assets) {
            const QString content = asset.toObject().value(QLatin1String("content")).toString();
            ASSERT_TRUE(content.startsWith(server->baseUrl().toString())) << content.toStdString();
            // get_download_path: HEAD for the type (GET when HEAD is not answered 200).
            const HttpResult type = client->head(QUrl(content), client->authorization());
            EXPECT_EQ(type.status, 200) << "HEAD " << content.toStdString();
            EXPECT_TRUE(type.header("Content-Type").startsWith("image/")) << content.toStdString();
            EXPECT_TRUE(type.body.isEmpty()) << "an answer to HEAD carried a body";
            const HttpResult media = client->get(QUrl(content), client->authorization());
            EXPECT_EQ(media.status, 200) << "downloading " << content.toStdString();
            EXPECT_FALSE(media.body.isEmpty()) << content.toStdString();
        }
    }
}

// kili.get_steps(project_id) with its default fields (project_workflow/operations.py getSteps).
TEST_F(SdkProject, GetStepsWithItsDefaultFields) {
    const HttpResult me =
        sdk->execute(QStringLiteral("query me { data: viewer { id email } }"), {});
    const QString viewer = me.data().toObject().value(QLatin1String("id")).toString();
    for (const QString& project : demoProjects()) {
        const HttpResult result = sdk->execute(
            QStringLiteral("query getSteps($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
                           "{ data: projects(where: $where, first: $first, skip: $skip) { %1 } }")
                .arg(SdkReplay::selection({QStringLiteral("steps.type"),
                                           QStringLiteral("steps.name"), QStringLiteral("steps.id"),
                                           QStringLiteral("steps.assignees.email"),
                                           QStringLiteral("steps.assignees.id")})),
            QJsonObject{{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), project}}},
                        {QStringLiteral("first"), 1},
                        {QStringLiteral("skip"), 0}});
        ASSERT_TRUE(result.errors().isEmpty()) << "kili.get_steps: " << describe(result);
        const QJsonArray steps =
            result.data().toArray().first().toObject().value(QLatin1String("steps")).toArray();
        ASSERT_EQ(steps.size(), 2) << describe(result);
        EXPECT_EQ(steps.at(0).toObject().value(QLatin1String("type")).toString(),
                  QStringLiteral("DEFAULT"));
        EXPECT_EQ(steps.at(1).toObject().value(QLatin1String("type")).toString(),
                  QStringLiteral("REVIEW"));
        for (const QJsonValue& step : steps) {
            const QJsonArray assignees =
                step.toObject().value(QLatin1String("assignees")).toArray();
            ASSERT_EQ(assignees.size(), 1)
                << "the step "
                << step.toObject().value(QLatin1String("name")).toString().toStdString()
                << " should be assigned to the project's one member, the key's owner";
            EXPECT_EQ(assignees.first().toObject().value(QLatin1String("id")).toString(), viewer);
            EXPECT_FALSE(
                assignees.first().toObject().value(QLatin1String("email")).toString().isEmpty());
        }
    }
}

// The YOLO, COCO and Pascal VOC writers turn normalized vertices into pixels with the asset's
// resolution, and read the project's interface, input type, title and description
// (services/export/format/base.py).
TEST_F(SdkProject, ImageAssetsCarryWhatTheExportersNeed) {
    for (const QString& project : demoProjects().mid(0, 2)) {
        const QJsonObject header = getProject(
            QStringLiteral("export_labels"), project,
            {QStringLiteral("jsonInterface"), QStringLiteral("inputType"), QStringLiteral("title"),
             QStringLiteral("description"), QStringLiteral("id")});
        EXPECT_EQ(header.value(QLatin1String("inputType")).toString(), QStringLiteral("IMAGE"));
        EXPECT_TRUE(QJsonDocument::fromJson(
                        header.value(QLatin1String("jsonInterface")).toString().toUtf8())
                        .object()
                        .contains(QLatin1String("jobs")))
            << "jsonInterface is not a JSON-encoded interface";
        const QJsonArray assets =
            sdk->projectAssets(QStringLiteral("export_labels"), project,
                               {QStringLiteral("externalId"), QStringLiteral("resolution.height"),
                                QStringLiteral("resolution.width"), QStringLiteral("jsonContent"),
                                QStringLiteral("pageResolutions.pageNumber")});
        for (const QJsonValue& asset : assets) {
            const QJsonObject resolution =
                asset.toObject().value(QLatin1String("resolution")).toObject();
            EXPECT_GT(resolution.value(QLatin1String("width")).toDouble(), 0)
                << asset.toObject().value(QLatin1String("externalId")).toString().toStdString()
                << " has no resolution: the exporters cannot place its shapes in pixels";
            EXPECT_GT(resolution.value(QLatin1String("height")).toDouble(), 0);
        }
    }
}

// The SDK introspects with graphql-core's options (descriptions, repeatable directives, schema
// description, deprecated input values) and validates every document against the answer: the
// types and fields it asks must be in it.
TEST_F(SdkProject, IntrospectionShowsWhatTheSdkAsks) {
    kili::graphql::IntrospectionOptions options;
    options.directiveIsRepeatable = true;
    options.schemaDescription = true;
    options.inputValueDeprecation = true;
    const HttpResult result = client->graphql(kili::graphql::introspectionQuery(options));
    ASSERT_TRUE(result.errors().isEmpty()) << describe(result);
    QHash<QString, QStringList> fields;
    const QJsonArray types =
        result.data(QStringLiteral("__schema")).toObject().value(QLatin1String("types")).toArray();
    for (const QJsonValue& type : types) {
        const QJsonObject object = type.toObject();
        const QString key = object.value(QLatin1String("fields")).isArray()
                                ? QStringLiteral("fields")
                                : QStringLiteral("inputFields");
        QStringList names;
        const QJsonArray members = object.value(key).toArray();
        for (const QJsonValue& member : members)
            names.append(member.toObject().value(QLatin1String("name")).toString());
        fields.insert(object.value(QLatin1String("name")).toString(), names);
    }
    const QList<QPair<const char*, const char*>> asked = {{"Query", "users"},
                                                          {"Query", "countUsers"},
                                                          {"Query", "issues"},
                                                          {"Query", "countIssues"},
                                                          {"Query", "dataConnections"},
                                                          {"Query", "dataConnection"},
                                                          {"Query", "countDataIntegrations"},
                                                          {"Mutation", "createIssues"},
                                                          {"Mutation", "updatePropertiesInIssue"},
                                                          {"Project", "dataConnections"},
                                                          {"ProjectStep", "assignees"},
                                                          {"Asset", "latestLabel"},
                                                          {"Asset", "latestLabels"},
                                                          {"Label", "isLastForStep"},
                                                          {"UserWhere", "organization"},
                                                          {"IssueWhere", "assetIn"},
                                                          {"IssueToCreate", "labelID"},
                                                          {"Issue", "comments"},
                                                          {"Comment", "authorIdUser"},
                                                          {"DataConnection", "selectedFolders"},
                                                          {"DataConnectionsWhere", "projectId"}};
    for (const auto& [type, field] : asked) {
        EXPECT_TRUE(fields.value(QLatin1String(type)).contains(QLatin1String(field)))
            << "the introspection has no " << type << "." << field
            << ": the SDK's local validation would refuse the documents that ask it";
    }
}
