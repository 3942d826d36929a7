// Writes the jsonResponse of one asset for one object-detection job from shapes in normalised
// coordinates, in the shapes Kili's own tools write: a rectangle's vertices bottom-left,
// top-left, top-right, bottom-right (as Kili's CLI builds them from YOLO), a polygon's in the
// file's order, a marker's point, each with categories [{name, confidence}]. Shared by the
// readers of formats that describe shapes rather than jsonResponses (YOLO, COCO, VOC…).
#pragma once

#include "predictions/predictionreader.h"

#include <QHash>
#include <QString>
#include <string>
#include <string_view>
#include <vector>

namespace kili::predictions {

struct NormalisedPoint {
    double x = 0;
    double y = 0;
};

class ResponseBuilder {
public:
    explicit ResponseBuilder(const QString& job);

    void clear();
    bool isEmpty() const { return m_count == 0; }
    // `category` is the category key (or a name the mapping renames), `confidence` 0–100.
    void addRectangle(double left, double top, double right, double bottom, const QString& category,
                      int confidence);
    void addPolygon(const std::vector<NormalisedPoint>& points, const QString& category,
                    int confidence);
    // The whole jsonResponse; valid until the next change.
    std::string_view finish();
    // Finishes the jsonResponse and hands it to `sink` as `item`'s.
    void send(PredictionItem&& item, ReadSink& sink);

    // `text` as a JSON string literal, quotes included.
    static std::string jsonString(const QString& text);

private:
    void beginShape();
    void appendVertices(const NormalisedPoint* points, std::size_t count);
    void endShape(const QString& category, int confidence, std::string_view type);
    void appendNumber(double value);

    const std::string& categoryJson(const QString& category);

    std::string m_head; // {"JOB":{"annotations":[
    std::string m_json;
    int m_count = 0;
    QHash<QString, std::string> m_categories;
    simdjson::dom::parser m_parser; // name → JSON string: a few names, written often
};

} // namespace kili::predictions
