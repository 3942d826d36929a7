// kili-desk-cli evaluate: a model's predictions (or a prediction file) against the human labels
// of a project, with the core's evaluation (COCO's rules for objects).
#include "api/connection.h"
#include "api/labeljobs.h"
#include "cli/clioutput.h"
#include "cli/clirunner.h"
#include "cli/evaluatecommandline.h"
#include "cli/evaluationtable.h"
#include "domain/interface.h"
#include "domain/project.h"
#include "evaluation/evaluation.h"
#include "predictions/importsettingsstore.h"
#include "predictions/predictionimport.h"
#include "predictions/predictionscanner.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace kili::cli {

using kili::predictions::PredictionImport;
using namespace kili::evaluation;

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

// How many problems of a prediction file are printed before a summary line.
constexpr qsizetype kShownProblems = 20;
constexpr int kLargePage = 500;
constexpr int kSafePage = 100;

QString jobList(const kili::Interface& interface, bool evaluableOnly) {
    QStringList jobs;
    for (const kili::Job& job : interface.jobs()) {
        if (!evaluableOnly || evaluationKind(job))
            jobs << QStringLiteral("%1 (%2)").arg(job.name, job.mlTask);
    }
    return jobs.isEmpty() ? o("none") : jobs.join(QStringLiteral(", "));
}

// The job to evaluate: the one named, or the interface's only evaluable one. Null after setting
// `error` to why not.
const kili::Job* chooseJob(const kili::Interface& interface, const kili::Project& project,
                           const QString& name, QString* error) {
    if (!name.isEmpty()) {
        const kili::Job* job = interface.job(name);
        if (!job)
            *error = QStringLiteral("project %1 has no job \"%2\"; its jobs: %3")
                         .arg(project.id, name, jobList(interface, false));
        else if (!evaluationKind(*job))
            *error = QStringLiteral("job %1 is a %2 job, which evaluate cannot score (it "
                                    "scores classification, object detection and named "
                                    "entities); evaluable jobs of project %3: %4")
                         .arg(job->name, job->mlTask, project.id, jobList(interface, true));
        return error->isEmpty() ? job : nullptr;
    }
    const kili::Job* only = nullptr;
    int evaluable = 0;
    for (const kili::Job& job : interface.jobs()) {
        if (evaluationKind(job) && ++evaluable == 1)
            only = interface.job(job.name);
    }
    if (evaluable == 1)
        return only;
    *error = evaluable == 0
                 ? QStringLiteral("project %1 has no job evaluate can score (classification, "
                                  "object detection, named entities); its jobs: %2")
                       .arg(project.id, jobList(interface, false))
                 : QStringLiteral("project %1 has %2 jobs evaluate can score; choose one with "
                                  "--job: %3")
                       .arg(project.id)
                       .arg(evaluable)
                       .arg(jobList(interface, true));
    return nullptr;
}

QString modelsSentence(const LabelSelector& selector) {
    QStringList models;
    for (const ModelLabels& seen : selector.models())
        models << QStringLiteral("%1 (%2, %3 label%4)")
                      .arg(seen.model, seen.type.toString())
                      .arg(seen.labels)
                      .arg(seen.labels == 1 ? QString() : o("s"));
    if (models.isEmpty())
        return o("the project has no PREDICTION or INFERENCE label of any model (`kili-desk-cli "
                 "import` adds some)");
    return QStringLiteral("its models: %1").arg(models.join(QStringLiteral(", ")));
}

// A model that has no label of the type asked for: what to say, or empty when it has some.
QString missingModel(const QString& model, kili::LabelType type, const LabelSelector& selector,
                     const QString& projectId, const QString& option) {
    for (const ModelLabels& seen : selector.models()) {
        if (seen.model == model && seen.type == type)
            return {};
    }
    return QStringLiteral("%1 \"%2\" has no %3 label in project %4; %5")
        .arg(option, model, type.toString(), projectId, modelsSentence(selector));
}

struct FilePredictions {
    int read = 0;
    int notEvaluated = 0; // on assets without a truth label, or not in the project
};

// Reads the prediction files with the import's own scanner (same checks, the desk's saved
// category mapping, YOLO boxes into the evaluated job), so that a file scores what it would
// once imported; each asset's last prediction in the files is its prediction.
FilePredictions readFiles(const EvaluateCommandLine& line, const kili::Interface& interface,
                          const kili::Job& job, std::vector<LabelledAsset>& assets,
                          QTextStream& err) {
    kili::predictions::ScanOptions options;
    options.targetJob = job.name;
    options.categoryMap = kili::predictions::ImportSettingsStore(line.projectId).categoryMapping();
    kili::predictions::PredictionScanner scanner(interface, options);
    scanner.scan(line.files);
    const kili::predictions::ScanResult result = scanner.takeResult();
    for (qsizetype i = 0; i < qMin(result.problems.size(), kShownProblems); ++i)
        err << printable(result.problems.at(i).toText()) << "\n";
    if (result.problems.size() > kShownProblems)
        err << "… and " << result.problems.size() - kShownProblems << " more problems\n";
    if (result.invalidItems > 0)
        err << result.invalidItems
            << " invalid predictions are left out, as an import with --skip-invalid would\n";
    QHash<QString, std::size_t> byId;
    for (std::size_t i = 0; i < assets.size(); ++i) {
        byId.insert(QStringLiteral("a:") + assets[i].assetId, i);
        byId.insert(QStringLiteral("e:") + assets[i].externalId, i);
    }
    FilePredictions counted;
    for (const kili::predictions::PredictionItem& item : result.items) {
        ++counted.read;
        const auto found =
            byId.constFind(item.assetId.isEmpty() ? QStringLiteral("e:") + item.externalId
                                                  : QStringLiteral("a:") + item.assetId);
        if (found == byId.constEnd()) {
            ++counted.notEvaluated;
            continue;
        }
        assets[*found].prediction = QJsonDocument::fromJson(item.jsonResponse).object();
    }
    return counted;
}

QJsonObject reportJson(const EvaluationReport& report, const EvaluateCommandLine& line,
                       const kili::Job& job) {
    QJsonObject json = report.toJson();
    json.insert(o("job"), job.name);
    json.insert(o("iou"), line.iou); // the one asked for, whatever the kind
    json.insert(o("model"), line.choice.model);
    json.insert(o("labelType"), line.choice.predictionType.toString());
    if (!line.choice.truthModel.isEmpty()) {
        json.insert(o("againstModel"), line.choice.truthModel);
    } else {
        QJsonArray types;
        for (const kili::LabelType& type : line.choice.truthTypes)
            types.append(type.toString());
        json.insert(o("truth"), types);
    }
    if (!line.files.isEmpty())
        json.insert(o("files"), QJsonArray::fromStringList(line.files));
    return json;
}

} // namespace

bool CliRunner::readEvaluationLabels(const QString& projectId, LabelSelector& selector,
                                     const QList<kili::LabelType>& types) {
    kili::api::LabelFilter filter;
    filter.projectId = projectId;
    filter.labelTypes = types;
    // One read of the project's labels, each page sorted out as it arrives and dropped. Pages of
    // 500 where the server accepts them, else Kili's documented 100 (the import's asset lookups
    // do the same): a server that refuses the size says so on the first page.
    for (const int pageSize : {kLargePage, kSafePage}) {
        kili::api::LabelsJob job(m_connection.get(), filter);
        job.setPageSize(pageSize);
        connect(&job, &kili::api::LabelsJob::pageReceived, this,
                [&](const QList<kili::Label>& page, int) {
                    for (const kili::Label& label : page)
                        selector.add(label);
                    if (m_progress)
                        m_err << "\rlabels: " << job.receivedCount() << " read" << Qt::flush;
                });
        const bool ok = runToEnd(job);
        if (m_progress)
            m_err << "\r                                        \r" << Qt::flush;
        if (ok)
            return true;
        if (pageSize == kSafePage || job.receivedCount() > 0
            || job.error().kind != kili::api::ApiError::GraphQL) {
            failure(job.error().message);
            return false;
        }
    }
    return false;
}

int CliRunner::evaluate(const QStringList& arguments) {
    const EvaluateCommandLine line = EvaluateCommandLine::parse(arguments);
    if (line.showUsage)
        return usageError(EvaluateCommandLine::usage());
    if (!line.errors.isEmpty())
        return usageError(line.errors.join(QStringLiteral("\n")));
    // An evaluation reads the interface and the labels; a file's predictions are read locally.
    if (!serverOffers({kili::api::Feature::ReadInterface, kili::api::Feature::BrowseLabels}))
        return PredictionImport::UsageOrConnection;
    const std::optional<kili::Project> project = findProject(line.projectId);
    if (!project)
        return PredictionImport::UsageOrConnection;
    QString error;
    const kili::Interface interface = project->interface(&error);
    if (!error.isEmpty())
        return failure(error);
    const kili::Job* job = chooseJob(interface, *project, line.jobName, &error);
    if (!job)
        return failure(error);

    LabelSelector selector(line.choice);
    QList<kili::LabelType> types = {kili::LabelType::Prediction, kili::LabelType::Inference};
    if (line.choice.truthModel.isEmpty())
        types += line.choice.truthTypes;
    if (!readEvaluationLabels(project->id, selector, types))
        return PredictionImport::UsageOrConnection;
    if (!line.choice.truthModel.isEmpty())
        error = missingModel(line.choice.truthModel, line.choice.predictionType, selector,
                             project->id, o("--against-model"));
    if (error.isEmpty() && line.files.isEmpty())
        error = missingModel(line.choice.model, line.choice.predictionType, selector, project->id,
                             o("model"));
    if (!error.isEmpty())
        return failure(error);
    std::vector<LabelledAsset> assets = selector.assets();
    if (assets.empty())
        return failure(QStringLiteral("no asset of project %1 has %2 to compare with; "
                                      "--truth chooses other label types")
                           .arg(project->id, line.truthDescription()));
    if (!line.files.isEmpty()) {
        for (LabelledAsset& asset : assets)
            asset.prediction.reset();
        const FilePredictions read = readFiles(line, interface, *job, assets, m_err);
        if (read.notEvaluated > 0)
            m_err << read.notEvaluated << " of the " << read.read
                  << " predictions in the files are on assets without " << line.truthDescription()
                  << " (or not in the project): not counted\n";
    }
    const EvaluationReport report = Evaluation(*job, assets, line.iou).report(line.minConfidence);
    if (line.json) {
        m_out << QJsonDocument(reportJson(report, line, *job)).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << "Job " << printable(job->name) << " (" << job->mlTask << ") of project " << project->id
          << ": "
          << printable(line.files.isEmpty() ? QStringLiteral("model ") + line.choice.model
                                            : line.files.join(QStringLiteral(", ")))
          << " against " << printable(line.truthDescription()) << ", " << report.assets
          << " assets";
    if (report.kind == EvaluationKind::ObjectDetection)
        m_out << ", IoU " << line.iou;
    if (line.minConfidence > 0)
        m_out << ", confidence at least " << line.minConfidence;
    m_out << "\n\n";
    printEvaluation(m_out, report);
    return 0;
}

} // namespace kili::cli
