// `kili-desk-cli evaluate` without --json: the figures as tables a person reads in a terminal.
#pragma once

#include "evaluation/evaluationreport.h"

#include <QTextStream>

namespace kili::cli {

// The per-class table with the overall line, the confusion matrix and the per-asset table.
void printEvaluation(QTextStream& out, const kili::evaluation::EvaluationReport& report);

} // namespace kili::cli
