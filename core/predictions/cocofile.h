// What a COCO file holds, read with simdjson's on-demand parser (one pass, no DOM of the file):
// a dataset (`images`, `categories`, `annotations`, in any order) or a results list
// (`[{"image_id", "category_id", "bbox", "score", "segmentation"?}, …]`). Only the fields an
// import needs are kept, so that a million annotations take tens of megabytes.
#pragma once

#include <QString>
#include <cstdint>
#include <simdjson.h>
#include <unordered_map>
#include <vector>

namespace kili::predictions {

struct CocoImage {
    QString fileName;
    double width = 0; // pixels; 0 when the file does not say
    double height = 0;
};

// Kept for each of possibly millions of annotations: small on purpose (polygons and problems
// live beside them in CocoContent).
struct CocoAnnotation {
    std::int64_t id = -1; // -1 when the annotation has none (results lists)
    std::int64_t imageId = 0;
    std::int64_t categoryId = 0;
    double bbox[4] = {0, 0, 0, 0}; // x, y, width, height in pixels, from the top-left corner
    double score = -1;             // < 0 when absent
    qint64 index = 0;              // position in its array, for the JSON pointer
    qint64 line = 0;               // line the annotation starts on
    std::uint32_t firstPart = 0;   // its polygons: CocoContent::polygonSizes[firstPart…]
    std::uint32_t partCount = 0;
    std::size_t firstValue = 0; // its coordinates: CocoContent::polygonValues[firstValue…]
    bool hasBbox = false;
    bool isRle = false;      // `segmentation` is a run-length mask {counts, size}
    bool hasProblem = false; // a field is not what COCO says: CocoContent::problems
};

struct CocoContent {
    bool isResultsList = false;
    std::unordered_map<std::int64_t, CocoImage> images;
    std::vector<std::int64_t> imageOrder; // ids in the file's order
    std::unordered_map<std::int64_t, QString> categories;
    std::vector<CocoAnnotation> annotations;
    std::vector<double> polygonValues; // x1 y1 x2 y2 … of every polygon, one after the other
    std::vector<int> polygonSizes;     // number of values of each polygon
    std::unordered_map<qint64, QString> problems; // annotation index → what is wrong with it
};

class CocoFileParser {
public:
    // Parses `text`; on a malformed file returns false with `error` a sentence and `errorLine`
    // the line it was found on. `annotations` false skips them (a dataset read for its images).
    bool parse(const simdjson::padded_string& text, CocoContent& out, bool annotations,
               QString& error, qint64& errorLine);

private:
    class Lines;
    bool parseDataset(simdjson::ondemand::object root, CocoContent& out, bool annotations,
                      Lines& lines, QString& error);
    bool parseImages(simdjson::ondemand::array images, CocoContent& out, QString& error);
    bool parseCategories(simdjson::ondemand::array categories, CocoContent& out, QString& error);
    bool parseAnnotations(simdjson::ondemand::array annotations, CocoContent& out, Lines& lines,
                          QString& error);
    // false only for malformed JSON; a wrong field is a problem of the annotation
    bool parseAnnotation(simdjson::ondemand::object object, CocoAnnotation& annotation,
                         CocoContent& out);
    bool parseSegmentation(simdjson::ondemand::value value, CocoAnnotation& annotation,
                           CocoContent& out);

    simdjson::ondemand::parser m_parser;
    std::size_t m_inputSize = 0;
};

} // namespace kili::predictions
