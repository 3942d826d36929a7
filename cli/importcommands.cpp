// kili-desk-cli import, resume, rollback and imports.
#include "api/connection.h"
#include "cli/clioutput.h"
#include "cli/clirunner.h"
#include "cli/importcommandline.h"
#include "predictions/importrollback.h"
#include "predictions/kiliapibackend.h"
#include "predictions/predictionimport.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace kili::cli {

using namespace kili::predictions;
using kili::api::Feature;

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

QString duration(double seconds) {
    if (seconds < 0)
        return o("?");
    const int s = int(seconds + 0.5);
    return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1s").arg(s);
}

// An import whose plan holds any error (an invalid item, or a whole file refused: a YOLO file
// without its target job, a format that is not recognised) did not do what was asked: it never
// ends with Success, even where a stage reported the problem without counting an invalid item.
int exitCodeOf(const PredictionImport& import) {
    const int code = import.exitCode();
    if (code != PredictionImport::Success)
        return code;
    const QList<Problem>& problems = import.plan().problems;
    const bool refusedSomething =
        std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return p.isError(); });
    return refusedSomething ? int(PredictionImport::InvalidItems) : code;
}

// Prints an import's problems, its summary and (with --report) the JSON report; returns the exit
// code.
int finishImport(PredictionImport& import, QTextStream& out, QTextStream& err,
                 const QString& reportPath, bool printProblems) {
    const int exitCode = exitCodeOf(import);
    if (!import.errorString().isEmpty())
        err << "kili-desk-cli: " << printable(import.errorString(), true) << "\n";
    const ImportReport& report = import.report();
    if (printProblems) {
        const QList<Problem>& problems = import.plan().problems;
        const qsizetype shown = qMin<qsizetype>(problems.size(), 200);
        for (qsizetype i = 0; i < shown; ++i)
            err << printable(problems.at(i).toText()) << "\n";
        if (problems.size() > shown)
            err << "… and " << (problems.size() - shown)
                << " more problem(s); --report FILE lists them all\n";
    }
    for (const QString& warning : report.warnings) {
        if (warning.startsWith(QLatin1String("every confidence")))
            err << "warning: " << printable(warning, true) << "\n";
    }
    for (const QString& error : report.errors)
        err << "error: " << printable(error, true) << "\n";
    if (import.stage() == PredictionImport::Stage::Done && import.errorString().isEmpty())
        out << printable(report.summaryText(), true) << "\n";
    if (exitCode == PredictionImport::InvalidItems && report.dryRun && !report.invalid.isEmpty())
        err << "Nothing was sent. Fix the items above, or add --skip-invalid to send the valid "
               "ones.\n";
    if (!reportPath.isEmpty()) {
        QFile file(reportPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            err << "kili-desk-cli: cannot write the report " << reportPath << " ("
                << file.errorString() << ")\n";
        } else {
            file.write(QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented));
        }
    }
    out.flush();
    err.flush();
    return exitCode;
}

void connectProgress(PredictionImport& import, QTextStream& err, bool live) {
    if (!live)
        return;
    QObject::connect(&import, &PredictionImport::readProgress, &import, [&err](qint64 read) {
        err << "\rreading: " << read << " predictions" << Qt::flush;
    });
    QObject::connect(
        &import, &PredictionImport::stageChanged, &import, [&err](PredictionImport::Stage stage) {
            if (stage == PredictionImport::Stage::Matching)
                err << "\rmatching asset ids…                              " << Qt::flush;
            else if (stage == PredictionImport::Stage::Verifying)
                err << "\rchecking batches in doubt on the server…        " << Qt::flush;
            else if (stage == PredictionImport::Stage::Done)
                err << "\r                                                    \r" << Qt::flush;
        });
    QObject::connect(&import, &PredictionImport::uploadProgress, &import,
                     [&err](const UploadProgress& progress) {
                         err << "\rupload: " << progress.done << "/" << progress.total
                             << " predictions  " << int(progress.itemsPerSecond) << "/s  ETA "
                             << duration(progress.etaSeconds) << "   " << Qt::flush;
                     });
}

int runImport(PredictionImport& import, const std::function<void()>& start) {
    QEventLoop loop;
    QObject::connect(&import, &PredictionImport::finished, &loop, &QEventLoop::quit);
    start();
    if (import.stage() != PredictionImport::Stage::Done)
        loop.exec();
    return import.exitCode();
}

} // namespace

int CliRunner::importFiles(const QStringList& arguments) {
    const ImportCommandLine line = ImportCommandLine::parse(arguments);
    if (line.showUsage)
        return usageError(o("usage: import PROJECT_ID --model NAME [options] FILE|DIR..."));
    if (line.errors.size() == 1)
        return usageError(line.errors.first());
    if (!line.errors.isEmpty()) {
        for (const QString& error : line.errors)
            m_err << "kili-desk-cli: " << printable(error) << "\n";
        m_err.flush();
        return PredictionImport::UsageOrConnection;
    }
    QList<Feature> needed{Feature::ReadInterface, Feature::BrowseAssets};
    if (!line.request.dryRun)
        needed.append(Feature::Import);
    if (!serverOffers(needed))
        return PredictionImport::UsageOrConnection;
    KiliApiBackend backend(m_connection.get());
    PredictionImport import(backend);
    connectProgress(import, m_err, m_progress);
    runImport(import, [&] { import.start(line.request); });
    return finishImport(import, m_out, m_err, line.reportPath, true);
}

int CliRunner::resume(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption report(o("report"), o("JSON report file"), o("FILE"));
    parser.addOption(report);
    if (!parser.parse(QStringList{o("resume")} + arguments)
        || parser.positionalArguments().size() != 1)
        return usageError(o("usage: resume IMPORT_ID [--report FILE]"));
    // A wrong id, or an import made on another server, is said before the server is asked
    // anything (resume() checks both again, with the journal locked).
    QString error;
    const auto journal = ImportJournal::read(parser.positionalArguments().first(), &error);
    if (journal)
        error = journal->otherServerError(m_connection->serverName());
    if (!error.isEmpty())
        return failure(error);
    if (!serverOffers({Feature::ReadInterface, Feature::BrowseAssets, Feature::Import}))
        return PredictionImport::UsageOrConnection;

    KiliApiBackend backend(m_connection.get());
    PredictionImport import(backend);
    connectProgress(import, m_err, m_progress);
    runImport(import, [&] { import.resume(parser.positionalArguments().first()); });
    return finishImport(import, m_out, m_err, parser.value(report), false);
}

int CliRunner::rollback(const QStringList& arguments) {
    if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-')))
        return usageError(o("usage: rollback IMPORT_ID"));
    QString error;
    auto journal = ImportJournal::open(arguments.first(), &error);
    if (journal)
        error = journal->otherServerError(m_connection->serverName());
    if (!error.isEmpty())
        return failure(error);
    if (!serverOffers({Feature::Rollback}))
        return PredictionImport::UsageOrConnection;
    KiliApiBackend backend(m_connection.get());
    ImportRollback rollback(*journal, backend);
    QEventLoop loop;
    bool success = false;
    connect(&rollback, &ImportRollback::finished, &loop, [&](bool ok) {
        success = ok;
        loop.quit();
    });
    rollback.start();
    loop.exec();
    for (const QString& problem : rollback.errors())
        m_err << "error: " << printable(problem, true) << "\n";
    m_out << "Rolled back import " << arguments.first() << ": " << rollback.deletedCount()
          << " label(s) deleted\n";
    m_out.flush();
    m_err.flush();
    return success ? 0 : PredictionImport::BatchesFailed;
}

int CliRunner::imports(const QStringList& arguments) {
    const bool json = arguments == QStringList{o("--json")};
    if (!arguments.isEmpty() && !json)
        return usageError(o("usage: imports [--json]"));
    const QList<JournalSummary> summaries = ImportJournal::list();
    if (json) {
        QJsonArray array;
        for (const JournalSummary& summary : summaries) {
            array.append(QJsonObject{{o("importId"), summary.importId},
                                     {o("projectId"), summary.projectId},
                                     {o("server"), summary.server},
                                     {o("modelName"), summary.modelName},
                                     {o("createdAt"), summary.createdAt.toString(Qt::ISODate)},
                                     {o("items"), summary.items},
                                     {o("created"), summary.created},
                                     {o("inDoubt"), summary.inDoubt},
                                     {o("state"), summary.state}});
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (summaries.isEmpty()) {
        m_out << "No imports recorded in " << ImportJournal::directory() << "\n";
        return 0;
    }
    m_out << cell(o("IMPORT"), 24) << cell(o("CREATED"), 21) << cell(o("SERVER"), 24)
          << cell(o("PROJECT"), 28) << cell(o("MODEL"), 20) << cell(o("LABELS"), 14) << "STATE\n";
    for (const JournalSummary& summary : summaries) {
        m_out << cell(summary.importId, 24) << cell(summary.createdAt.toString(Qt::ISODate), 21)
              << cell(summary.server, 24) << cell(summary.projectId, 28)
              << cell(summary.modelName, 20)
              << cell(QStringLiteral("%1/%2").arg(summary.created).arg(summary.items), 14)
              << summary.state << "\n";
    }
    return 0;
}

} // namespace kili::cli
