#include "predictions/cli/clirunner.h"

#include "api/connection.h"
#include "api/labeljobs.h"
#include "api/projectjobs.h"
#include "domain/interface.h"
#include "predictions/predictionimport.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>

namespace kili::predictions {

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

// Runs a job to its end inside a local event loop.
bool wait(kili::api::BaseJob* job) {
    QEventLoop loop;
    QObject::connect(job, &kili::api::BaseJob::finished, &loop, &QEventLoop::quit);
    job->start();
    if (!job->isFinished())
        loop.exec();
    return job->state() == kili::api::BaseJob::State::Succeeded;
}

QString pad(const QString& text, int width) {
    return text.leftJustified(width, QLatin1Char(' '), true);
}

} // namespace

CliRunner::CliRunner(QTextStream& out, QTextStream& err, bool progressOnErr, QObject* parent)
    : QObject(parent)
    , m_out(out)
    , m_err(err)
    , m_progress(progressOnErr) {}

CliRunner::~CliRunner() = default;

QString CliRunner::usage() {
    return o("Usage: kili-desk-cli [--endpoint URL] [--api-key KEY] COMMAND [OPTIONS]\n"
             "\n"
             "The endpoint and key also come from KILI_API_ENDPOINT and KILI_API_KEY.\n"
             "\n"
             "Commands:\n"
             "  projects [--json]                      list your projects\n"
             "  interface PROJECT_ID [--json]          show a project's jobs and categories\n"
             "  labels PROJECT_ID [--type T,...] [--model NAME] [--external-id ID] [--json]\n"
             "                                         list labels (types: DEFAULT, PREDICTION,\n"
             "                                         REVIEW, INFERENCE, AUTOSAVE)\n"
             "  import PROJECT_ID --model NAME [--label-type PREDICTION|INFERENCE]\n"
             "         [--format F] [--target-job JOB] [--classes FILE] [--overwrite]\n"
             "         [--dry-run] [--skip-invalid] [--scale-confidence] [--report FILE]\n"
             "         FILE|DIR...                     check, plan and upload predictions\n"
             "                                         (formats: kili, jsonl, json, arrays,\n"
             "                                         yolo_v4, yolo_v5, yolo_v7; auto-detected)\n"
             "  resume IMPORT_ID [--report FILE]       finish an interrupted import\n"
             "  rollback IMPORT_ID                     delete the labels an import created\n"
             "  imports [--json]                       list the imports recorded on this computer\n"
             "\n"
             "Exit codes: 0 every item imported or already present; 1 usage, connection or\n"
             "authentication error (an input path that does not exist is a usage error);\n"
             "2 invalid items found, or a file refused or holding no prediction (without\n"
             "--skip-invalid nothing was sent); 3 some batches failed after retries\n"
             "(resume IMPORT_ID finishes them).\n");
}

int CliRunner::usageError(const QString& message) {
    m_err << "kili-desk-cli: " << message << "\n"
          << "Run `kili-desk-cli --help` for the commands and options.\n";
    m_err.flush();
    return PredictionImport::UsageOrConnection;
}

int CliRunner::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption endpoint(o("endpoint"), o("GraphQL endpoint"), o("URL"));
    const QCommandLineOption apiKey(o("api-key"), o("API key"), o("KEY"));
    const QCommandLineOption help({o("h"), o("help")}, o("Show this help"));
    parser.addOptions({endpoint, apiKey, help});
    if (!parser.parse(QStringList{o("kili-desk-cli")} + arguments))
        return usageError(parser.errorText());
    const QStringList rest = parser.positionalArguments();
    if (parser.isSet(help) || rest.isEmpty() || rest.first() == QLatin1String("help")) {
        (rest.isEmpty() && !parser.isSet(help) ? m_err : m_out) << usage();
        return rest.isEmpty() && !parser.isSet(help) ? PredictionImport::UsageOrConnection : 0;
    }
    QUrl url = kili::api::Connection::endpointFromEnvironment();
    if (parser.isSet(endpoint)) {
        url = QUrl(parser.value(endpoint), QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty())
            return usageError(
                QStringLiteral("--endpoint \"%1\" is not a URL").arg(parser.value(endpoint)));
    }
    const QString key =
        parser.isSet(apiKey) ? parser.value(apiKey) : qEnvironmentVariable("KILI_API_KEY");
    m_connection = std::make_unique<kili::api::Connection>(url, key);
    return runCommand(rest.first(), rest.mid(1));
}

int CliRunner::runCommand(const QString& command, const QStringList& arguments) {
    if (command == QLatin1String("imports"))
        return imports(arguments);
    if (!m_connection->hasApiKey() && command != QLatin1String("rollback")
        && command != QLatin1String("resume") && command != QLatin1String("import")
        && command != QLatin1String("projects") && command != QLatin1String("interface")
        && command != QLatin1String("labels")) {
        return usageError(QStringLiteral("unknown command \"%1\"").arg(command));
    }
    if (!m_connection->hasApiKey()) {
        m_err << "kili-desk-cli: no API key; give --api-key KEY or set KILI_API_KEY (create one "
                 "in Kili under My account > API KEY)\n";
        m_err.flush();
        return PredictionImport::UsageOrConnection;
    }
    if (command == QLatin1String("projects"))
        return projects(arguments);
    if (command == QLatin1String("interface"))
        return interface(arguments);
    if (command == QLatin1String("labels"))
        return labels(arguments);
    if (command == QLatin1String("import"))
        return importFiles(arguments);
    if (command == QLatin1String("resume"))
        return resume(arguments);
    return rollback(arguments);
}

int CliRunner::projects(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption json(o("json"), o("machine-readable output"));
    parser.addOption(json);
    if (!parser.parse(QStringList{o("projects")} + arguments)
        || !parser.positionalArguments().isEmpty())
        return usageError(o("usage: projects [--json]"));
    kili::api::ProjectsJob job(m_connection.get());
    if (!wait(&job)) {
        m_err << job.error().message << "\n";
        return PredictionImport::UsageOrConnection;
    }
    const QList<kili::Project> projects = job.projects();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const kili::Project& project : projects) {
            array.append(
                QJsonObject{{o("id"), project.id},
                            {o("title"), project.title},
                            {o("description"), project.description},
                            {o("inputType"), project.inputType},
                            {o("numberOfAssets"), project.numberOfAssets},
                            {o("numberOfRemainingAssets"), project.numberOfRemainingAssets},
                            {o("numberOfReviewedAssets"), project.numberOfReviewedAssets}});
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << pad(o("ID"), 28) << pad(o("TITLE"), 32) << pad(o("TYPE"), 10) << "ASSETS  PROGRESS\n";
    for (const kili::Project& project : projects) {
        m_out << pad(project.id, 28) << pad(project.title, 32) << pad(project.inputType, 10)
              << pad(QString::number(project.numberOfAssets), 8)
              << QString::number(project.progress() * 100, 'f', 0) << "%\n";
    }
    return 0;
}

int CliRunner::interface(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption json(o("json"), o("the jsonInterface as the server sends it"));
    parser.addOption(json);
    if (!parser.parse(QStringList{o("interface")} + arguments)
        || parser.positionalArguments().size() != 1)
        return usageError(o("usage: interface PROJECT_ID [--json]"));
    const QString projectId = parser.positionalArguments().first();
    std::unique_ptr<kili::api::ProjectsJob> job(
        kili::api::ProjectsJob::forProject(m_connection.get(), projectId));
    if (!wait(job.get()) || job->projects().isEmpty()) {
        m_err << (job->projects().isEmpty() && job->error().message.isEmpty()
                      ? QStringLiteral("project %1 does not exist or you do not have access to it")
                            .arg(projectId)
                      : job->error().message)
              << "\n";
        return PredictionImport::UsageOrConnection;
    }
    const kili::Project project = job->projects().first();
    if (parser.isSet(json)) {
        m_out << project.jsonInterface << "\n";
        return 0;
    }
    QString error;
    const kili::Interface interface = project.interface(&error);
    if (!error.isEmpty())
        m_err << "warning: " << error << "\n";
    m_out << project.title << " (" << project.id << ", " << project.inputType << ")\n";
    for (const kili::Job& jobInfo : interface.jobs()) {
        m_out << "  " << jobInfo.name << "  " << jobInfo.mlTask;
        if (!jobInfo.input.isEmpty())
            m_out << " / " << jobInfo.input;
        if (!jobInfo.tools.isEmpty())
            m_out << " [" << jobInfo.tools.join(QStringLiteral(", ")) << "]";
        if (jobInfo.isChild)
            m_out << " (child)";
        if (jobInfo.required)
            m_out << " (required)";
        m_out << "\n";
        for (const kili::Category& category : jobInfo.categories) {
            m_out << "      " << category.key;
            if (category.name != category.key)
                m_out << " \"" << category.name << "\"";
            if (!category.children.isEmpty())
                m_out << " -> " << category.children.join(QStringLiteral(", "));
            m_out << "\n";
        }
    }
    return 0;
}

int CliRunner::labels(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption type(o("type"), o("label types"), o("T,..."));
    const QCommandLineOption model(o("model"), o("model name"), o("NAME"));
    const QCommandLineOption externalId(o("external-id"), o("asset external id"), o("ID"));
    const QCommandLineOption json(o("json"), o("machine-readable output"));
    parser.addOptions({type, model, externalId, json});
    if (!parser.parse(QStringList{o("labels")} + arguments)
        || parser.positionalArguments().size() != 1)
        return usageError(o("usage: labels PROJECT_ID [--type T,...] [--model NAME] "
                            "[--external-id ID] [--json]"));
    kili::api::LabelFilter filter;
    filter.projectId = parser.positionalArguments().first();
    if (parser.isSet(type)) {
        const QStringList types = parser.value(type).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& name : types) {
            const kili::LabelType labelType = kili::LabelType::fromString(name.trimmed().toUpper());
            if (!labelType.isKnown())
                return usageError(QStringLiteral("\"%1\" is not a label type (DEFAULT, PREDICTION, "
                                                 "REVIEW, INFERENCE, AUTOSAVE)")
                                      .arg(name));
            filter.labelTypes << labelType;
        }
    }
    if (parser.isSet(externalId))
        filter.assetExternalIds << parser.value(externalId);
    kili::api::LabelsJob job(m_connection.get(), filter);
    job.setCollect(true);
    if (!wait(&job)) {
        m_err << job.error().message << "\n";
        return PredictionImport::UsageOrConnection;
    }
    QJsonArray array;
    if (!parser.isSet(json))
        m_out << pad(o("ID"), 28) << pad(o("TYPE"), 11) << pad(o("MODEL"), 20)
              << pad(o("ASSET"), 28) << "CREATED\n";
    for (const kili::Label& label : job.labels()) {
        if (parser.isSet(model) && label.modelName != parser.value(model))
            continue;
        if (parser.isSet(json)) {
            array.append(QJsonObject{{o("id"), label.id},
                                     {o("labelType"), label.labelType.toString()},
                                     {o("modelName"), label.modelName},
                                     {o("assetId"), label.assetId},
                                     {o("author"), label.author.email},
                                     {o("createdAt"), label.createdAt.toString(Qt::ISODateWithMs)},
                                     {o("jsonResponse"), label.jsonResponse}});
        } else {
            m_out << pad(label.id, 28) << pad(label.labelType.toString(), 11)
                  << pad(label.modelName, 20) << pad(label.assetId, 28)
                  << label.createdAt.toString(Qt::ISODate) << "\n";
        }
    }
    if (parser.isSet(json))
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace kili::predictions
