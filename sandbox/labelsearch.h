#pragma once

#include "sqlcondition.h"

#include <QString>

namespace kili::sandbox {

// Kili's label `search` filter: `JOB.CATEGORY.count OP N` terms (OP one of == >= <= > <) joined by
// AND / OR with parentheses, e.g. `(JOB_0.A.count > 0 OR NER.B.count > 0) AND BBOX.C.count > 10`.
// A category is counted each time it appears in a `categories` list under the job, whether the
// job is a classification (one list) or has annotations (one list per annotation).
class LabelSearch {
public:
    // Appends one SQL condition over `jsonColumn`; false with a sentence naming the position of
    // the problem when the expression does not parse.
    static bool toSql(const QString& expression, const QString& jsonColumn, SqlCondition& out,
                      QString* error);
};

} // namespace kili::sandbox
