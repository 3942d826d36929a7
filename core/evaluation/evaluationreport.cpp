#include "evaluation/evaluationreport.h"

#include <QJsonArray>
#include <cmath>

namespace kili::evaluation {

namespace {

double ratio(int part, int whole) {
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

QJsonValue rounded(double value) {
    return std::round(value * 1000) / 1000;
}

QJsonValue rounded(const std::optional<double>& value) {
    return value ? rounded(*value) : QJsonValue(QJsonValue::Null);
}

void addCounts(QJsonObject& object, const Counts& counts, bool withTruth) {
    if (withTruth) {
        object.insert(QStringLiteral("truth"), counts.truth);
        object.insert(QStringLiteral("predicted"), counts.predicted);
    }
    object.insert(QStringLiteral("tp"), counts.tp);
    object.insert(QStringLiteral("fp"), counts.fp);
    object.insert(QStringLiteral("fn"), counts.fn);
}

void addRatios(QJsonObject& object, const Counts& counts) {
    object.insert(QStringLiteral("precision"), rounded(counts.precision()));
    object.insert(QStringLiteral("recall"), rounded(counts.recall()));
    object.insert(QStringLiteral("f1"), rounded(counts.f1()));
}

} // namespace

double Counts::precision() const {
    return ratio(tp, tp + fp);
}

double Counts::recall() const {
    return ratio(tp, tp + fn);
}

double Counts::f1() const {
    return ratio(2 * tp, 2 * tp + fp + fn);
}

void ConfusionMatrix::resize(const QStringList& classes) {
    labels = classes;
    labels.append(kNone);
    cells.assign(std::size_t(labels.size()), std::vector<int>(std::size_t(labels.size()), 0));
}

void ConfusionMatrix::add(int truthClass, int predictedClass, int count) {
    const int none = int(labels.size()) - 1;
    cells[std::size_t(truthClass < 0 ? none : truthClass)]
         [std::size_t(predictedClass < 0 ? none : predictedClass)] += count;
}

void EvaluationReport::setClasses(const QStringList& categories,
                                  const std::vector<Counts>& perCategory,
                                  const std::vector<char>& listed,
                                  const std::vector<std::vector<int>>& confusionCells) {
    std::vector<std::size_t> shown; // confusion index of each listed class, (none) last
    QStringList names;
    for (std::size_t c = 0; c < perCategory.size(); ++c) {
        if (!listed[c])
            continue;
        const Counts& counts = perCategory[c];
        classes.push_back({categories[qsizetype(c)], counts, {}, {}});
        names << categories[qsizetype(c)];
        shown.push_back(c + 1);
        overall.truth += counts.truth;
        overall.predicted += counts.predicted;
        overall.tp += counts.tp;
        overall.fp += counts.fp;
        overall.fn += counts.fn;
    }
    shown.push_back(0);
    confusion.resize(names);
    for (std::size_t row = 0; row < shown.size(); ++row)
        for (std::size_t column = 0; column < shown.size(); ++column)
            confusion.cells[row][column] = confusionCells[shown[row]][shown[column]];
}

QJsonObject EvaluationReport::toJson() const {
    const bool ranked = kind == EvaluationKind::ObjectDetection;
    QJsonArray classArray;
    for (const ClassFigures& figures : classes) {
        QJsonObject object{{QStringLiteral("name"), figures.name}};
        addCounts(object, figures.counts, true);
        addRatios(object, figures.counts);
        if (ranked) {
            object.insert(QStringLiteral("ap50"), rounded(figures.ap50));
            object.insert(QStringLiteral("ap"), rounded(figures.ap));
        }
        classArray.append(object);
    }
    QJsonObject overallObject;
    addCounts(overallObject, overall, false);
    addRatios(overallObject, overall);
    if (ranked) {
        overallObject.insert(QStringLiteral("map50"), rounded(map50));
        overallObject.insert(QStringLiteral("map"), rounded(map));
    }
    if (accuracy)
        overallObject.insert(QStringLiteral("accuracy"), rounded(*accuracy));
    QJsonArray matrix;
    for (const std::vector<int>& row : confusion.cells) {
        QJsonArray cellsOfRow;
        for (int cell : row)
            cellsOfRow.append(cell);
        matrix.append(cellsOfRow);
    }
    QJsonArray assetArray;
    for (const AssetFigures& figures : perAsset) {
        QJsonObject object{{QStringLiteral("externalId"), figures.externalId},
                           {QStringLiteral("assetId"), figures.assetId}};
        addCounts(object, figures.counts, false);
        assetArray.append(object);
    }
    return QJsonObject{
        {QStringLiteral("mlTask"), kindName(kind)},
        {QStringLiteral("iou"), iou},
        {QStringLiteral("minConfidence"), minConfidence},
        {QStringLiteral("assets"), assets},
        {QStringLiteral("classes"), classArray},
        {QStringLiteral("overall"), overallObject},
        {QStringLiteral("confusion"),
         QJsonObject{{QStringLiteral("labels"), QJsonArray::fromStringList(confusion.labels)},
                     {QStringLiteral("matrix"), matrix}}},
        {QStringLiteral("perAsset"), assetArray},
    };
}

} // namespace kili::evaluation
