// How much a predicted object and a truth object overlap, from 0 (not at all) to 1 (the same):
// the number COCO's matching compares with its IoU threshold.
#pragma once

#include "evaluation/shape.h"

namespace kili::evaluation {

// Boxes: COCO's bounding-box IoU (area of the intersection over area of the union; no +1).
// Polygons, and a box against a polygon: the IoU of their areas (Boost.Geometry), a polygon that
// Boost cannot intersect (one that crosses itself) overlapping nothing.
// Points and lines have no area: they are compared by distance d (in the normalised coordinates
// of the asset, so 0.05 is 5 % of its size) through COCO's keypoint kernel exp(-d² / 2κ²) with
// κ = kDistanceScale, so that the IoU threshold reads the same way (0.5 ⇔ d ≈ 0.059). A line's d
// is the mean distance of each line's vertices to the other line, both ways.
// Spans (named entities): 1 when they are exactly the same span, else 0.
// Shapes of different kinds (a point against a box) do not overlap.
double similarity(const Shape& predicted, const Shape& truth);

double boxIou(const Shape& a, const Shape& b);
double polygonIou(const Shape& a, const Shape& b);
double polygonArea(const Shape& shape);

inline constexpr double kDistanceScale = 0.05;

} // namespace kili::evaluation
