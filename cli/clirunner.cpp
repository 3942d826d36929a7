#include "cli/clirunner.h"

#include "api/basejob.h"
#include "api/connection.h"
#include "api/projectjobs.h"
#include "api/schemacheckjob.h"
#include "cli/clioutput.h"
#include "graphql/suggestions.h"
#include "predictions/predictionimport.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QLoggingCategory>

namespace kili::cli {

using kili::predictions::PredictionImport;

struct CliRunner::Command {
    QLatin1String name;
    // Whether the command talks to a server (and so needs an API key).
    bool needsServer;
    int (CliRunner::*run)(const QStringList& arguments);
};

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

} // namespace

CliRunner::CliRunner(QTextStream& out, QTextStream& err, bool progressOnErr, QObject* parent)
    : QObject(parent)
    , m_out(out)
    , m_err(err)
    , m_progress(progressOnErr) {}

CliRunner::~CliRunner() = default;

// Every command by its exact name: anything else is refused before a file or the server is
// touched, so a slip of the hand never runs another command.
const CliRunner::Command* CliRunner::findCommand(const QString& name) {
    static const Command commands[] = {
        {QLatin1String("projects"), true, &CliRunner::projects},
        {QLatin1String("interface"), true, &CliRunner::interface},
        {QLatin1String("labels"), true, &CliRunner::labels},
        {QLatin1String("import"), true, &CliRunner::importFiles},
        {QLatin1String("resume"), true, &CliRunner::resume},
        {QLatin1String("rollback"), true, &CliRunner::rollback},
        {QLatin1String("imports"), false, &CliRunner::imports},
        {QLatin1String("evaluate"), true, &CliRunner::evaluate},
    };
    for (const Command& command : commands) {
        if (name == command.name)
            return &command;
    }
    return nullptr;
}

QStringList CliRunner::commandNames() {
    return {o("projects"), o("interface"), o("labels"),  o("import"),
            o("resume"),   o("rollback"),  o("imports"), o("evaluate")};
}

QString CliRunner::usage() {
    return o("Usage: kili-desk-cli [--endpoint URL] [--api-key KEY] COMMAND [OPTIONS]\n"
             "\n"
             "The endpoint and key also come from KILI_API_ENDPOINT and KILI_API_KEY.\n"
             "\n"
             "Commands:\n"
             "  projects [--json]                      list your projects\n"
             "  interface PROJECT_ID [--json]          show a project's jobs and categories\n"
             "  labels PROJECT_ID [--type T,...] [--model NAME] [--external-id ID]\n"
             "         [--asset-id ID] [--author NAME] [--created-from DATE]\n"
             "         [--created-until DATE] [--json]\n"
             "                                         list labels as they arrive (types:\n"
             "                                         DEFAULT, PREDICTION, REVIEW, INFERENCE,\n"
             "                                         AUTOSAVE; dates as YYYY-MM-DD)\n"
             "  import PROJECT_ID --model NAME [--label-type PREDICTION|INFERENCE]\n"
             "         [--format F] [--target-job JOB] [--classes FILE]\n"
             "         [--coco-dataset FILE] [--overwrite]\n"
             "         [--dry-run] [--skip-invalid] [--scale-confidence] [--report FILE]\n"
             "         [--map FILE|[JOB:]NAME=KEY]... [--no-saved-map]\n"
             "         [--min-confidence N|CLASS=N]... [--thresholds FILE]\n"
             "         FILE|DIR...                     check, plan and upload predictions\n"
             "                                         (formats: kili, jsonl, json, arrays,\n"
             "                                         yolo_v4, yolo_v5, yolo_v7, yolo_v8 (also\n"
             "                                         yolo_v11), coco, voc;\n"
             "                                         auto-detected; a COCO results list needs\n"
             "                                         --coco-dataset, shapes --target-job;\n"
             "                                         without --map, the mapping saved in the\n"
             "                                         desk for the project applies)\n"
             "  resume IMPORT_ID [--report FILE]       finish an interrupted import\n"
             "  rollback IMPORT_ID                     delete the labels an import created\n"
             "  imports [--json]                       list the imports recorded on this computer\n"
             "  evaluate PROJECT_ID --model NAME [--job JOB_ID] [--iou 0.5]\n"
             "         [--truth DEFAULT,REVIEW] [--label-type PREDICTION|INFERENCE]\n"
             "         [--against-model OTHER] [--min-confidence N] [--file FILE...] [--json]\n"
             "                                         score a model's latest labels (or a\n"
             "                                         prediction file) against the latest human\n"
             "                                         labels: per class P/R/F1, COCO AP,\n"
             "                                         confusion, per asset\n"
             "\n"
             "Options: --verbose prints the client's log lines on stderr; --version prints the\n"
             "version.\n"
             "\n"
             "Exit codes: 0 every item imported or already present; 1 usage, connection or\n"
             "authentication error, or a project or import that does not exist (an unknown\n"
             "command, a malformed id or an input path that does not exist is found before any\n"
             "request); 2 invalid items found, or a file refused or holding no prediction\n"
             "(without --skip-invalid nothing was sent); 3 some batches failed after retries\n"
             "(resume IMPORT_ID finishes them).\n");
}

int CliRunner::usageError(const QString& message) {
    m_err << "kili-desk-cli: " << printable(message) << "\n"
          << "Run `kili-desk-cli --help` for the commands and options.\n";
    m_err.flush();
    return PredictionImport::UsageOrConnection;
}

int CliRunner::failure(const QString& message) {
    m_err << "kili-desk-cli: " << printable(message, true) << "\n";
    m_err.flush();
    return PredictionImport::UsageOrConnection;
}

int CliRunner::unknownCommand(const QString& name) {
    const QStringList near = kili::graphql::suggestionList(name, commandNames());
    QString message = QStringLiteral("unknown command \"%1\"").arg(name);
    if (!near.isEmpty())
        message += QStringLiteral("; did you mean \"%1\"?").arg(near.first());
    return usageError(message);
}

int CliRunner::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption endpoint(o("endpoint"), o("GraphQL endpoint"), o("URL"));
    const QCommandLineOption apiKey(o("api-key"), o("API key"), o("KEY"));
    const QCommandLineOption verbose(o("verbose"), o("log lines on stderr"));
    const QCommandLineOption help({o("h"), o("help")}, o("Show this help"));
    parser.addOptions({endpoint, apiKey, verbose, help});
    if (!parser.parse(QStringList{o("kili-desk-cli")} + arguments))
        return usageError(parser.errorText());
    const QStringList rest = parser.positionalArguments();
    if (parser.isSet(help) || rest.isEmpty() || rest.first() == QLatin1String("help")) {
        (rest.isEmpty() && !parser.isSet(help) ? m_err : m_out) << usage();
        return rest.isEmpty() && !parser.isSet(help) ? PredictionImport::UsageOrConnection : 0;
    }
    const Command* command = findCommand(rest.first());
    if (!command)
        return unknownCommand(rest.first());
    // The library's log lines repeat what the command prints as its error: a person reads the
    // sentence once. --verbose brings them back for a bug report.
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(o("kili.*.info=false\nkili.*.debug=false"));
    if (command->needsServer) {
        QUrl url = kili::api::Connection::endpointFromEnvironment();
        if (parser.isSet(endpoint)) {
            url = QUrl(parser.value(endpoint), QUrl::StrictMode);
            if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
                return usageError(
                    QStringLiteral("--endpoint \"%1\" is not a URL").arg(parser.value(endpoint)));
        }
        const QString key =
            parser.isSet(apiKey) ? parser.value(apiKey) : qEnvironmentVariable("KILI_API_KEY");
        if (key.isEmpty())
            return failure(o("no API key; give --api-key KEY or set KILI_API_KEY (create one in "
                             "Kili under My account > API KEY)"));
        m_connection = std::make_unique<kili::api::Connection>(url, key);
    }
    return (this->*command->run)(rest.mid(1));
}

bool CliRunner::runToEnd(kili::api::BaseJob& job) {
    QEventLoop loop;
    QObject::connect(&job, &kili::api::BaseJob::finished, &loop, &QEventLoop::quit);
    job.start();
    if (!job.isFinished())
        loop.exec();
    return job.state() == kili::api::BaseJob::State::Succeeded;
}

bool CliRunner::serverOffers(const QList<kili::api::Feature>& features) {
    kili::api::SchemaCheckJob check(m_connection.get());
    if (!runToEnd(check)) {
        const kili::api::ApiError& error = check.error();
        const bool unreachable = error.kind == kili::api::ApiError::Network
                                 || error.kind == kili::api::ApiError::Timeout
                                 || error.kind == kili::api::ApiError::Tls
                                 || error.kind == kili::api::ApiError::Authentication;
        if (unreachable) {
            failure(error.message);
            return false;
        }
        return true; // no schema to check against: the command runs as it would unchecked
    }
    const kili::api::ServerApi& api = m_connection->serverApi();
    if (const auto missing = api.firstUnavailable(features)) {
        failure(api.whyUnavailable(*missing) + QStringLiteral(" Nothing was sent."));
        return false;
    }
    return true;
}

std::optional<kili::Project> CliRunner::findProject(const QString& projectId) {
    std::unique_ptr<kili::api::ProjectsJob> job(
        kili::api::ProjectsJob::forProject(m_connection.get(), projectId));
    const bool found = runToEnd(*job) && !job->projects().isEmpty();
    if (!found && job->error().kind != kili::api::ApiError::NotFound && job->error().isError()) {
        failure(job->error().message);
        return std::nullopt;
    }
    if (!found) {
        failure(QStringLiteral("project %1 does not exist on %2, or your account has no access "
                               "to it; `kili-desk-cli projects` lists yours")
                    .arg(projectId, m_connection->serverName()));
        return std::nullopt;
    }
    return job->projects().first();
}

} // namespace kili::cli
