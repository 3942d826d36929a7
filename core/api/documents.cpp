#include "api/documents.h"

#include "domain/labeltype.h"

#include <QHash>

namespace kili::api::documents {

namespace {

// One selected field; an optional one is left out when the server no longer has it.
struct SelectedField {
    const char* name;
    const char* selection; // the text selected, when more than the name ("author { id … }")
    bool optional;
};

using Fields = std::initializer_list<SelectedField>;

const Fields kProjectFields = {
    {"id", nullptr, false},
    {"title", nullptr, false},
    {"description", nullptr, true},
    {"inputType", nullptr, false},
    {"numberOfAssets", nullptr, false},
    {"numberOfRemainingAssets", nullptr, true},
    {"numberOfReviewedAssets", nullptr, true},
    {"archived", nullptr, true},
    {"createdAt", nullptr, true},
    {"updatedAt", nullptr, true},
    {"workflowVersion", nullptr, true},
};

const Fields kLabelFields = {
    {"id", nullptr, false},
    {"labelType", nullptr, false},
    {"jsonResponse", nullptr, false},
    {"modelName", nullptr, false},
    {"author", "author { id email firstname lastname }", true},
    {"createdAt", nullptr, false},
    {"secondsToLabel", nullptr, true},
    {"honeypotMark", nullptr, true},
    {"inferenceMark", nullptr, true},
    {"isLatestLabelForUser", nullptr, true},
    {"numberOfAnnotations", nullptr, true},
};

const Fields kAssetFields = {
    {"id", nullptr, false},
    {"externalId", nullptr, false},
    {"content", nullptr, false},
    {"jsonMetadata", nullptr, true},
    {"status", nullptr, true},
    {"isHoneypot", nullptr, true},
    {"skipped", nullptr, true},
    {"createdAt", nullptr, true},
    {"consensusMark", nullptr, true},
    {"honeypotMark", nullptr, true},
    {"inferenceMark", nullptr, true},
    {"resolution", "resolution { width height }", true},
    {"currentStep", "currentStep { name status }", true},
};

const QString kUserFields = QStringLiteral("id email firstname lastname");

QString typeAndField(const char* type, const char* field) {
    return QLatin1String(type) + QLatin1Char('.') + QLatin1String(field);
}

// The fields of `type` as a selection, without those of `omitted`.
QString select(const char* type, const Fields& fields, const QStringList& omitted) {
    QStringList selected;
    for (const SelectedField& field : fields) {
        if (field.optional && omitted.contains(typeAndField(type, field.name)))
            continue;
        selected.append(QLatin1String(field.selection ? field.selection : field.name));
    }
    return selected.join(QLatin1Char(' '));
}

void addOptional(QStringList& list, const char* type, const Fields& fields) {
    for (const SelectedField& field : fields) {
        if (field.optional)
            list.append(typeAndField(type, field.name));
    }
}

} // namespace

QStringList labelTypeNames() {
    QStringList names;
    for (const kili::LabelType& type : kili::LabelType::known())
        names.append(type.toString());
    return names;
}

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

QString projects(const QStringList& omitted) {
    return QStringLiteral("query projects($where: ProjectWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: projects(where: $where, first: $first, skip: $skip) { ")
           + select("Project", kProjectFields, omitted) + QStringLiteral(" } }");
}

QString projectsWithInterface(const QStringList& omitted) {
    return QStringLiteral("query projectsWithInterface($where: ProjectWhere!, $first: PageSize!, "
                          "$skip: Int!) { data: projects(where: $where, first: $first, "
                          "skip: $skip) { ")
           + select("Project", kProjectFields, omitted) + QStringLiteral(" jsonInterface } }");
}

QString countProjects() {
    return QStringLiteral("query countProjects($where: ProjectWhere!) { data: "
                          "countProjects(where: $where) }");
}

QString assets(const QStringList& omitted) {
    return QStringLiteral("query assets($where: AssetWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: assets(where: $where, skip: $skip, first: $first) { ")
           + select("Asset", kAssetFields, omitted) + QStringLiteral(" } }");
}

QString assetsWithLabels(const QStringList& omitted) {
    return QStringLiteral("query assetsWithLabels($where: AssetWhere!, $first: PageSize!, "
                          "$skip: Int!) { data: assets(where: $where, skip: $skip, "
                          "first: $first) { ")
           + select("Asset", kAssetFields, omitted) + QStringLiteral(" labels { ")
           + select("Label", kLabelFields, omitted) + QStringLiteral(" } } }");
}

QString countAssets() {
    return QStringLiteral("query countAssets($where: AssetWhere!) { data: "
                          "countAssets(where: $where) }");
}

QString labels(const QStringList& omitted) {
    return QStringLiteral("query labels($where: LabelWhere!, $first: PageSize!, $skip: Int!) "
                          "{ data: labels(where: $where, first: $first, skip: $skip) { ")
           + select("Label", kLabelFields, omitted)
           + QStringLiteral(" labelOf { id externalId } } }");
}

QString countLabels() {
    return QStringLiteral("query countLabels($where: LabelWhere!) { data: "
                          "countLabels(where: $where) }");
}

QString countLabelsByType(const QStringList& typeNames) {
    QStringList variables;
    QStringList fields;
    for (const QString& type : typeNames) {
        variables.append(QStringLiteral("$%1: LabelWhere!, $%1_assets: AssetWhere!").arg(type));
        fields.append(QStringLiteral("%1: countLabels(where: $%1) %1_assets: countAssets(where: "
                                     "$%1_assets)")
                          .arg(type));
    }
    return QStringLiteral("query countLabelsByType(%1) { %2 }")
        .arg(variables.join(QStringLiteral(", ")), fields.join(QLatin1Char(' ')));
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

QList<OperationDocument> all(const QStringList& omitted) {
    const QString query = QStringLiteral("Query");
    const QString mutation = QStringLiteral("Mutation");
    auto document = [](const char* operation, Feature feature, const QString& rootType,
                       const char* rootField, const QString& text) {
        return OperationDocument{QLatin1String(operation), feature, rootType,
                                 QLatin1String(rootField), text};
    };
    return {
        document("signInCheck", Feature::SignIn, query, "viewer", signInCheck()),
        document("me", Feature::SignIn, query, "viewer", viewer()),
        document("apiKeys", Feature::SignIn, query, "apiKeys", apiKeyExpiry()),
        document("projects", Feature::BrowseProjects, query, "projects", projects(omitted)),
        document("countProjects", Feature::BrowseProjects, query, "countProjects", countProjects()),
        document("projectsWithInterface", Feature::ReadInterface, query, "projects",
                 projectsWithInterface(omitted)),
        document("assets", Feature::BrowseAssets, query, "assets", assets(omitted)),
        document("assetsWithLabels", Feature::BrowseAssets, query, "assets",
                 assetsWithLabels(omitted)),
        document("countAssets", Feature::BrowseAssets, query, "countAssets", countAssets()),
        document("labels", Feature::BrowseLabels, query, "labels", labels(omitted)),
        document("countLabels", Feature::BrowseLabels, query, "countLabels", countLabels()),
        document("countLabelsByType", Feature::BrowseLabels, query, "countLabels",
                 countLabelsByType(labelTypeNames())),
        document("appendManyLabels", Feature::Import, mutation, "appendManyLabels",
                 appendManyLabels()),
        document("filterExistingAssets", Feature::Import, query, "filterExistingAssets",
                 filterExistingAssets()),
        document("deleteLabels", Feature::Rollback, mutation, "deleteLabels", deleteLabels()),
    };
}

QStringList optionalFields() {
    QStringList fields;
    addOptional(fields, "Project", kProjectFields);
    addOptional(fields, "Asset", kAssetFields);
    addOptional(fields, "Label", kLabelFields);
    return fields;
}

std::optional<Feature> featureOf(const QString& operation) {
    // Asked at every request: the table is made once.
    static const QHash<QString, Feature> features = [] {
        QHash<QString, Feature> table;
        for (const OperationDocument& document : all())
            table.insert(document.operation, document.feature);
        return table;
    }();
    const auto found = features.constFind(operation);
    if (found == features.constEnd())
        return std::nullopt;
    return *found;
}

} // namespace kili::api::documents
