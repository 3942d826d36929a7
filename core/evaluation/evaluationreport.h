// Every figure of one evaluation at one confidence threshold: per class, overall, the confusion
// matrix and per asset. Derived from kept matches (DetectionMatches, ClassificationAnswers);
// recomputing it at another threshold never matches again.
#pragma once

#include "evaluation/jobanswerreader.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace kili::evaluation {

struct Counts {
    int truth = 0;
    int predicted = 0;
    int tp = 0;
    int fp = 0;
    int fn = 0;

    // 0 when nothing was predicted (resp. nothing was to be found): scikit-learn's zero_division.
    double precision() const;
    double recall() const;
    double f1() const;
};

struct ClassFigures {
    QString name; // the category key
    Counts counts;
    // COCO's AP at IoU 0.5 and averaged over 0.50:0.05:0.95; nullopt for a class without truth
    // objects (COCO's -1) and for kinds without a ranking (classification, entities).
    std::optional<double> ap50;
    std::optional<double> ap;
};

struct AssetFigures {
    QString assetId;
    QString externalId;
    Counts counts;
};

// Rows are the truth, columns the prediction; the last label of both is kNone.
struct ConfusionMatrix {
    static inline const QString kNone = QStringLiteral("(none)");
    QStringList labels;
    std::vector<std::vector<int>> cells;

    void resize(const QStringList& classes);
    void add(int truthClass, int predictedClass, int count = 1); // -1: (none)
};

struct EvaluationReport {
    EvaluationKind kind = EvaluationKind::ObjectDetection;
    double iou = 0.5;
    double minConfidence = 0;
    int assets = 0;
    std::vector<ClassFigures> classes;
    Counts overall;
    std::optional<double> map50; // over the classes that have truth objects
    std::optional<double> map;
    std::optional<double> accuracy; // classification: assets whose categories are all right
    ConfusionMatrix confusion;
    std::vector<AssetFigures> perAsset;

    // Sets classes, overall and confusion from tallies over every category: only those with
    // `listed` set appear. `confusion` is indexed [truth + 1][predicted + 1], 0 meaning (none).
    void setClasses(const QStringList& categories, const std::vector<Counts>& perCategory,
                    const std::vector<char>& listed,
                    const std::vector<std::vector<int>>& confusion);

    // {"mlTask", "iou", "minConfidence", "assets", "classes", "overall", "confusion",
    // "perAsset"}; the caller adds "job" and "model". Fractions are rounded to 0.001.
    QJsonObject toJson() const;
};

} // namespace kili::evaluation
