#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace kili::api {

// What a person can do with a server; each needs some of the client's GraphQL documents
// (documents::all() says which).
enum class Feature {
    SignIn,
    BrowseProjects,
    ReadInterface,
    BrowseAssets,
    BrowseLabels,
    Import,
    Rollback,
};

// "Import", as the desk's menus and the CLI's messages name the feature.
QString featureName(Feature feature);
// What a person cannot do without it: "predictions cannot be imported".
QString featureConsequence(Feature feature);

// One client document that does not validate against a server's schema.
struct DocumentProblem {
    Feature feature = Feature::SignIn;
    QString operation; // "appendManyLabels"
    // The root field the document asks for is not in the server's schema at all.
    bool rootFieldMissing = false;
    QString rootField; // "appendManyLabels"
    QString message;   // "Unknown argument \"where\" on field \"Mutation.appendManyLabels\" (…)"
};

// What a server's API offers this client, as the schema check found it. A ServerApi that was
// never checked (the default, or when the schema could not be had) offers everything: the client
// then just sends, as it would without a check.
class ServerApi {
public:
    ServerApi() = default;
    ServerApi(QString serverVersion, QList<DocumentProblem> problems, QStringList omittedFields);

    bool isChecked() const { return m_checked; }
    QString serverVersion() const { return m_serverVersion; }
    const QList<DocumentProblem>& problems() const { return m_problems; }

    bool offers(Feature feature) const;
    // The features with at least one problem, in the order of documents::all().
    QList<Feature> unavailableFeatures() const;
    // "This server no longer offers appendManyLabels, so predictions cannot be imported; the rest
    // works. Server version 2.130." Empty when the feature is offered.
    QString whyUnavailable(Feature feature) const;
    // One sentence per unavailable feature.
    QStringList messages() const;
    // The first unavailable one of `features`, if any.
    std::optional<Feature> firstUnavailable(const QList<Feature>& features) const;

    // Selected fields the server no longer has ("Label.honeypotMark"): the documents leave them
    // out, and what shows them shows nothing, instead of the whole feature failing.
    const QStringList& omittedFields() const { return m_omittedFields; }
    bool omits(const QString& typeAndField) const { return m_omittedFields.contains(typeAndField); }

private:
    bool m_checked = false;
    QString m_serverVersion;
    QList<DocumentProblem> m_problems;
    QStringList m_omittedFields;
};

} // namespace kili::api
