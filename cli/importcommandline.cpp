#include "cli/importcommandline.h"

#include "predictions/importoptionsfile.h"
#include "predictions/importsettingsstore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

namespace kili::cli {

using namespace kili::predictions;

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

// The mapping and threshold files are small: anything larger is not one.
constexpr qint64 kMaxOptionsFileBytes = 16 * 1024 * 1024;

QByteArray readOptionsFile(const QString& path, QString* error) {
    const QString problem = inputPathProblem(path);
    QFile file(path);
    if (!problem.isEmpty() || QFileInfo(path).isDir()) {
        *error =
            problem.isEmpty() ? QStringLiteral("%1 is a folder, not a file").arg(path) : problem;
        return {};
    }
    if (file.size() > kMaxOptionsFileBytes || !file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read %1 (%2)")
                .arg(path, file.size() > kMaxOptionsFileBytes ? QStringLiteral("larger than 16 MB")
                                                              : file.errorString());
        return {};
    }
    return file.readAll();
}

void addMapFile(const QString& path, CategoryMap& map, QStringList& errors) {
    QString error;
    const QByteArray bytes = readOptionsFile(path, &error);
    const std::optional<CategoryMap> read =
        error.isEmpty() ? parseCategoryMap(bytes, path, &error) : std::nullopt;
    if (!read) {
        errors << error;
        return;
    }
    for (auto job = read->cbegin(); job != read->cend(); ++job)
        map[job.key()].insert(*job);
}

// --map, --no-saved-map: the files and pairs given, else the desk's saved mapping.
void readMapping(const QStringList& values, bool noSaved, ImportRequest& request,
                 QStringList& errors) {
    CategoryMap& map = request.scan.categoryMap;
    for (const QString& value : values) {
        if (QFileInfo(value).isFile())
            addMapFile(value, map, errors);
        else if (!addMapping(value, map))
            errors << QStringLiteral("--map \"%1\" is neither a mapping file nor NAME=KEY "
                                     "(or JOB:NAME=KEY)")
                          .arg(value);
    }
    if (values.isEmpty() && !noSaved)
        map = ImportSettingsStore(request.settings.projectId).categoryMapping();
}

// --min-confidence N or CLASS=N, --thresholds FILE.
void readMinimums(const QStringList& values, const QString& thresholds, ImportRequest& request,
                  QStringList& errors) {
    if (!thresholds.isEmpty()) {
        QString error;
        const QByteArray bytes = readOptionsFile(thresholds, &error);
        const std::optional<ClassMinimums> read =
            error.isEmpty() ? parseThresholds(bytes, thresholds, &error) : std::nullopt;
        if (read)
            request.scan.classMinimums = *read;
        else
            errors << error;
    }
    for (const QString& value : values) {
        bool number = false;
        const double overall = value.toDouble(&number);
        if (number && overall >= 0 && overall <= 100)
            request.scan.minConfidence = overall;
        else if (number || !addClassMinimum(value, request.scan.classMinimums))
            errors << QStringLiteral("--min-confidence \"%1\" is neither a number from 0 to 100 "
                                     "nor CLASS=N")
                          .arg(value);
    }
}

} // namespace

QString inputPathProblem(const QString& path) {
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1 does not exist; check the path").arg(path);
    if (!info.isFile() && !info.isDir())
        return QStringLiteral("%1 is not a regular file or folder (a pipe or a device); save "
                              "the predictions to a file first")
            .arg(path);
    return {};
}

ImportCommandLine ImportCommandLine::parse(const QStringList& arguments) {
    ImportCommandLine line;
    QCommandLineParser parser;
    const QCommandLineOption model(o("model"), o("model name"), o("NAME"));
    const QCommandLineOption labelType(o("label-type"), o("PREDICTION or INFERENCE"), o("TYPE"),
                                       o("PREDICTION"));
    const QCommandLineOption format(o("format"), o("input format"), o("F"), o("auto"));
    const QCommandLineOption targetJob(o("target-job"), o("YOLO target job"), o("JOB"));
    const QCommandLineOption classes(o("classes"), o("YOLO classes file"), o("FILE"));
    const QCommandLineOption cocoDataset(o("coco-dataset"), o("COCO dataset of a results list"),
                                         o("FILE"));
    const QCommandLineOption overwrite(o("overwrite"), o("replace earlier labels of this model"));
    const QCommandLineOption dryRun(o("dry-run"), o("stop after the plan"));
    const QCommandLineOption skipInvalid(o("skip-invalid"), o("send the valid items anyway"));
    const QCommandLineOption scale(o("scale-confidence"), o("multiply 0-1 confidences by 100"));
    const QCommandLineOption report(o("report"), o("JSON report file"), o("FILE"));
    const QCommandLineOption map(o("map"), o("category mapping"), o("FILE|NAME=KEY"));
    const QCommandLineOption noSavedMap(o("no-saved-map"), o("ignore the desk's mapping"));
    const QCommandLineOption minimum(o("min-confidence"), o("minimum confidence"), o("N|CLASS=N"));
    const QCommandLineOption thresholds(o("thresholds"), o("per-class minimums"), o("FILE"));
    parser.addOptions({model, labelType, format, targetJob, classes, cocoDataset, overwrite, dryRun,
                       skipInvalid, scale, report, map, noSavedMap, minimum, thresholds});
    if (!parser.parse(QStringList{o("import")} + arguments)) {
        line.errors << parser.errorText();
        return line;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        line.showUsage = true;
        return line;
    }
    ImportRequest& request = line.request;
    request.settings.projectId = positional.first();
    request.settings.modelName = parser.value(model);
    request.settings.labelType = kili::LabelType::fromString(parser.value(labelType).toUpper());
    if (request.settings.labelType.kind() != kili::LabelType::Prediction
        && request.settings.labelType.kind() != kili::LabelType::Inference)
        line.errors << QStringLiteral("--label-type must be PREDICTION or INFERENCE, not \"%1\"")
                           .arg(parser.value(labelType));
    if (request.settings.modelName.isEmpty())
        line.errors << o("--model NAME is required: Kili keeps predictions per model name");
    request.settings.overwrite = parser.isSet(overwrite);
    const auto chosen = formatFromName(parser.value(format));
    if (!chosen)
        line.errors << QStringLiteral("unknown --format \"%1\" (one of %2)")
                           .arg(parser.value(format), formatNames().join(QStringLiteral(", ")));
    request.scan.format = chosen.value_or(PredictionFormat::Auto);
    request.scan.targetJob = parser.value(targetJob);
    request.scan.classesFile = parser.value(classes);
    request.scan.cocoDataset = parser.value(cocoDataset);
    request.scan.scaleConfidence = parser.isSet(scale);
    request.dryRun = parser.isSet(dryRun);
    request.skipInvalid = parser.isSet(skipInvalid);
    line.reportPath = parser.value(report);
    readMapping(parser.values(map), parser.isSet(noSavedMap), request, line.errors);
    readMinimums(parser.values(minimum), parser.value(thresholds), request, line.errors);
    // A path that is not there, or not a file or folder (a FIFO would block the read forever),
    // is a mistake on the command line, found before any request.
    request.inputs = positional.mid(1);
    for (const QString& path :
         request.inputs + QStringList{request.scan.classesFile, request.scan.cocoDataset})
        line.errors << inputPathProblem(path);
    line.errors.removeAll(QString());
    return line;
}

} // namespace kili::cli
