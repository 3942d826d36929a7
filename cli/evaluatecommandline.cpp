#include "cli/evaluatecommandline.h"

#include "cli/importcommandline.h"
#include "graphql/suggestions.h"

#include <QCommandLineParser>

namespace kili::cli {

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

// A number in [low, high] (low itself excluded when `lowOpen`), or nullopt.
std::optional<double> numberIn(const QString& text, double low, double high, bool lowOpen) {
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value > high || value < low || (lowOpen && value == low))
        return std::nullopt;
    return value;
}

// The truth's label types: human ones only, a model's labels are the truth through
// --against-model (else the evaluated model's own labels would count as its truth).
QList<kili::LabelType> truthTypes(const QString& text, QStringList& errors) {
    QList<kili::LabelType> types;
    for (const QString& name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const kili::LabelType type = kili::LabelType::fromString(name.trimmed().toUpper());
        const bool model =
            type.kind() == kili::LabelType::Prediction || type.kind() == kili::LabelType::Inference;
        if (!type.isKnown() || model)
            errors << QStringLiteral("--truth \"%1\": \"%2\" is not a human label type "
                                     "(DEFAULT, REVIEW, AUTOSAVE)%3")
                          .arg(text, name,
                               model ? o("; to take a model's labels as the truth, use "
                                         "--against-model NAME")
                                     : QString());
        else
            types << type;
    }
    if (types.isEmpty() && errors.isEmpty())
        errors << QStringLiteral("--truth \"%1\" names no label type; give for example "
                                 "DEFAULT,REVIEW")
                      .arg(text);
    return types;
}

// Qt's "Unknown option 'iuo'." with the option it most likely stands for.
QString unknownOptionError(const QCommandLineParser& parser,
                           const QList<QCommandLineOption>& options) {
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.isEmpty())
        return parser.errorText();
    QStringList known;
    for (const QCommandLineOption& option : options)
        known << option.names();
    const QStringList near = kili::graphql::suggestionList(unknown.first(), known);
    QString message = QStringLiteral("evaluate has no option --%1").arg(unknown.first());
    if (!near.isEmpty())
        message += QStringLiteral("; did you mean --%1?").arg(near.first());
    return message;
}

} // namespace

QString EvaluateCommandLine::usage() {
    return o("usage: evaluate PROJECT_ID --model NAME [--job JOB_ID] [--iou 0.5] "
             "[--truth DEFAULT,REVIEW] [--label-type PREDICTION|INFERENCE] "
             "[--against-model OTHER] [--min-confidence N] [--file FILE...] [--json]");
}

QString EvaluateCommandLine::truthDescription() const {
    if (!choice.truthModel.isEmpty())
        return QStringLiteral("the %1 labels of model %2")
            .arg(choice.predictionType.toString(), choice.truthModel);
    QStringList names;
    for (const kili::LabelType& type : choice.truthTypes)
        names << type.toString();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" labels");
}

EvaluateCommandLine EvaluateCommandLine::parse(const QStringList& arguments) {
    EvaluateCommandLine line;
    QCommandLineParser parser;
    const QCommandLineOption model(o("model"), o("model name"), o("NAME"));
    const QCommandLineOption job(o("job"), o("job to evaluate"), o("JOB_ID"));
    const QCommandLineOption iou(o("iou"), o("IoU threshold"), o("X"), o("0.5"));
    const QCommandLineOption truth(o("truth"), o("truth label types"), o("T,..."),
                                   o("DEFAULT,REVIEW"));
    const QCommandLineOption labelType(o("label-type"), o("PREDICTION or INFERENCE"), o("TYPE"),
                                       o("PREDICTION"));
    const QCommandLineOption against(o("against-model"), o("model taken as the truth"), o("OTHER"));
    const QCommandLineOption minimum(o("min-confidence"), o("minimum confidence"), o("N"), o("0"));
    const QCommandLineOption file(o("file"), o("prediction file"), o("FILE"));
    const QCommandLineOption json(o("json"), o("machine-readable output"));
    const QList<QCommandLineOption> options{model,   job,     iou,  truth, labelType,
                                            against, minimum, file, json};
    parser.addOptions(options);
    if (!parser.parse(QStringList{o("evaluate")} + arguments)) {
        line.errors << unknownOptionError(parser, options);
        return line;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        line.showUsage = true;
        return line;
    }
    line.projectId = positional.takeFirst();
    line.files = parser.values(file);
    // `--file a.json b.json`: the shell's expansion of one --file gives the others.
    if (!line.files.isEmpty())
        line.files += positional;
    else if (!positional.isEmpty())
        line.errors << QStringLiteral("unexpected argument \"%1\"; prediction files go after "
                                      "--file")
                           .arg(positional.first());
    line.jobName = parser.value(job);
    line.json = parser.isSet(json);
    line.choice.model = parser.value(model);
    line.choice.truthModel = parser.value(against);
    if (line.choice.model.isEmpty() && line.files.isEmpty())
        line.errors << o("--model NAME is required (or --file FILE to evaluate a prediction "
                         "file); `kili-desk-cli labels PROJECT_ID --type PREDICTION` shows the "
                         "models");
    if (!line.choice.truthModel.isEmpty() && line.choice.truthModel == line.choice.model)
        line.errors << QStringLiteral("--against-model \"%1\" is the model being evaluated; "
                                      "name another model")
                           .arg(line.choice.truthModel);
    line.choice.predictionType = kili::LabelType::fromString(parser.value(labelType).toUpper());
    if (line.choice.predictionType.kind() != kili::LabelType::Prediction
        && line.choice.predictionType.kind() != kili::LabelType::Inference)
        line.errors << QStringLiteral("--label-type must be PREDICTION or INFERENCE, not \"%1\"")
                           .arg(parser.value(labelType));
    line.choice.truthTypes = truthTypes(parser.value(truth), line.errors);
    if (const auto value = numberIn(parser.value(iou), 0, 1, true))
        line.iou = *value;
    else
        line.errors << QStringLiteral("--iou \"%1\" is not a number above 0 and at most 1 "
                                      "(0.5 is COCO's)")
                           .arg(parser.value(iou));
    if (const auto value = numberIn(parser.value(minimum), 0, 100, false))
        line.minConfidence = *value;
    else
        line.errors << QStringLiteral("--min-confidence \"%1\" is not a number from 0 to 100")
                           .arg(parser.value(minimum));
    for (const QString& path : std::as_const(line.files))
        line.errors << inputPathProblem(path);
    line.errors.removeAll(QString());
    return line;
}

} // namespace kili::cli
