#include "demoseed.h"

#include "database.h"
#include "projectfileloader.h"

#include <QFile>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

const QString demoDir = QStringLiteral(":/kili/sandbox/demo");
const QString seededMeta = QStringLiteral("demo_seeded");

} // namespace

DemoSeed::DemoSeed(Database& database, ProjectFileLoader& loader)
    : m_database(database)
    , m_loader(loader) {}

QStringList DemoSeed::projectFiles() {
    return {QStringLiteral("porsche-or-tesla.json"), QStringLiteral("street-objects.json"),
            QStringLiteral("news-entities.json")};
}

bool DemoSeed::seed(QStringList* projectIds, QString* error) {
    {
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
        query.addBindValue(seededMeta);
        if (query.exec() && query.next())
            return true;
    }
    for (const QString& name : projectFiles()) {
        const QString path = demoDir + QLatin1Char('/') + name;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("The demo project %1 is missing from the sandbox's resources.")
                         .arg(name);
            return false;
        }
        QString projectId;
        if (!m_loader.load(file.readAll(), name, demoDir, &projectId, error))
            return false;
        projectIds->append(projectId);
    }
    QSqlQuery mark(m_database.connection());
    mark.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')"));
    mark.addBindValue(seededMeta);
    mark.exec();
    return true;
}

} // namespace kili::sandbox
