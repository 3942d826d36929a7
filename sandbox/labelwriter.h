#pragma once

#include "kilierror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace kili::sandbox {

class AccountStore;
class Database;
class FilterBuilder;
class IdGenerator;
class ProjectStore;

// One label to insert, already resolved to row numbers.
struct NewLabel {
    qint64 assetSeq = -1;
    qint64 projectSeq = -1;
    QString labelType;
    QString jsonResponse;
    QString modelName; // null = none
    qint64 authorSeq = -1;
    QString createdAt; // empty = now
    std::optional<double> secondsToLabel;
    std::optional<int> clientVersion;
    QString referencedLabelId;
    int numberOfAnnotations = -1; // -1 = count them from jsonResponse when inserting
};

// Creates and deletes labels with Kili's rules, each call in one transaction: it either happens
// completely or changes nothing.
class LabelWriter {
public:
    static constexpr int maxLabelsPerCall = 100;

    LabelWriter(Database& database, ProjectStore& projects, AccountStore& accounts,
                const FilterBuilder& filters, IdGenerator& ids);

    // appendManyLabels(data, where). `viewerSeq` authors labels whose authorID is null.
    std::optional<KiliError> append(const QJsonObject& data, const QJsonObject& where,
                                    qint64 viewerSeq, QStringList* createdIds);
    // deleteLabels(ids): only PREDICTION and INFERENCE labels may go.
    std::optional<KiliError> remove(const QStringList& ids, QStringList* deletedIds);

    // Inserts without the API's checks (the caller owns the transaction): seeding and loading.
    bool insert(QList<NewLabel>& labels, QStringList* createdIds, QString* error);
    // Moves asset statuses forward after labels of `labelType` were added (TODO -> LABELED...).
    bool advanceStatuses(const QList<qint64>& assetSeqs, const QString& labelType, QString* error);

    static int countAnnotations(const QJsonObject& jsonResponse);

private:
    Database& m_database;
    // appendManyLabels' stepName: a step of the project that fits the label type.
    std::optional<KiliError> checkStep(const QString& stepName, const QString& labelType,
                                       qint64 projectSeq) const;

    ProjectStore& m_projects;
    AccountStore& m_accounts;
    const FilterBuilder& m_filters;
    IdGenerator& m_ids;
};

} // namespace kili::sandbox
