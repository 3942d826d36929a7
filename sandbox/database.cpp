#include "database.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace kili::sandbox {

namespace {

QAtomicInteger<quint32> connectionCounter;

// Ordering everywhere is creation order: (created_at, seq) for labels, the rowid breaking ties,
// and for assets their `position` in the project (1, 2, ... in creation order; assets are never
// deleted), so that a page of a whole project is an index seek (position > skip) rather than an
// OFFSET that steps over `skip` rows. The indexes end with the ordering column so SQLite walks
// them in that order (the rowid is implicitly the last column of every index) and never sorts.
const char* const schemaStatements[] = {
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS users("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, email TEXT NOT NULL UNIQUE,"
    " firstname TEXT, lastname TEXT, organization_id TEXT, organization_role TEXT,"
    " activated INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS api_keys("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL UNIQUE, name TEXT,"
    " user_seq INTEGER NOT NULL, created_at TEXT NOT NULL, expiry_date TEXT,"
    " revoked INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS projects("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, description TEXT,"
    " input_type TEXT NOT NULL, json_interface TEXT NOT NULL, instructions TEXT,"
    " archived INTEGER NOT NULL DEFAULT 0, workflow_version TEXT NOT NULL DEFAULT 'V1',"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    // content_kind: 0 = content as stored (URL or text), 1 = bytes in asset_files,
    // 2 = the shared placeholder image of generated projects.
    "CREATE TABLE IF NOT EXISTS assets("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, project_seq INTEGER NOT NULL,"
    " position INTEGER NOT NULL, external_id TEXT NOT NULL, content TEXT NOT NULL, content_kind "
    "INTEGER NOT NULL DEFAULT 0,"
    " json_metadata TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL DEFAULT 'TODO',"
    " is_honeypot INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,"
    " priority INTEGER NOT NULL DEFAULT 0, consensus_mark REAL, honeypot_mark REAL,"
    " inference_mark REAL, width REAL, height REAL,"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS assets_by_project ON assets(project_seq, position)",
    "CREATE INDEX IF NOT EXISTS assets_by_creation ON assets(project_seq, created_at)",
    "CREATE INDEX IF NOT EXISTS assets_by_external_id ON assets(project_seq, external_id)",
    "CREATE TABLE IF NOT EXISTS asset_files("
    " asset_seq INTEGER PRIMARY KEY, mime TEXT NOT NULL, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS labels("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, asset_seq INTEGER NOT NULL,"
    " project_seq INTEGER NOT NULL, label_type TEXT NOT NULL, json_response TEXT NOT NULL,"
    " model_name TEXT, author_seq INTEGER NOT NULL, created_at TEXT NOT NULL,"
    " seconds_to_label REAL, client_version INTEGER, referenced_label_id TEXT,"
    " honeypot_mark REAL, inference_mark REAL, number_of_annotations INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS labels_by_asset ON labels(asset_seq, created_at)",
    "CREATE INDEX IF NOT EXISTS labels_by_project ON labels(project_seq, created_at)",
    "CREATE INDEX IF NOT EXISTS labels_by_project_type ON labels(project_seq, label_type, "
    "created_at)",
    // Workflow steps of a project (Project.steps). Where an asset stands in them is not stored:
    // it follows from its status (see WorkflowSteps), so the two can never disagree.
    "CREATE TABLE IF NOT EXISTS project_steps("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, project_seq INTEGER NOT NULL,"
    " position INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS asset_assignees("
    " asset_seq INTEGER NOT NULL, user_seq INTEGER NOT NULL, PRIMARY KEY(asset_seq, user_seq))",
    // An ISSUE points at a label (label_id) and optionally one of its annotations (object_mid);
    // a QUESTION at its asset only.
    "CREATE TABLE IF NOT EXISTS issues("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, project_seq INTEGER NOT NULL,"
    " asset_seq INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, text TEXT,"
    " author_seq INTEGER, created_at TEXT NOT NULL, label_id TEXT, object_mid TEXT,"
    " updated_at TEXT)",
    "CREATE INDEX IF NOT EXISTS issues_by_asset ON issues(asset_seq, type, status)",
    "CREATE INDEX IF NOT EXISTS issues_by_project ON issues(project_seq, type, status)",
};

// Columns added after the first release: a database file written before them gets them when it
// is opened (CREATE TABLE IF NOT EXISTS leaves an existing table as it is).
struct AddedColumn {
    const char* table;
    const char* column;
    const char* type;
};
const AddedColumn addedColumns[] = {
    {"issues", "label_id", "TEXT"},
    {"issues", "object_mid", "TEXT"},
    {"issues", "updated_at", "TEXT"},
};

} // namespace

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path)) {}

Database::~Database() {
    // Removing the last handle deletes the driver, which closes its SQLite connection, whichever
    // thread opened it (QSqlDatabase::database() would refuse another thread's connection).
    const QMutexLocker lock(&m_mutex);
    for (const QString& name : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(name);
}

std::unique_ptr<Database> Database::open(const QString& path, QString* error) {
    const QString name =
        QStringLiteral("kili-sandbox-%1").arg(connectionCounter.fetchAndAddOrdered(1));
    std::unique_ptr<Database> database(new Database(name, path));
    const QString first = name + QStringLiteral("-0");
    if (!database->openConnection(first, error))
        return nullptr;
    database->m_connections.insert(QThread::currentThread(), first);
    if (path != QLatin1String(":memory:")
        && !database->exec(QStringLiteral("PRAGMA journal_mode=WAL"), error))
        return nullptr;
    if (!database->createSchema(error))
        return nullptr;
    return database;
}

bool Database::openConnection(const QString& name, QString* error) const {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (m_path == QLatin1String(":memory:")) {
        // The leading "/" makes the memdb database shared by name within the process.
        db.setDatabaseName(QStringLiteral("file:/%1?vfs=memdb").arg(m_connectionName));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI"));
    } else {
        db.setDatabaseName(m_path);
    }
    if (!db.open()) {
        *error = QStringLiteral("Could not open the sandbox database %1: %2. Check that the "
                                "folder exists and is writable, or use --db :memory:.")
                     .arg(m_path, db.lastError().text());
        return false;
    }
    // Per connection: another writer's lock is waited for, not reported as "database is locked".
    const QStringList pragmas = {
        QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("PRAGMA temp_store=MEMORY"),
        QStringLiteral("PRAGMA cache_size=-65536"), QStringLiteral("PRAGMA busy_timeout=5000")};
    for (const QString& pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma)) {
            *error = QStringLiteral("The sandbox database %1 refused \"%2\": %3")
                         .arg(m_path, pragma, query.lastError().text());
            return false;
        }
    }
    return true;
}

QSqlDatabase Database::connection() const {
    QThread* thread = QThread::currentThread();
    const QMutexLocker lock(&m_mutex);
    auto known = m_connections.constFind(thread);
    if (known != m_connections.constEnd())
        return QSqlDatabase::database(*known, false);
    const QString name =
        m_connectionName + QLatin1Char('-') + QString::number(m_connections.size());
    QString error;
    if (!openConnection(name, &error))
        qWarning("kili-sandbox: %s", qUtf8Printable(error));
    m_connections.insert(thread, name);
    return QSqlDatabase::database(name, false);
}

bool Database::exec(const QString& sql, QString* error) const {
    QSqlQuery query(connection());
    if (query.exec(sql))
        return true;
    if (error) {
        *error = QStringLiteral("The sandbox database %1 refused \"%2\": %3")
                     .arg(m_path, sql.left(80), query.lastError().text());
    }
    return false;
}

bool Database::count(const QString& from, const SqlCondition& condition, const QString& what,
                     int* out, QString* error) const {
    *out = 0;
    if (condition.impossible)
        return true;
    QSqlQuery query(connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM ") + from + condition.whereClause());
    for (const QVariant& value : condition.values)
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("The sandbox database failed while counting %1: %2")
                     .arg(what, query.lastError().text());
        return false;
    }
    *out = query.value(0).toInt();
    return true;
}

bool Database::createSchema(QString* error) const {
    Transaction transaction(connection());
    for (const char* statement : schemaStatements) {
        if (!exec(QString::fromLatin1(statement), error))
            return false;
    }
    if (!addMissingColumns(error))
        return false;
    return transaction.commit();
}

bool Database::addMissingColumns(QString* error) const {
    for (const AddedColumn& added : addedColumns) {
        QSqlQuery info(connection());
        if (!info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(QLatin1String(added.table)))) {
            *error = QStringLiteral("The sandbox database %1 could not describe its table %2: %3")
                         .arg(m_path, QLatin1String(added.table), info.lastError().text());
            return false;
        }
        bool present = false;
        while (info.next())
            present = present || info.value(1).toString() == QLatin1String(added.column);
        if (!present
            && !exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3")
                         .arg(QLatin1String(added.table), QLatin1String(added.column),
                              QLatin1String(added.type)),
                     error))
            return false;
    }
    return true;
}

Transaction::Transaction(const QSqlDatabase& db)
    : m_db(db) {
    m_active = m_db.transaction();
}

Transaction::~Transaction() {
    if (m_active)
        m_db.rollback();
}

bool Transaction::commit() {
    if (!m_active)
        return false;
    m_active = false;
    return m_db.commit();
}

} // namespace kili::sandbox
