#include "cli/evaluationtable.h"

#include "cli/clioutput.h"

#include <algorithm>

namespace kili::cli {

using namespace kili::evaluation;

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

QString right(const QString& text, int width) {
    return printable(text).rightJustified(width, QLatin1Char(' '), true);
}

QString fraction(double value) {
    return QString::number(value, 'f', 3);
}

QString fraction(const std::optional<double>& value) {
    return value ? fraction(*value) : o("-");
}

int nameWidth(const EvaluationReport& report) {
    int width = 12;
    for (const ClassFigures& figures : report.classes)
        width = std::max(width, int(printable(figures.name).size()) + 2);
    return std::min(width, 32);
}

void printCounts(QTextStream& out, const Counts& counts, bool withTruth) {
    out << right(withTruth ? QString::number(counts.truth) : QString(), 7)
        << right(withTruth ? QString::number(counts.predicted) : QString(), 7)
        << right(QString::number(counts.tp), 7) << right(QString::number(counts.fp), 7)
        << right(QString::number(counts.fn), 7) << right(fraction(counts.precision()), 11)
        << right(fraction(counts.recall()), 8) << right(fraction(counts.f1()), 8);
}

void printClasses(QTextStream& out, const EvaluationReport& report) {
    const bool ranked = report.kind == EvaluationKind::ObjectDetection;
    const int width = nameWidth(report);
    out << cell(o("CLASS"), width) << right(o("TRUTH"), 7) << right(o("PRED"), 7)
        << right(o("TP"), 7) << right(o("FP"), 7) << right(o("FN"), 7) << right(o("PRECISION"), 11)
        << right(o("RECALL"), 8) << right(o("F1"), 8);
    if (ranked)
        out << right(o("AP50"), 8) << right(o("AP"), 8);
    out << "\n";
    for (const ClassFigures& figures : report.classes) {
        out << cell(figures.name, width);
        printCounts(out, figures.counts, true);
        if (ranked)
            out << right(fraction(figures.ap50), 8) << right(fraction(figures.ap), 8);
        out << "\n";
    }
    out << cell(o("overall"), width);
    printCounts(out, report.overall, true);
    if (ranked)
        out << right(fraction(report.map50), 8) << right(fraction(report.map), 8);
    out << "\n";
    if (ranked)
        out << "(overall AP50 and AP are COCO's mAP50 and mAP over the classes with truth "
               "objects)\n";
    if (report.accuracy)
        out << "accuracy " << fraction(*report.accuracy) << "\n";
}

void printConfusion(QTextStream& out, const ConfusionMatrix& confusion) {
    int width = 8;
    for (const QString& label : confusion.labels)
        width = std::max(width, int(printable(label).size()) + 2);
    width = std::min(width, 24);
    out << "\nConfusion (rows: truth, columns: prediction)\n" << cell(QString(), width);
    for (const QString& label : confusion.labels)
        out << right(label, width);
    out << "\n";
    for (qsizetype row = 0; row < confusion.labels.size(); ++row) {
        out << cell(confusion.labels[row], width);
        for (int count : confusion.cells[std::size_t(row)])
            out << right(QString::number(count), width);
        out << "\n";
    }
}

void printAssets(QTextStream& out, const EvaluationReport& report) {
    out << "\n"
        << cell(o("EXTERNAL ID"), 32) << right(o("TP"), 6) << right(o("FP"), 6) << right(o("FN"), 6)
        << "\n";
    for (const AssetFigures& asset : report.perAsset) {
        out << cell(asset.externalId.isEmpty() ? asset.assetId : asset.externalId, 32)
            << right(QString::number(asset.counts.tp), 6)
            << right(QString::number(asset.counts.fp), 6)
            << right(QString::number(asset.counts.fn), 6) << "\n";
    }
}

} // namespace

void printEvaluation(QTextStream& out, const EvaluationReport& report) {
    printClasses(out, report);
    printConfusion(out, report.confusion);
    printAssets(out, report);
}

} // namespace kili::cli
