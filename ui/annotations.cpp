#include "annotations.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace kili::ui {

namespace {

// Child jobs nest; a label crafted with a cycle-like depth must not recurse forever.
constexpr int MaxDepth = 16;

std::optional<double> confidenceOf(const QJsonObject& object) {
    for (const auto key : {QLatin1String("confidence"), QLatin1String("score")}) {
        const QJsonValue value = object.value(key);
        if (value.isDouble())
            return value.toDouble();
    }
    return std::nullopt;
}

bool readPoint(const QJsonValue& value, QPointF& point) {
    const QJsonObject object = value.toObject();
    const QJsonValue x = object.value(QLatin1String("x"));
    const QJsonValue y = object.value(QLatin1String("y"));
    if (!x.isDouble() || !y.isDouble())
        return false;
    point = QPointF(x.toDouble(), y.toDouble());
    return true;
}

QPolygonF readPolygon(const QJsonArray& vertices) {
    QPolygonF polygon;
    for (const QJsonValue& vertex : vertices) {
        // PDF NER annotations wrap vertices in one more list.
        if (vertex.isArray()) {
            polygon += readPolygon(vertex.toArray());
            continue;
        }
        QPointF point;
        if (readPoint(vertex, point))
            polygon.append(point);
    }
    return polygon;
}

bool isNonJobKey(const QString& key) {
    return key == QLatin1String("ANNOTATION_JOB_COUNTER")
           || key == QLatin1String("ANNOTATION_NAMES_JOB") || key == QLatin1String("ROTATION_JOB");
}

} // namespace

AnnotationExtractor::AnnotationExtractor(CategoryStyleLookup lookup)
    : m_lookup(std::move(lookup)) {}

QColor AnnotationExtractor::fallbackColor(const QString& category) {
    const QByteArray hash = QCryptographicHash::hash(category.toUtf8(), QCryptographicHash::Md5);
    const int hue =
        (static_cast<unsigned char>(hash.at(0)) * 256 + static_cast<unsigned char>(hash.at(1)))
        % 360;
    return QColor::fromHsv(hue, 200, 230);
}

CategoryStyle AnnotationExtractor::styleOf(const QString& job, const QString& category) const {
    std::optional<CategoryStyle> style;
    if (m_lookup)
        style = m_lookup(job, category);
    if (!style)
        return {category, fallbackColor(category)};
    if (style->name.isEmpty())
        style->name = category;
    if (!style->color.isValid())
        style->color = fallbackColor(category);
    return *style;
}

Annotations AnnotationExtractor::extract(const QJsonObject& jsonResponse) const {
    Annotations out;
    readJobs(jsonResponse, 0, out);
    return out;
}

void AnnotationExtractor::readJobs(const QJsonObject& jobs, int depth, Annotations& out) const {
    if (depth > MaxDepth)
        return;
    for (auto it = jobs.constBegin(); it != jobs.constEnd(); ++it) {
        if (isNonJobKey(it.key()) || !it.value().isObject())
            continue;
        readJob(it.key(), it.value().toObject(), depth, out);
    }
}

void AnnotationExtractor::readJob(const QString& job, const QJsonObject& response, int depth,
                                  Annotations& out) const {
    const QJsonArray categories = response.value(QLatin1String("categories")).toArray();
    for (const QJsonValue& value : categories) {
        const QJsonObject category = value.toObject();
        const QString key = category.value(QLatin1String("name")).toString();
        if (key.isEmpty())
            continue;
        const CategoryStyle style = styleOf(job, key);
        out.classifications.append({job, key, style.name, style.color, confidenceOf(category)});
        readJobs(category.value(QLatin1String("children")).toObject(), depth + 1, out);
    }

    const QJsonValue text = response.value(QLatin1String("text"));
    if (text.isString())
        out.transcriptions.append(job + QLatin1String(": ") + text.toString());

    const QJsonArray annotations = response.value(QLatin1String("annotations")).toArray();
    for (const QJsonValue& value : annotations)
        readAnnotation(job, value.toObject(), depth, out);
}

void AnnotationExtractor::readAnnotation(const QString& job, const QJsonObject& annotation,
                                         int depth, Annotations& out) const {
    const QJsonArray categories = annotation.value(QLatin1String("categories")).toArray();
    const QString key = categories.isEmpty()
                            ? QString()
                            : categories.first().toObject().value(QLatin1String("name")).toString();
    const CategoryStyle style = styleOf(job, key);
    std::optional<double> confidence =
        categories.isEmpty() ? std::nullopt : confidenceOf(categories.first().toObject());
    if (!confidence)
        confidence = confidenceOf(annotation);

    if (annotation.value(QLatin1String("startEntities")).isArray()) {
        const auto mids = [&annotation](const char* side) {
            QStringList list;
            for (const QJsonValue& entity : annotation.value(QLatin1String(side)).toArray())
                list << entity.toObject().value(QLatin1String("mid")).toString();
            return list;
        };
        out.relations.append(
            {job, key, style.name, style.color, mids("startEntities"), mids("endEntities")});
        return;
    }

    AnnotationShape shape;
    shape.job = job;
    shape.category = key;
    shape.caption = style.name;
    shape.color = style.color;
    shape.confidence = confidence;

    const QString type = annotation.value(QLatin1String("type")).toString().toLower();
    const QJsonValue beginOffset = annotation.value(QLatin1String("beginOffset"));
    QPointF point;
    if (annotation.contains(QLatin1String("boundingPoly"))) {
        for (const QJsonValue& poly : annotation.value(QLatin1String("boundingPoly")).toArray()) {
            const QPolygonF polygon =
                readPolygon(poly.toObject().value(QLatin1String("normalizedVertices")).toArray());
            if (!polygon.isEmpty())
                shape.contours.append(polygon);
        }
        shape.kind = type == QLatin1String("rectangle") ? AnnotationShape::Kind::Rectangle
                                                        : AnnotationShape::Kind::Polygon;
        if (!shape.contours.isEmpty())
            out.shapes.append(shape);
    } else if (annotation.contains(QLatin1String("polyline"))) {
        const QPolygonF line = readPolygon(annotation.value(QLatin1String("polyline")).toArray());
        if (!line.isEmpty()) {
            shape.kind = AnnotationShape::Kind::Line;
            shape.contours.append(line);
            out.shapes.append(shape);
        }
    } else if (readPoint(annotation.value(QLatin1String("point")), point)) {
        shape.kind = AnnotationShape::Kind::Point;
        shape.contours.append(QPolygonF{point});
        out.shapes.append(shape);
    } else if (type == QLatin1String("pose")) {
        for (const QJsonValue& value : annotation.value(QLatin1String("points")).toArray()) {
            if (!readPoint(value.toObject().value(QLatin1String("point")), point))
                continue;
            AnnotationShape marker = shape;
            marker.kind = AnnotationShape::Kind::Point;
            marker.contours = {QPolygonF{point}};
            out.shapes.append(marker);
        }
    } else if (beginOffset.isDouble()) {
        const int begin = beginOffset.toInt();
        const QJsonValue endOffset = annotation.value(QLatin1String("endOffset"));
        const QString content = annotation.value(QLatin1String("content")).toString();
        // Predictions may omit endOffset; the content's length says where the entity ends.
        const int end =
            endOffset.isDouble() ? endOffset.toInt() : begin + static_cast<int>(content.size());
        if (begin >= 0 && end > begin)
            out.spans.append({begin, end, job, key, style.name, style.color, confidence,
                              annotation.value(QLatin1String("mid")).toString()});
    }

    readJobs(annotation.value(QLatin1String("children")).toObject(), depth + 1, out);
}

} // namespace kili::ui
