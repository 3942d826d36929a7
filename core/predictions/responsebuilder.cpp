#include "predictions/responsebuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <charconv>

namespace kili::predictions {

std::string ResponseBuilder::jsonString(const QString& text) {
    // QJsonDocument escapes exactly as JSON requires; wrap in an array to serialise a string.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return std::string(array.constData() + 1, std::size_t(array.size() - 2));
}

ResponseBuilder::ResponseBuilder(const QString& job)
    : m_head("{" + jsonString(job) + ":{\"annotations\":[") {
    clear();
}

void ResponseBuilder::clear() {
    m_json = m_head;
    m_count = 0;
}

void ResponseBuilder::appendNumber(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    m_json.append(buffer, result.ptr);
}

void ResponseBuilder::beginShape() {
    m_json += m_count++ ? ",{\"boundingPoly\":[{\"normalizedVertices\":["
                        : "{\"boundingPoly\":[{\"normalizedVertices\":[";
}

void ResponseBuilder::appendVertices(const NormalisedPoint* points, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        m_json += i ? ",{\"x\":" : "{\"x\":";
        appendNumber(points[i].x);
        m_json += ",\"y\":";
        appendNumber(points[i].y);
        m_json += "}";
    }
}

const std::string& ResponseBuilder::categoryJson(const QString& category) {
    auto known = m_categories.find(category);
    if (known == m_categories.end())
        known = m_categories.insert(category, jsonString(category));
    return *known;
}

void ResponseBuilder::endShape(const QString& category, int confidence, std::string_view type) {
    m_json += "]}],\"categories\":[{\"name\":";
    m_json += categoryJson(category);
    m_json += ",\"confidence\":";
    m_json += std::to_string(confidence);
    m_json += "}],\"type\":\"";
    m_json += type;
    m_json += "\"}";
}

void ResponseBuilder::addRectangle(double left, double top, double right, double bottom,
                                   const QString& category, int confidence) {
    const NormalisedPoint corners[4] = {{left, bottom}, {left, top}, {right, top}, {right, bottom}};
    beginShape();
    appendVertices(corners, 4);
    endShape(category, confidence, "rectangle");
}

void ResponseBuilder::addPolygon(const std::vector<NormalisedPoint>& points,
                                 const QString& category, int confidence) {
    beginShape();
    appendVertices(points.data(), points.size());
    endShape(category, confidence, "polygon");
}

std::string_view ResponseBuilder::finish() {
    m_json += "]}}";
    return m_json;
}

void ResponseBuilder::send(PredictionItem&& item, ReadSink& sink) {
    auto parsed = m_parser.parse(finish());
    if (parsed.error()) {
        sink.onProblem(readProblem(item.source,
                                   QStringLiteral("internal error building the jsonResponse"),
                                   item.externalId));
        return;
    }
    sink.onItem(std::move(item), parsed.value_unsafe());
}

} // namespace kili::predictions
