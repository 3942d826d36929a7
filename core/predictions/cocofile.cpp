#include "predictions/cocofile.h"

#include <algorithm>

namespace kili::predictions {

namespace sj = simdjson;
namespace od = simdjson::ondemand;

namespace {
QString jsonError(sj::error_code code) {
    return QLatin1String(sj::error_message(code));
}
QString text(std::string_view value) {
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}
// Keeps the first problem of an annotation: the one a person fixes first.
void setProblem(CocoAnnotation& annotation, CocoContent& out, const QString& problem) {
    if (annotation.hasProblem)
        return;
    annotation.hasProblem = true;
    out.problems.emplace(annotation.index, problem);
}
} // namespace

// Counts lines up to a position of the buffer, moving forward only, so that giving each of a
// million annotations its line costs one pass over the file.
class CocoFileParser::Lines {
public:
    explicit Lines(const char* begin)
        : m_counted(begin) {}
    qint64 at(const char* position) {
        if (position > m_counted) {
            m_line += std::count(m_counted, position, '\n');
            m_counted = position;
        }
        return m_line;
    }

private:
    const char* m_counted;
    qint64 m_line = 1;
};

bool CocoFileParser::parse(const sj::padded_string& input, CocoContent& out, bool annotations,
                           QString& error, qint64& errorLine) {
    Lines lines(input.data());
    m_inputSize = input.size();
    od::document document;
    od::json_type type;
    errorLine = 1;
    if (auto code = m_parser.iterate(input).get(document); code || document.type().get(type)) {
        error = QStringLiteral("the file is not valid JSON (%1)")
                    .arg(jsonError(code ? code : sj::TAPE_ERROR));
        return false;
    }
    bool ok = false;
    if (type == od::json_type::array) {
        out.isResultsList = true;
        od::array list;
        ok = !document.get_array().get(list) && parseAnnotations(list, out, lines, error);
    } else if (type == od::json_type::object) {
        od::object root;
        ok = !document.get_object().get(root) && parseDataset(root, out, annotations, lines, error);
    } else {
        error = QStringLiteral("the file holds neither a COCO dataset (an object with \"images\", "
                               "\"categories\" and \"annotations\") nor a COCO results list");
        return false;
    }
    if (!ok) {
        const char* here = nullptr;
        if (!document.current_location().get(here) && here)
            errorLine = lines.at(here);
        if (error.isEmpty())
            error = QStringLiteral("the file is not valid JSON");
    }
    return ok;
}

bool CocoFileParser::parseDataset(od::object root, CocoContent& out, bool annotations, Lines& lines,
                                  QString& error) {
    for (auto field : root) {
        std::string_view key;
        if (auto code = field.unescaped_key().get(key); code) {
            error = QStringLiteral("the file is not valid JSON (%1)").arg(jsonError(code));
            return false;
        }
        if (key != "images" && key != "categories" && (key != "annotations" || !annotations))
            continue;
        od::array list;
        if (auto code = field.value().get_array().get(list); code) {
            error = QStringLiteral("\"%1\" must be a list (%2)").arg(text(key), jsonError(code));
            return false;
        }
        const bool ok = key == "images"       ? parseImages(list, out, error)
                        : key == "categories" ? parseCategories(list, out, error)
                                              : parseAnnotations(list, out, lines, error);
        if (!ok)
            return false;
    }
    return true;
}

bool CocoFileParser::parseImages(od::array images, CocoContent& out, QString& error) {
    qint64 index = 0;
    for (auto entry : images) {
        od::object object;
        if (auto code = entry.get_object().get(object); code) {
            error =
                QStringLiteral("images[%1] is not an object (%2)").arg(index).arg(jsonError(code));
            return false;
        }
        CocoImage image;
        std::int64_t id = 0;
        bool hasId = false;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                return false;
            auto value = field.value();
            if (key == "id")
                hasId = !value.get_int64().get(id);
            else if (key == "file_name") {
                std::string_view name;
                if (!value.get_string().get(name))
                    image.fileName = text(name);
            } else if (key == "width" && value.get_double().get(image.width))
                image.width = 0;
            else if (key == "height" && value.get_double().get(image.height))
                image.height = 0;
        }
        if (!hasId) {
            error = QStringLiteral("images[%1] has no whole-number \"id\"").arg(index);
            return false;
        }
        if (out.images.emplace(id, std::move(image)).second)
            out.imageOrder.push_back(id);
        ++index;
    }
    return true;
}

bool CocoFileParser::parseCategories(od::array categories, CocoContent& out, QString& error) {
    qint64 index = 0;
    for (auto entry : categories) {
        od::object object;
        if (auto code = entry.get_object().get(object); code) {
            error = QStringLiteral("categories[%1] is not an object (%2)")
                        .arg(index)
                        .arg(jsonError(code));
            return false;
        }
        std::int64_t id = 0;
        bool hasId = false;
        std::string_view name;
        bool hasName = false;
        for (auto field : object) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                return false;
            if (key == "id")
                hasId = !field.value().get_int64().get(id);
            else if (key == "name")
                hasName = !field.value().get_string().get(name);
        }
        if (!hasId || !hasName) {
            error = QStringLiteral("categories[%1] needs a whole-number \"id\" and a \"name\"")
                        .arg(index);
            return false;
        }
        out.categories.emplace(id, text(name));
        ++index;
    }
    return true;
}

bool CocoFileParser::parseAnnotations(od::array annotations, CocoContent& out, Lines& lines,
                                      QString& error) {
    // Room for the most annotations the file could hold, so that the list never moves while it
    // grows (a move holds both copies); pages never written are not memory in use.
    out.annotations.reserve(m_inputSize / 48);
    qint64 index = 0;
    for (auto entry : annotations) {
        CocoAnnotation annotation;
        annotation.index = index++;
        const char* location = nullptr;
        od::object object;
        if (auto code = entry.current_location().get(location); code) {
            error = QStringLiteral("the file is not valid JSON (%1)").arg(jsonError(code));
            return false;
        }
        annotation.line = lines.at(location);
        if (entry.get_object().get(object)) {
            setProblem(annotation, out, QStringLiteral("the annotation is not a JSON object"));
            out.annotations.push_back(std::move(annotation));
            continue;
        }
        if (!parseAnnotation(object, annotation, out)) {
            error = QStringLiteral("the file is not valid JSON in the annotation at index %1")
                        .arg(annotation.index);
            return false;
        }
        out.annotations.push_back(std::move(annotation));
    }
    return true;
}

bool CocoFileParser::parseAnnotation(od::object object, CocoAnnotation& annotation,
                                     CocoContent& out) {
    bool hasImage = false, hasCategory = false;
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return false;
        auto value = field.value();
        if (key == "id") {
            if (value.get_int64().get(annotation.id))
                annotation.id = -1;
        } else if (key == "image_id") {
            hasImage = !value.get_int64().get(annotation.imageId);
        } else if (key == "category_id") {
            hasCategory = !value.get_int64().get(annotation.categoryId);
        } else if (key == "score") {
            if (value.get_double().get(annotation.score) || !(annotation.score >= 0))
                setProblem(annotation, out,
                           QStringLiteral("\"score\" must be a number from 0 to 1"));
        } else if (key == "bbox") {
            od::array box;
            std::size_t count = 0;
            if (!value.get_array().get(box)) {
                for (auto number : box) {
                    if (count < 4 && number.get_double().get(annotation.bbox[count]))
                        break;
                    ++count;
                }
            }
            annotation.hasBbox = count == 4;
            if (!annotation.hasBbox)
                setProblem(annotation, out,
                           QStringLiteral("\"bbox\" must be [x, y, width, height] in pixels"));
        } else if (key == "segmentation") {
            od::value segmentation;
            if (value.get(segmentation) || !parseSegmentation(segmentation, annotation, out))
                return false;
        }
    }
    if (!annotation.hasProblem && (!hasImage || !hasCategory))
        setProblem(
            annotation, out,
            QStringLiteral("the annotation needs a whole-number \"image_id\" and \"category_id\""));
    return true;
}

// A list of polygons [[x1, y1, x2, y2, …], …] is kept; a run-length mask is only noted.
bool CocoFileParser::parseSegmentation(od::value value, CocoAnnotation& annotation,
                                       CocoContent& out) {
    od::json_type type;
    if (value.type().get(type))
        return false;
    if (type == od::json_type::object) {
        annotation.isRle = true;
        return true;
    }
    od::array parts;
    if (type != od::json_type::array || value.get_array().get(parts)) {
        setProblem(annotation, out,
                   QStringLiteral("\"segmentation\" must be a list of polygons or a "
                                  "run-length mask {counts, size}"));
        return true;
    }
    annotation.firstPart = std::uint32_t(out.polygonSizes.size());
    annotation.firstValue = out.polygonValues.size();
    for (auto part : parts) {
        od::array numbers;
        if (part.get_array().get(numbers)) {
            setProblem(
                annotation, out,
                QStringLiteral("\"segmentation\" must be a list of polygons [x1, y1, x2, y2, …]"));
            return true;
        }
        int count = 0;
        for (auto number : numbers) {
            double coordinate = 0;
            if (number.get_double().get(coordinate)) {
                setProblem(annotation, out,
                           QStringLiteral("a polygon of \"segmentation\" holds "
                                          "something that is not a number"));
                return true;
            }
            out.polygonValues.push_back(coordinate);
            ++count;
        }
        out.polygonSizes.push_back(count);
        ++annotation.partCount;
    }
    return true;
}

} // namespace kili::predictions
