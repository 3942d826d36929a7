// What an annotation is, reduced to what evaluation compares: its category, the model's
// confidence, and its place (a box, polygons, a point, a line or a text span).
#pragma once

#include <QString>
#include <vector>

namespace kili::evaluation {

struct Vertex {
    double x = 0;
    double y = 0;
};

struct Shape {
    enum class Kind { Box, Polygon, Point, Line, Span };
    Kind kind = Kind::Box;
    // Box: two corners (min, max). Polygon: one ring per part (a semantic annotation may hold
    // several). Point: one ring of one vertex. Line: one ring, the polyline's vertices.
    std::vector<std::vector<Vertex>> rings;
    // Span: where the entity lies; two spans are the same entity only when every part is equal.
    qint64 begin = -1;
    qint64 end = -1;
    QString beginId;
    QString endId;

    static Shape box(double x0, double y0, double x1, double y1);
    static Shape span(qint64 begin, qint64 end, QString beginId = {}, QString endId = {});
};

struct AnnotatedObject {
    QString category;
    // 0–100, as Kili stores it; human labels have none and count as 100.
    double confidence = 100;
    Shape shape;
};

struct ChosenCategory {
    QString category;
    double confidence = 100;
};

// One label's answer to one job: the objects (detection, entities) or the categories
// (classification) it gives.
struct JobAnswer {
    std::vector<AnnotatedObject> objects;
    std::vector<ChosenCategory> categories;
};

} // namespace kili::evaluation
