#include "evaluation/jobanswerreader.h"

#include <QJsonArray>
#include <algorithm>

namespace kili::evaluation {

namespace {

// Deeper nesting than any real interface: a hostile jsonResponse cannot recurse without end.
constexpr int kMaxDepth = 32;

QLatin1String k(const char* key) {
    return QLatin1String(key);
}

std::optional<double> number(const QJsonValue& value) {
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

// A category's confidence; a human's answer has none and is certain.
double categoryConfidence(const QJsonObject& category, double otherwise = 100) {
    return number(category.value(k("confidence"))).value_or(otherwise);
}

// An annotation's: its first category's confidence, else its score.
double annotationConfidence(const QJsonObject& annotation) {
    const QJsonObject first = annotation.value(k("categories")).toArray().first().toObject();
    return categoryConfidence(first, number(annotation.value(k("score"))).value_or(100));
}

std::optional<Vertex> vertexOf(const QJsonValue& value) {
    const QJsonObject object = value.toObject();
    const auto x = number(object.value(k("x")));
    const auto y = number(object.value(k("y")));
    if (!x || !y)
        return std::nullopt;
    return Vertex{*x, *y};
}

std::vector<Vertex> verticesOf(const QJsonArray& array) {
    std::vector<Vertex> ring;
    ring.reserve(std::size_t(array.size()));
    for (const QJsonValue& value : array) {
        if (const auto vertex = vertexOf(value))
            ring.push_back(*vertex);
    }
    return ring;
}

std::vector<std::vector<Vertex>> ringsOf(const QJsonObject& annotation) {
    std::vector<std::vector<Vertex>> rings;
    const QJsonArray polys = annotation.value(k("boundingPoly")).toArray();
    for (const QJsonValue& poly : polys) {
        std::vector<Vertex> ring =
            verticesOf(poly.toObject().value(k("normalizedVertices")).toArray());
        if (!ring.empty())
            rings.push_back(std::move(ring));
    }
    return rings;
}

Shape boundsOf(const std::vector<Vertex>& ring) {
    const auto [minX, maxX] = std::minmax_element(
        ring.begin(), ring.end(), [](const Vertex& a, const Vertex& b) { return a.x < b.x; });
    const auto [minY, maxY] = std::minmax_element(
        ring.begin(), ring.end(), [](const Vertex& a, const Vertex& b) { return a.y < b.y; });
    return Shape::box(minX->x, minY->y, maxX->x, maxY->y);
}

std::optional<Shape> objectShape(const QJsonObject& annotation) {
    const QString type = annotation.value(k("type")).toString().toLower();
    if (type == k("marker") || type == k("point") || annotation.contains(k("point"))) {
        const auto point = vertexOf(annotation.value(k("point")));
        if (!point)
            return std::nullopt;
        Shape shape;
        shape.kind = Shape::Kind::Point;
        shape.rings = {{*point}};
        return shape;
    }
    if (type == k("polyline") || type == k("vector") || annotation.contains(k("polyline"))) {
        std::vector<Vertex> line = verticesOf(annotation.value(k("polyline")).toArray());
        if (line.empty())
            return std::nullopt;
        Shape shape;
        shape.kind = Shape::Kind::Line;
        shape.rings = {std::move(line)};
        return shape;
    }
    std::vector<std::vector<Vertex>> rings = ringsOf(annotation);
    if (rings.empty())
        return std::nullopt;
    // A rectangle is COCO's bounding box of its vertices (Kili's 4 corners in any order).
    if (type == k("rectangle") || (type.isEmpty() && rings.size() == 1 && rings[0].size() == 4))
        return boundsOf(rings[0]);
    Shape shape;
    shape.kind = Shape::Kind::Polygon;
    shape.rings = std::move(rings);
    return shape;
}

std::optional<Shape> spanShape(const QJsonObject& annotation) {
    const auto begin = number(annotation.value(k("beginOffset")));
    if (!begin)
        return std::nullopt;
    // Pre-annotations may give the text instead of the end (the SDK's examples do).
    auto end = number(annotation.value(k("endOffset")));
    if (!end)
        end = *begin + double(annotation.value(k("content")).toString().size());
    return Shape::span(qint64(*begin), qint64(*end), annotation.value(k("beginId")).toString(),
                       annotation.value(k("endId")).toString());
}

} // namespace

std::optional<EvaluationKind> evaluationKind(const kili::Job& job) {
    if (job.mlTask == k("CLASSIFICATION"))
        return EvaluationKind::Classification;
    if (job.mlTask == k("NAMED_ENTITIES_RECOGNITION"))
        return EvaluationKind::NamedEntities;
    if (job.mlTask == k("OBJECT_DETECTION") && !job.tools.contains(k("pose")))
        return EvaluationKind::ObjectDetection;
    return std::nullopt;
}

QString kindName(EvaluationKind kind) {
    switch (kind) {
    case EvaluationKind::ObjectDetection:
        return QStringLiteral("OBJECT_DETECTION");
    case EvaluationKind::Classification:
        return QStringLiteral("CLASSIFICATION");
    case EvaluationKind::NamedEntities:
        return QStringLiteral("NAMED_ENTITIES_RECOGNITION");
    }
    return {};
}

JobAnswerReader::JobAnswerReader(QString jobName, EvaluationKind kind)
    : m_jobName(std::move(jobName))
    , m_kind(kind) {}

JobAnswer JobAnswerReader::read(const QJsonObject& jsonResponse) const {
    JobAnswer answer;
    collect(jsonResponse, answer, 0);
    return answer;
}

// `level` maps job names to job responses: the top of a jsonResponse, or a `children` object.
void JobAnswerReader::collect(const QJsonObject& level, JobAnswer& answer, int depth) const {
    if (depth > kMaxDepth)
        return;
    for (auto it = level.begin(); it != level.end(); ++it) {
        const QJsonObject response = it.value().toObject();
        if (it.key() == m_jobName)
            readJobResponse(response, answer);
        collectChildren(response.value(k("categories")).toArray(), answer, depth + 1);
        collectChildren(response.value(k("annotations")).toArray(), answer, depth + 1);
    }
}

void JobAnswerReader::collectChildren(const QJsonArray& items, JobAnswer& answer, int depth) const {
    for (const QJsonValue& item : items) {
        const QJsonObject object = item.toObject();
        const QJsonObject children = object.value(k("children")).toObject();
        if (!children.isEmpty())
            collect(children, answer, depth);
        for (const QJsonValue& category : object.value(k("categories")).toArray()) {
            const QJsonObject nested = category.toObject().value(k("children")).toObject();
            if (!nested.isEmpty())
                collect(nested, answer, depth);
        }
    }
}

void JobAnswerReader::readJobResponse(const QJsonObject& response, JobAnswer& answer) const {
    if (m_kind == EvaluationKind::Classification) {
        for (const QJsonValue& value : response.value(k("categories")).toArray()) {
            const QJsonObject category = value.toObject();
            const QString name = category.value(k("name")).toString();
            if (!name.isEmpty())
                answer.categories.push_back({name, categoryConfidence(category)});
        }
        return;
    }
    for (const QJsonValue& value : response.value(k("annotations")).toArray()) {
        const QJsonObject annotation = value.toObject();
        const QString name = annotation.value(k("categories"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(k("name"))
                                 .toString();
        const std::optional<Shape> shape = m_kind == EvaluationKind::NamedEntities
                                               ? spanShape(annotation)
                                               : objectShape(annotation);
        if (!name.isEmpty() && shape)
            answer.objects.push_back({name, annotationConfidence(annotation), *shape});
    }
}

} // namespace kili::evaluation
