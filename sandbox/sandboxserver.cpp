#include "sandboxserver.h"

#include "accountstore.h"
#include "apiroutes.h"
#include "assetstore.h"
#include "database.h"
#include "demoseed.h"
#include "faultinjector.h"
#include "filterbuilder.h"
#include "graphqlservice.h"
#include "ids.h"
#include "issuestore.h"
#include "issuewriter.h"
#include "labelstore.h"
#include "labelwriter.h"
#include "projectfileloader.h"
#include "projectgenerator.h"
#include "projectstore.h"
#include "sandboxhttpserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QSqlQuery>

static void initSandboxResources() {
    // Resources of a static library must be registered by hand.
    Q_INIT_RESOURCE(sandbox);
}

namespace kili::sandbox {

namespace {

const QString apiKeyMeta = QStringLiteral("api_key");

QString metaValue(Database& database, const QString& key) {
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

void setMetaValue(Database& database, const QString& key, const QString& value) {
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    query.exec();
}

} // namespace

struct SandboxServer::Parts {
    std::unique_ptr<Database> database;
    IdGenerator ids;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<ProjectStore> projects;
    std::unique_ptr<FilterBuilder> filters;
    std::unique_ptr<AssetStore> assets;
    std::unique_ptr<LabelStore> labels;
    std::unique_ptr<LabelWriter> labelWriter;
    std::unique_ptr<IssueStore> issues;
    std::unique_ptr<IssueWriter> issueWriter;
    std::unique_ptr<GraphQLService> graphql;
    std::unique_ptr<ApiRoutes> routes;
    std::unique_ptr<FaultInjector> faults;
    std::unique_ptr<SandboxHttpServer> http;
    QString apiKey;
    QHostAddress address;
    quint16 port = 0;
    QStringList createdProjects;
};

SandboxServer::SandboxServer(SandboxOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , d(std::make_unique<Parts>()) {
    initSandboxResources();
    d->faults = std::make_unique<FaultInjector>(m_options);
}

SandboxServer::~SandboxServer() {
    // The HTTP server goes first: nothing may reach the stores while they are torn down.
    d->http.reset();
}

bool SandboxServer::isLoopbackHost(const QString& host, QString* error) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    if (!address.isNull() && address.isLoopback())
        return true;
    *error = QStringLiteral("kili-sandbox only listens on a loopback address (127.0.0.1, ::1 or "
                            "localhost), and \"%1\" is not one: the sandbox is a test server with "
                            "a single API key and no TLS. Use --host 127.0.0.1.")
                 .arg(host);
    return false;
}

bool SandboxServer::start(QString* error) {
    if (d->http) {
        *error =
            QStringLiteral("This sandbox is already running on %1.").arg(graphqlUrl().toString());
        return false;
    }
    if (!isLoopbackHost(m_options.host, error))
        return false;
    d->address = m_options.host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                     ? QHostAddress(QHostAddress::LocalHost)
                     : QHostAddress(m_options.host);

    d->database = Database::open(m_options.dbPath, error);
    if (!d->database)
        return false;
    d->accounts = std::make_unique<AccountStore>(*d->database, d->ids);
    d->projects = std::make_unique<ProjectStore>(*d->database, d->ids);
    d->filters = std::make_unique<FilterBuilder>(*d->projects, *d->accounts);
    d->assets = std::make_unique<AssetStore>(*d->database, *d->projects, *d->accounts, *d->filters);
    d->labels = std::make_unique<LabelStore>(*d->database, *d->projects, *d->accounts, *d->filters);
    d->labelWriter = std::make_unique<LabelWriter>(*d->database, *d->projects, *d->accounts,
                                                   *d->filters, d->ids);
    d->issues = std::make_unique<IssueStore>(*d->database, *d->projects, *d->accounts, *d->filters);
    d->issueWriter = std::make_unique<IssueWriter>(*d->database, *d->projects, *d->filters, d->ids);

    const auto user = d->accounts->defaultUser(error);
    if (!user)
        return false;
    d->apiKey = m_options.apiKey;
    if (d->apiKey.isEmpty())
        d->apiKey = metaValue(*d->database, apiKeyMeta); // a file database keeps its key
    if (d->apiKey.isEmpty())
        d->apiKey = generateApiKey();
    const QString expiry = isoTimestamp(QDateTime::currentDateTimeUtc().addYears(1));
    if (!d->accounts->replaceApiKeys(user->seq, d->apiKey, QStringLiteral("kili-sandbox"), expiry,
                                     error))
        return false;
    setMetaValue(*d->database, apiKeyMeta, d->apiKey);

    ProjectFileLoader loader(*d->database, *d->projects, *d->accounts, *d->labelWriter, d->ids);
    if (m_options.seedDemo) {
        DemoSeed seed(*d->database, loader);
        if (!seed.seed(&d->createdProjects, error))
            return false;
    }
    for (const QString& file : std::as_const(m_options.loadFiles)) {
        QString projectId;
        if (!loader.loadFile(file, &projectId, error))
            return false;
        d->createdProjects.append(projectId);
    }
    if (m_options.generateAssets > 0) {
        ProjectGenerator generator(*d->database, *d->projects, *d->accounts, d->ids);
        ProjectGenerator::Result result;
        if (!generator.generate(m_options.generateAssets, &result, error))
            return false;
        d->createdProjects.append(result.projectId);
    }

    SandboxStores stores{*d->accounts,    *d->projects, *d->assets,      *d->labels,
                         *d->labelWriter, *d->issues,   *d->issueWriter, m_options.maxPageSize};
    QueryCostLimits costLimits;
    costLimits.maxCost = m_options.maxQueryCost;
    costLimits.defaultPageSize = m_options.maxPageSize;
    d->graphql = GraphQLService::create(stores, costLimits, m_options.withoutSchema, error);
    if (!d->graphql)
        return false;
    d->routes = std::make_unique<ApiRoutes>(*d->accounts, *d->assets, *d->graphql, m_options);
    auto http = std::make_unique<SandboxHttpServer>(*d->routes, *d->faults);
    const quint16 port = http->listenOn(d->address, m_options.port);
    if (port == 0) {
        *error = QStringLiteral("kili-sandbox could not listen on %1 port %2: the port is taken "
                                "or not allowed. Pick another with --port, or 0 for any free port.")
                     .arg(m_options.host)
                     .arg(m_options.port);
        return false;
    }
    d->port = port;
    d->http = std::move(http);
    d->assets->setFileUrlBase(baseUrl().toString() + QStringLiteral("/files/"));
    return true;
}

QUrl SandboxServer::baseUrl() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(d->address.isNull() ? QStringLiteral("127.0.0.1") : d->address.toString());
    url.setPort(d->port);
    url.setPath(QString::fromLatin1(ApiRoutes::basePath));
    return url;
}

QUrl SandboxServer::graphqlUrl() const {
    QUrl url = baseUrl();
    url.setPath(url.path() + QStringLiteral("/graphql"));
    return url;
}

quint16 SandboxServer::port() const {
    return d->port;
}

QString SandboxServer::apiKey() const {
    return d->apiKey;
}

QStringList SandboxServer::createdProjectIds() const {
    return d->createdProjects;
}

QStringList SandboxServer::projectIds() const {
    QStringList ids;
    if (!d->projects)
        return ids;
    QList<ProjectRecord> all;
    QString error;
    d->projects->list({}, 1 << 30, 0, &all, &error);
    for (const ProjectRecord& project : std::as_const(all))
        ids.append(project.id);
    return ids;
}

FaultInjector& SandboxServer::faults() {
    return *d->faults;
}

} // namespace kili::sandbox
