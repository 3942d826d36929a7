#pragma once

#include <QList>
#include <QString>

// Every GraphQL document this client sends, in one place, so that a test and the schema check on
// connect can validate all of them against a schema. Root fields are aliased `data` like the SDK.
namespace kili::api::documents {

struct OperationDocument {
    QString operation; // "assets"
    QString feature;   // what stops working when it no longer validates: "Browse assets"
    QString text;
};

QString viewer();
QString signInCheck();
QString apiKeyExpiry();
QString projects();
QString projectsWithInterface();
QString countProjects();
QString assets();
QString assetsWithLabels();
QString countAssets();
QString labels();
QString countLabels();
QString appendManyLabels();
QString deleteLabels();
QString filterExistingAssets();

QList<OperationDocument> all();

} // namespace kili::api::documents
