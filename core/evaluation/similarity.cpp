#include "evaluation/similarity.h"

#include <algorithm>
// GCC 12 at -O2 takes Boost.Geometry's envelope and rescaling states for uninitialised (they are
// filled before use): a false alarm inside Boost's headers that would fail the release build.
// Boost 1.74 snaps coordinates to an integer grid before intersecting ("rescaling"), which rounds
// an IoU at about 1e-8 (and costs 5–10 % of its time); later Boost turns it off by default.
#define BOOST_GEOMETRY_NO_ROBUSTNESS
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <cmath>
#include <exception>
#include <limits>

namespace kili::evaluation {

namespace bg = boost::geometry;

namespace {

using BoostPoint = bg::model::d2::point_xy<double>;
using BoostPolygon = bg::model::polygon<BoostPoint>;
using BoostMultiPolygon = bg::model::multi_polygon<BoostPolygon>;

BoostMultiPolygon toBoost(const Shape& shape) {
    BoostMultiPolygon parts;
    if (shape.kind == Shape::Kind::Box && shape.rings.size() == 1 && shape.rings[0].size() == 2) {
        const Vertex& lo = shape.rings[0][0];
        const Vertex& hi = shape.rings[0][1];
        BoostPolygon polygon;
        bg::append(polygon.outer(), BoostPoint(lo.x, lo.y));
        bg::append(polygon.outer(), BoostPoint(lo.x, hi.y));
        bg::append(polygon.outer(), BoostPoint(hi.x, hi.y));
        bg::append(polygon.outer(), BoostPoint(hi.x, lo.y));
        parts.push_back(std::move(polygon));
    } else {
        for (const std::vector<Vertex>& ring : shape.rings) {
            if (ring.size() < 3)
                continue;
            BoostPolygon polygon;
            for (const Vertex& vertex : ring)
                bg::append(polygon.outer(), BoostPoint(vertex.x, vertex.y));
            parts.push_back(std::move(polygon));
        }
    }
    // Kili's vertices come in either turning direction and unclosed: Boost wants them closed and
    // clockwise, or areas come out negative.
    bg::correct(parts);
    return parts;
}

double distance(const Vertex& a, const Vertex& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

double distanceToSegment(const Vertex& p, const Vertex& a, const Vertex& b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    if (length2 <= 0)
        return distance(p, a);
    const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0);
    return distance(p, Vertex{a.x + t * dx, a.y + t * dy});
}

double distanceToLine(const Vertex& p, const std::vector<Vertex>& line) {
    if (line.size() == 1)
        return distance(p, line.front());
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 1; i < line.size(); ++i)
        best = std::min(best, distanceToSegment(p, line[i - 1], line[i]));
    return best;
}

double meanDistance(const std::vector<Vertex>& from, const std::vector<Vertex>& to) {
    double sum = 0;
    for (const Vertex& vertex : from)
        sum += distanceToLine(vertex, to);
    return sum / double(from.size());
}

double distanceSimilarity(double d) {
    return std::exp(-(d * d) / (2 * kDistanceScale * kDistanceScale));
}

struct Bounds {
    double x0 = std::numeric_limits<double>::infinity();
    double y0 = std::numeric_limits<double>::infinity();
    double x1 = -std::numeric_limits<double>::infinity();
    double y1 = -std::numeric_limits<double>::infinity();
};

Bounds boundsOf(const Shape& shape) {
    Bounds bounds;
    for (const std::vector<Vertex>& ring : shape.rings) {
        for (const Vertex& vertex : ring) {
            bounds.x0 = std::min(bounds.x0, vertex.x);
            bounds.y0 = std::min(bounds.y0, vertex.y);
            bounds.x1 = std::max(bounds.x1, vertex.x);
            bounds.y1 = std::max(bounds.y1, vertex.y);
        }
    }
    return bounds;
}

// Most pairs of a busy image do not touch: that is told from the vertices, before Boost builds
// and intersects polygons.
bool boundsOverlap(const Shape& a, const Shape& b) {
    const Bounds ba = boundsOf(a);
    const Bounds bb = boundsOf(b);
    return ba.x0 < bb.x1 && bb.x0 < ba.x1 && ba.y0 < bb.y1 && bb.y0 < ba.y1;
}

bool hasVertices(const Shape& shape) {
    return !shape.rings.empty() && !shape.rings.front().empty();
}

} // namespace

Shape Shape::box(double x0, double y0, double x1, double y1) {
    Shape shape;
    shape.kind = Kind::Box;
    shape.rings = {
        {Vertex{std::min(x0, x1), std::min(y0, y1)}, Vertex{std::max(x0, x1), std::max(y0, y1)}}};
    return shape;
}

Shape Shape::span(qint64 begin, qint64 end, QString beginId, QString endId) {
    Shape shape;
    shape.kind = Kind::Span;
    shape.begin = begin;
    shape.end = end;
    shape.beginId = std::move(beginId);
    shape.endId = std::move(endId);
    return shape;
}

double boxIou(const Shape& a, const Shape& b) {
    const Vertex& aLo = a.rings[0][0];
    const Vertex& aHi = a.rings[0][1];
    const Vertex& bLo = b.rings[0][0];
    const Vertex& bHi = b.rings[0][1];
    const double w = std::min(aHi.x, bHi.x) - std::max(aLo.x, bLo.x);
    const double h = std::min(aHi.y, bHi.y) - std::max(aLo.y, bLo.y);
    if (w <= 0 || h <= 0)
        return 0;
    const double intersection = w * h;
    const double areaA = (aHi.x - aLo.x) * (aHi.y - aLo.y);
    const double areaB = (bHi.x - bLo.x) * (bHi.y - bLo.y);
    return intersection / (areaA + areaB - intersection);
}

double polygonArea(const Shape& shape) {
    return bg::area(toBoost(shape));
}

double polygonIou(const Shape& a, const Shape& b) {
    if (!boundsOverlap(a, b))
        return 0;
    const BoostMultiPolygon pa = toBoost(a);
    const BoostMultiPolygon pb = toBoost(b);
    if (pa.empty() || pb.empty())
        return 0;
    try {
        BoostMultiPolygon common;
        bg::intersection(pa, pb, common);
        const double intersection = bg::area(common);
        const double united = bg::area(pa) + bg::area(pb) - intersection;
        return united > 0 ? intersection / united : 0;
    } catch (const std::exception&) {
        return 0;
    }
}

double similarity(const Shape& predicted, const Shape& truth) {
    using Kind = Shape::Kind;
    const Kind p = predicted.kind;
    const Kind t = truth.kind;
    if (p == Kind::Span || t == Kind::Span) {
        return p == t && predicted.begin == truth.begin && predicted.end == truth.end
                       && predicted.beginId == truth.beginId && predicted.endId == truth.endId
                   ? 1.0
                   : 0.0;
    }
    if (!hasVertices(predicted) || !hasVertices(truth))
        return 0;
    if (p == Kind::Box && t == Kind::Box)
        return boxIou(predicted, truth);
    const bool pArea = p == Kind::Box || p == Kind::Polygon;
    const bool tArea = t == Kind::Box || t == Kind::Polygon;
    if (pArea && tArea)
        return polygonIou(predicted, truth);
    if (p == Kind::Point && t == Kind::Point)
        return distanceSimilarity(distance(predicted.rings[0][0], truth.rings[0][0]));
    if (p == Kind::Line && t == Kind::Line) {
        const std::vector<Vertex>& a = predicted.rings[0];
        const std::vector<Vertex>& b = truth.rings[0];
        return distanceSimilarity((meanDistance(a, b) + meanDistance(b, a)) / 2);
    }
    return 0;
}

} // namespace kili::evaluation

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
