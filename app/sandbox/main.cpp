// kili-sandbox: a local Kili-compatible GraphQL server (see sandbox/sandboxserver.h).
#include "kiliversion.h"
#include "sandbox/sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop (the only async-signal-safe way: a byte on a pipe).
void quitOnSignals(QCoreApplication& app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

bool parseRate(const QString& text, const char* option, double* out) {
    bool ok = false;
    *out = text.toDouble(&ok);
    if (!ok || *out < 0 || *out > 1) {
        std::fprintf(stderr,
                     "kili-sandbox: %s takes a share between 0 and 1 (e.g. 0.1), got \"%s\".\n",
                     option, qUtf8Printable(text));
        return false;
    }
    return true;
}

bool parseCount(const QString& text, const char* option, int* out) {
    bool ok = false;
    *out = text.toInt(&ok);
    if (!ok || *out < 0) {
        std::fprintf(stderr, "kili-sandbox: %s takes a whole number >= 0, got \"%s\".\n", option,
                     qUtf8Printable(text));
        return false;
    }
    return true;
}

QString defaultDatabase() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("sandbox.sqlite"));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kili-sandbox"));
    QCoreApplication::setOrganizationName(QStringLiteral("kili-desk"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kili::build::versionAndCommit));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local Kili-compatible GraphQL server: SQLite storage, API-key auth, demo projects, "
        "generated projects and fault injection, on loopback only."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Loopback address to bind."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port (0 = any free port)."), QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("SQLite file, or :memory:. Default: a file in the "
                                               "user's data folder."),
                                QStringLiteral("file"));
    const QCommandLineOption apiKey(
        QStringLiteral("api-key"),
        QStringLiteral("API key to accept (default: generated, printed)."), QStringLiteral("key"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("\"demo\": the demo projects."),
                                  QStringLiteral("what"));
    const QCommandLineOption load(QStringLiteral("load"),
                                  QStringLiteral("Load a PROJECT.json file (repeatable)."),
                                  QStringLiteral("file"));
    const QCommandLineOption generate(QStringLiteral("generate"),
                                      QStringLiteral("Generate a project of N assets with labels."),
                                      QStringLiteral("N"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Latency added to every API answer."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption failRate(QStringLiteral("fail-rate"),
                                      QStringLiteral("Share of requests answered 500/502/503."),
                                      QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption dropRate(QStringLiteral("drop-rate"),
                                      QStringLiteral("Share of connections closed without answer."),
                                      QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption lostAnswerRate(
        QStringLiteral("lost-answer-rate"),
        QStringLiteral("Share of requests handled whose answer is then lost (connection closed)."),
        QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
                                       QStringLiteral("Calls per minute before 429 (0 = none)."),
                                       QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption rateWindow(
        QStringLiteral("rate-window-ms"),
        QStringLiteral("Length of the --rate-limit window (default 60000: a minute)."),
        QStringLiteral("N"), QStringLiteral("60000"));
    const QCommandLineOption maxPageSize(QStringLiteral("max-page-size"),
                                         QStringLiteral("Largest `first` accepted (default 500)."),
                                         QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption maxQueryCost(
        QStringLiteral("max-query-cost"),
        QStringLiteral("Largest cost of one GraphQL document, as sent in x-complexity (default "
                       "200000); costlier documents are refused before they run."),
        QStringLiteral("N"), QStringLiteral("200000"));
    const QCommandLineOption slowCommit(
        QStringLiteral("slow-commit-ms"),
        QStringLiteral("Carry out every mutation MS after it arrived (a slow backend: a client "
                       "that times out and checks at once finds nothing yet)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption faultSeed(
        QStringLiteral("fault-seed"),
        QStringLiteral("Seed of the fault injection's random choices (default: random), so that "
                       "a faulty run can be repeated."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption withoutSchema(
        QStringLiteral("without-schema"),
        QStringLiteral("Serve the schema without this field or argument (Type.field or "
                       "Type.field(argument); repeatable): a server whose API moved, to try what "
                       "a client does then."),
        QStringLiteral("ELEMENT"));
    parser.addOptions({slowCommit, faultSeed, withoutSchema});
    parser.addOptions({host, port, db, apiKey, seed, load, generate, latency, failRate, dropRate,
                       lostAnswerRate, rateLimit, rateWindow, maxPageSize, maxQueryCost});
    parser.process(app);

    kili::sandbox::SandboxOptions options;
    options.host = parser.value(host);
    options.dbPath = parser.isSet(db) ? parser.value(db) : defaultDatabase();
    options.apiKey = parser.value(apiKey);
    options.loadFiles = parser.values(load);
    options.withoutSchema = parser.values(withoutSchema);
    int number = 0;
    if (!parseCount(parser.value(port), "--port", &number) || number > 65535)
        return 2;
    options.port = static_cast<quint16>(number);
    if (!parseCount(parser.value(latency), "--latency-ms", &options.latencyMs)
        || !parseCount(parser.value(rateLimit), "--rate-limit", &options.rateLimitPerMinute)
        || !parseCount(parser.value(maxPageSize), "--max-page-size", &options.maxPageSize)
        || !parseRate(parser.value(failRate), "--fail-rate", &options.failRate)
        || !parseRate(parser.value(dropRate), "--drop-rate", &options.dropRate)
        || !parseRate(parser.value(lostAnswerRate), "--lost-answer-rate", &options.lostAnswerRate)
        || !parseCount(parser.value(rateWindow), "--rate-window-ms", &options.rateWindowMs)
        || !parseCount(parser.value(slowCommit), "--slow-commit-ms", &options.slowCommitMs)
        || !parseCount(parser.value(maxQueryCost), "--max-query-cost", &number))
        return 2;
    options.maxQueryCost = number;
    if (!parseCount(parser.value(faultSeed), "--fault-seed", &number))
        return 2;
    options.faultSeed = quint32(number);
    if (parser.isSet(generate)
        && !parseCount(parser.value(generate), "--generate", &options.generateAssets))
        return 2;
    if (parser.isSet(seed)) {
        if (parser.value(seed) != QLatin1String("demo")) {
            std::fprintf(stderr, "kili-sandbox: --seed only knows \"demo\", got \"%s\".\n",
                         qUtf8Printable(parser.value(seed)));
            return 2;
        }
        options.seedDemo = true;
    }

    kili::sandbox::SandboxServer server(options);
    QString error;
    QElapsedTimer timer;
    timer.start();
    if (!server.start(&error)) {
        std::fprintf(stderr, "kili-sandbox: %s\n", qUtf8Printable(error));
        return 1;
    }
    if (options.generateAssets > 0) {
        std::fprintf(stderr, "kili-sandbox: generated %d assets in %.1f s (project %s)\n",
                     options.generateAssets, timer.elapsed() / 1000.0,
                     qUtf8Printable(server.createdProjectIds().constLast()));
    }
    std::printf("GraphQL endpoint: %s\n", qUtf8Printable(server.graphqlUrl().toString()));
    std::printf("API key: %s\n", qUtf8Printable(server.apiKey()));
    std::fflush(stdout);
    quitOnSignals(app);
    const int status = QCoreApplication::exec();
    std::fprintf(stderr, "kili-sandbox: stopped\n");
    return status;
}
