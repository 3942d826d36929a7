#pragma once

#include <QStringList>

namespace kili::sandbox {

class Database;
class ProjectFileLoader;

// `--seed demo`: the three bundled demo projects (resources/demo, compiled in), loaded with the
// same loader as `--load`. A database that was seeded once is not seeded again.
class DemoSeed {
public:
    DemoSeed(Database& database, ProjectFileLoader& loader);

    static QStringList projectFiles();
    bool seed(QStringList* projectIds, QString* error);

private:
    Database& m_database;
    ProjectFileLoader& m_loader;
};

} // namespace kili::sandbox
