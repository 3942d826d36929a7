#pragma once

#include "api/serverapi.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// Every GraphQL document this client sends, in one place, so that a test and the schema check on
// connect can validate all of them against a schema. Root fields are aliased `data` like the SDK.
//
// `omitted` lists selected fields a server no longer has ("Label.honeypotMark", see
// optionalFields()): the documents leave them out so that the feature keeps working without them.
namespace kili::api::documents {

struct OperationDocument {
    QString operation; // "assets"
    Feature feature;   // what stops working when it no longer validates
    QString rootType;  // "Query" or "Mutation"
    QString rootField; // "assets"
    QString text;
};

QString viewer();
QString signInCheck();
QString apiKeyExpiry();
QString projects(const QStringList& omitted = {});
QString projectsWithInterface(const QStringList& omitted = {});
QString countProjects();
QString assets(const QStringList& omitted = {});
QString assetsWithLabels(const QStringList& omitted = {});
QString countAssets();
QString labels(const QStringList& omitted = {});
QString countLabels();
// countLabels and countAssets once per label type in one request: `TYPE: countLabels(where: $TYPE)`
// and `TYPE_assets: countAssets(where: $TYPE_assets)` for each of `typeNames` ("DEFAULT"…).
QString countLabelsByType(const QStringList& typeNames);
QString appendManyLabels();
QString deleteLabels();
QString filterExistingAssets();

// The names of LabelType::known(), as countLabelsByType() takes them.
QStringList labelTypeNames();

QList<OperationDocument> all(const QStringList& omitted = {});

// The selected fields a feature can live without, as "Type.field": when a server lacks one, the
// documents leave it out instead of the feature being disabled.
QStringList optionalFields();

// The feature an operation ("appendManyLabels") belongs to; nullopt for an operation that is not
// one of all()'s (introspection).
std::optional<Feature> featureOf(const QString& operation);

} // namespace kili::api::documents
