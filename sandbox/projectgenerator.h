#pragma once

#include <QString>

namespace kili::sandbox {

class AccountStore;
class Database;
class IdGenerator;
class ProjectStore;

// `--generate N`: a new IMAGE classification project of N assets with a realistic mix of labels of
// every type (DEFAULT on labeled assets, REVIEW on reviewed ones, AUTOSAVE on ongoing ones,
// PREDICTION from two models, INFERENCE from one), statuses that agree with the labels, and
// creation times one second apart. Deterministic for a given N. Everything goes in one transaction
// through multi-row prepared INSERTs, so a million assets take seconds, not minutes.
class ProjectGenerator {
public:
    ProjectGenerator(Database& database, ProjectStore& projects, AccountStore& accounts,
                     IdGenerator& ids);

    struct Result {
        QString projectId;
        qint64 assets = 0;
        qint64 labels = 0;
        qint64 elapsedMs = 0;
    };
    // Returns false with a sentence in *error when the database refuses the data.
    bool generate(int assetCount, Result* result, QString* error);

    static QString jsonInterface();

private:
    Database& m_database;
    ProjectStore& m_projects;
    AccountStore& m_accounts;
    IdGenerator& m_ids;
};

} // namespace kili::sandbox
