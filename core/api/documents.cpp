#include "api/documents.h"

namespace kili::api::documents {

namespace {
const QString kUserFields = QStringLiteral("id email firstname lastname");

const QString kProjectFields = QStringLiteral(
    "id title description inputType numberOfAssets numberOfRemainingAssets numberOfReviewedAssets "
    "archived createdAt updatedAt workflowVersion");

const QString kLabelFields = QStringLiteral(
    "id labelType jsonResponse modelName author { id email firstname lastname } createdAt "
    "secondsToLabel honeypotMark inferenceMark isLatestLabelForUser numberOfAnnotations");

const QString kAssetFields = QStringLiteral(
    "id externalId content jsonMetadata status isHoneypot skipped createdAt consensusMark "
    "honeypotMark inferenceMark resolution { width height } currentStep { name status }");
} // namespace

QString viewer() {
    return QStringLiteral("query me { data: viewer { ") + kUserFields + QStringLiteral(" } }");
}

QString signInCheck() {
    // The SDK's own key check: plain, unaliased, the smallest query that needs a valid key.
    return QStringLiteral("query signInCheck { viewer { id email } }");
}

QString apiKeyExpiry() {
    return QStringLiteral("query apiKeys($where: ApiKeyWhere!) { data: apiKeys(where: $where, "
                          "skip: 0, first: 1) { expiryDate } }");
}

QString projects() {
    return QStringLiteral("query projects($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: projects(where: $where, first: $first, skip: $skip) { ")
           + kProjectFields + QStringLiteral(" } }");
}

QString projectsWithInterface() {
    return QStringLiteral("query projectsWithInterface($where: ProjectWhere!, $first: PageSize!, "
                          "$skip: Int!) { data: projects(where: $where, first: $first, "
                          "skip: $skip) { ")
           + kProjectFields + QStringLiteral(" jsonInterface } }");
}

QString countProjects() {
    return QStringLiteral("query countProjects($where: ProjectWhere!) { data: "
                          "countProjects(where: $where) }");
}

QString assets() {
    return QStringLiteral("query assets($where: AssetWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: assets(where: $where, skip: $skip, first: $first) { ")
           + kAssetFields + QStringLiteral(" } }");
}

QString assetsWithLabels() {
    return QStringLiteral("query assetsWithLabels($where: AssetWhere!, $first: PageSize!, "
                          "$skip: Int!) { data: assets(where: $where, skip: $skip, "
                          "first: $first) { ")
           + kAssetFields + QStringLiteral(" labels { ") + kLabelFields + QStringLiteral(" } } }");
}

QString countAssets() {
    return QStringLiteral("query countAssets($where: AssetWhere!) { data: "
                          "countAssets(where: $where) }");
}

QString labels() {
    return QStringLiteral("query labels($where: LabelWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: labels(where: $where, first: $first, skip: $skip) { ")
           + kLabelFields + QStringLiteral(" labelOf { id externalId } } }");
}

QString countLabels() {
    return QStringLiteral("query countLabels($where: LabelWhere!) { data: "
                          "countLabels(where: $where) }");
}

QString appendManyLabels() {
    return QStringLiteral("mutation appendManyLabels($data: AppendManyLabelsData!, "
                          "$where: AssetWhere!) { data: appendManyLabels(data: $data, "
                          "where: $where) { id } }");
}

QString deleteLabels() {
    return QStringLiteral("mutation deleteLabels($ids: [ID!]!) { data: deleteLabels(ids: $ids) }");
}

QString filterExistingAssets() {
    return QStringLiteral("query filterExistingAssets($projectID: ID!, $externalIDs: [String!]!) "
                          "{ data: filterExistingAssets(projectID: $projectID, "
                          "externalIDs: $externalIDs) }");
}

QList<OperationDocument> all() {
    const QString signIn = QStringLiteral("Sign-in");
    const QString browse = QStringLiteral("Browsing projects");
    const QString assetsFeature = QStringLiteral("Browsing assets");
    const QString labelsFeature = QStringLiteral("Browsing labels");
    const QString import = QStringLiteral("Import");
    return {
        {QStringLiteral("signInCheck"), signIn, signInCheck()},
        {QStringLiteral("me"), signIn, viewer()},
        {QStringLiteral("apiKeys"), signIn, apiKeyExpiry()},
        {QStringLiteral("projects"), browse, projects()},
        {QStringLiteral("projectsWithInterface"), browse, projectsWithInterface()},
        {QStringLiteral("countProjects"), browse, countProjects()},
        {QStringLiteral("assets"), assetsFeature, assets()},
        {QStringLiteral("assetsWithLabels"), assetsFeature, assetsWithLabels()},
        {QStringLiteral("countAssets"), assetsFeature, countAssets()},
        {QStringLiteral("labels"), labelsFeature, labels()},
        {QStringLiteral("countLabels"), labelsFeature, countLabels()},
        {QStringLiteral("appendManyLabels"), import, appendManyLabels()},
        {QStringLiteral("filterExistingAssets"), import, filterExistingAssets()},
        {QStringLiteral("deleteLabels"), QStringLiteral("Deleting predictions"), deleteLabels()},
    };
}

} // namespace kili::api::documents
