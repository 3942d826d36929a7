// `kili-desk-cli import`'s options read into an ImportRequest: the model and label type, the
// format, the category mapping (--map FILE or [JOB:]NAME=KEY, else the mapping the desk saved
// for the project unless --no-saved-map), the minimum confidences (--min-confidence N or
// CLASS=N, --thresholds FILE) and the input paths, each checked before any request.
#pragma once

#include "predictions/predictionimport.h"

#include <QStringList>

namespace kili::cli {

struct ImportCommandLine {
    predictions::ImportRequest request;
    QString reportPath;
    // Set when the command line is wrong: what to print (one sentence per problem).
    QStringList errors;
    // The usage line is what to show (not enough arguments).
    bool showUsage = false;

    static ImportCommandLine parse(const QStringList& arguments);
};

// Why `path` cannot be read as an input (it does not exist, or is a pipe or a device), or empty
// when it can or when no path was given.
QString inputPathProblem(const QString& path);

} // namespace kili::cli
