// `kili-desk-cli evaluate`'s options, each checked before any request: the project, the model
// (or the files) to evaluate, the job, the truth's label types or the other model, the IoU and
// the minimum confidence.
#pragma once

#include "domain/labeltype.h"
#include "evaluation/labelselector.h"

#include <QStringList>

namespace kili::cli {

struct EvaluateCommandLine {
    QString projectId;
    QString jobName; // empty: the interface's only evaluable job
    kili::evaluation::LabelChoice choice;
    double iou = 0.5;
    double minConfidence = 0;
    QStringList files; // predictions read from files instead of the project's labels
    bool json = false;
    // Set when the command line is wrong: one sentence per problem.
    QStringList errors;
    bool showUsage = false;

    static QString usage();
    static EvaluateCommandLine parse(const QStringList& arguments);
    // "DEFAULT, REVIEW labels" or "the labels of model M", for headings and messages.
    QString truthDescription() const;
};

} // namespace kili::cli
