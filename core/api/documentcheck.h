#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace kili::graphql {
class Schema;
}

namespace kili::api {

// One client document that does not validate against a server's schema.
struct DocumentProblem {
    QString feature;   // "Import"
    QString operation; // "appendManyLabels"
    QString message;   // "Field \"appendManyLabels\" argument \"data\" … (line 1, column 40)"
};

// Validates every document of documents::all() against `schema` with kiligraphql.
QList<DocumentProblem> checkDocuments(const kili::graphql::Schema& schema);

// The features that have at least one problem, in the order of documents::all().
QStringList unavailableFeatures(const QList<DocumentProblem>& problems);

// One sentence per unavailable feature: "Import is unavailable: the server's API no longer matches
// this client's appendManyLabels request (Unknown argument "x"…). Update Kili Desk."
QStringList describeProblems(const QList<DocumentProblem>& problems);

} // namespace kili::api
