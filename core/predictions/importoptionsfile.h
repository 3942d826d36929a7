// The files an import takes beside its predictions: a category mapping (file class names →
// category keys of the interface) and per-class minimum confidences (thresholds). Parsed from
// bytes so that a fuzzer reaches them; every problem names the file and, for CSV, the line.
//
// Mapping, as JSON:  {"car": "CAR", …}                    (every job)
//                    {"OBJECT_DETECTION_JOB": {"car": "CAR"}, …}   (per job)
//           or CSV:  name,KEY  or  job,name,KEY  per line (a header line, blank lines and
//                    lines starting with # are skipped)
// Thresholds, JSON:  {"CAR": 60, …}  or  {"JOB": {"CAR": 60}, …}  (0–100), optionally inside
//                    {"thresholds": …}
#pragma once

#include "predictions/responsefilter.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace kili::predictions {

std::optional<CategoryMap> parseCategoryMap(const QByteArray& bytes, const QString& fileName,
                                            QString* error);
std::optional<ClassMinimums> parseThresholds(const QByteArray& bytes, const QString& fileName,
                                             QString* error);

// "[JOB:]NAME=KEY" from the command line into `map` (job "*" without JOB:); false when it is
// not of that form.
bool addMapping(const QString& text, CategoryMap& map);
// "CLASS=N" into `minimums`; false when it is not of that form or N is not within 0–100.
bool addClassMinimum(const QString& text, ClassMinimums& minimums);

} // namespace kili::predictions
