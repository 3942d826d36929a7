// Small builders for the evaluation tests: boxes, polygons and assets written the way a person
// computes them by hand.
#pragma once

#include "evaluation/detectionmatches.h"

#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

namespace kili::testing {

using namespace kili::evaluation;

inline QString s(const char* text) {
    return QString::fromUtf8(text);
}

inline AnnotatedObject box(const char* category, double x0, double y0, double x1, double y1,
                           double confidence = 100) {
    return {s(category), confidence, Shape::box(x0, y0, x1, y1)};
}

inline AnnotatedObject polygon(const char* category, std::vector<Vertex> ring,
                               double confidence = 100) {
    Shape shape;
    shape.kind = Shape::Kind::Polygon;
    shape.rings = {std::move(ring)};
    return {s(category), confidence, shape};
}

inline EvaluatedAsset asset(const char* externalId, std::vector<AnnotatedObject> truth,
                            std::vector<AnnotatedObject> predicted) {
    EvaluatedAsset evaluated;
    evaluated.assetId = s("id-") + s(externalId);
    evaluated.externalId = s(externalId);
    evaluated.truth.objects = std::move(truth);
    evaluated.hasPrediction = !predicted.empty();
    evaluated.prediction.objects = std::move(predicted);
    return evaluated;
}

inline const ClassFigures* classNamed(const EvaluationReport& report, const char* name) {
    for (const ClassFigures& figures : report.classes) {
        if (figures.name == s(name))
            return &figures;
    }
    return nullptr;
}

inline EvaluationReport detect(const std::vector<EvaluatedAsset>& assets,
                               const QStringList& categories, double iou = 0.5,
                               double minConfidence = 0) {
    return DetectionMatcher(EvaluationKind::ObjectDetection, categories, iou)
        .match(assets)
        .report(minConfidence);
}

} // namespace kili::testing
