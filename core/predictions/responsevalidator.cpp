#include "predictions/responsevalidator.h"

#include <QDate>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace kili::predictions {

namespace {

constexpr int kMaxDepth = 32;

QString q(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool isNotAJob(std::string_view key) {
    return key == "ANNOTATION_JOB_COUNTER" || key == "ANNOTATION_NAMES_JOB"
           || key == "ROTATION_JOB";
}

bool isFrameIndex(std::string_view key) {
    return !key.empty() && key.size() < 10
           && key.find_first_not_of("0123456789") == std::string_view::npos;
}

bool number(simdjson::dom::element value, double& out) {
    if (value.is_double()) {
        out = value.get_double().value_unsafe();
        return true;
    }
    if (value.is_int64()) {
        out = double(value.get_int64().value_unsafe());
        return true;
    }
    if (value.is_uint64()) {
        out = double(value.get_uint64().value_unsafe());
        return true;
    }
    return false;
}

// A piece of text for a message: quoted, shortened when long.
QString excerpt(QStringView text) {
    constexpr qsizetype kLength = 40;
    QString shown = text.left(kLength).toString();
    if (text.size() > kLength)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

QString inputDescription(const JobRule& rule) {
    return rule.input.empty() ? QStringLiteral("single choice") : q(rule.input);
}

} // namespace

// Appends one reference token to the current pointer for the lifetime of the object.
class ResponseValidator::PathSegment {
public:
    PathSegment(std::string& path, std::string_view key)
        : m_path(path)
        , m_length(path.size()) {
        path += '/';
        if (key.find_first_of("~/") == std::string_view::npos) {
            path += key;
            return;
        }
        for (const char c : key) {
            if (c == '~')
                path += "~0";
            else if (c == '/')
                path += "~1";
            else
                path += c;
        }
    }
    PathSegment(std::string& path, std::size_t index)
        : m_path(path)
        , m_length(path.size()) {
        char buffer[24];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, index);
        path += '/';
        path.append(buffer, result.ptr);
    }
    ~PathSegment() { m_path.resize(m_length); }
    PathSegment(const PathSegment&) = delete;
    PathSegment& operator=(const PathSegment&) = delete;

private:
    std::string& m_path;
    std::size_t m_length;
};

ResponseValidator::ResponseValidator(const InterfaceRules& rules)
    : m_rules(rules) {}

int ResponseValidator::validate(simdjson::dom::element response, const PredictionItem& item,
                                QList<Problem>& out) {
    m_item = &item;
    m_out = &out;
    m_errors = 0;
    m_path.clear();
    m_mids.clear();
    m_references.clear();
    simdjson::dom::object jobs;
    if (response.get_object().get(jobs)) {
        error(nullptr, {}, QStringLiteral("jsonResponse must be an object"));
        return m_errors;
    }
    jobMap(jobs, nullptr, {}, 0);
    for (const Reference& reference : m_references) {
        if (m_mids.count(reference.mid))
            continue;
        const std::string saved = std::exchange(m_path, reference.path);
        error(*reference.job,
              QStringLiteral("the relation refers to annotation \"%1\", which is not in this "
                             "jsonResponse")
                  .arg(q(reference.mid)));
        m_path = saved;
    }
    noteUnlisted();
    return m_errors;
}

void ResponseValidator::noteUnlisted() {
    if (m_errors <= kMaxProblemsPerItem)
        return;
    Problem more;
    more.source = m_item->source;
    more.externalId = m_item->displayId();
    more.message = QStringLiteral("… and %1 more problem(s) in this jsonResponse (the first %2 "
                                  "are listed)")
                       .arg(m_errors - kMaxProblemsPerItem)
                       .arg(kMaxProblemsPerItem);
    m_out->append(std::move(more));
}

void ResponseValidator::error(const JobRule* rule, std::string_view job, const QString& message) {
    if (++m_errors > kMaxProblemsPerItem)
        return;
    Problem problem;
    problem.source = m_item->source;
    problem.source.pointer += q(m_path);
    problem.externalId = m_item->displayId();
    problem.job = rule ? rule->displayName : q(job);
    problem.message = message;
    m_out->append(std::move(problem));
}

void ResponseValidator::jobMap(simdjson::dom::object jobs, const std::vector<std::string>* allowed,
                               std::string_view opener, int depth) {
    if (depth > kMaxDepth) {
        error(nullptr, {},
              QStringLiteral("the jsonResponse nests child jobs more than %1 levels "
                             "deep")
                  .arg(kMaxDepth));
        return;
    }
    for (auto field : jobs) {
        const std::string_view key = field.key;
        if (isNotAJob(key))
            continue;
        PathSegment segment(m_path, key);
        const JobRule* rule = m_rules.job(key);
        if (!rule) {
            if (!allowed && depth == 0 && isFrameIndex(key) && field.value.is_object()) {
                // video: {"0": {jobs…}, "1": {…}} keyed by frame index
                jobMap(field.value.get_object().value_unsafe(), nullptr, {}, depth + 1);
                continue;
            }
            if (key == "isKeyFrame" && depth > 0 && !allowed)
                continue;
            error(nullptr, key,
                  QStringLiteral("\"%1\" is not a job of this project's interface (its jobs: %2)")
                      .arg(q(key), m_rules.jobNames().join(QStringLiteral(", "))));
            continue;
        }
        if (!allowed && rule->isChild) {
            error(*rule, QStringLiteral("this is a child job; it must appear under the "
                                        "\"children\" of the category that opens it, not at the "
                                        "top level"));
            continue;
        }
        if (allowed && std::find(allowed->begin(), allowed->end(), key) == allowed->end()) {
            error(
                *rule,
                opener.empty()
                    ? QStringLiteral("this job is not a child job of the annotation's "
                                     "categories")
                    : QStringLiteral("this job is not a child of category \"%1\"").arg(q(opener)));
            continue;
        }
        job(*rule, field.value, depth);
    }
}

void ResponseValidator::job(const JobRule& rule, simdjson::dom::element value, int depth) {
    simdjson::dom::object answer;
    if (value.get_object().get(answer)) {
        error(rule, QStringLiteral("the answer of a job must be an object"));
        return;
    }
    switch (rule.kind) {
    case JobRule::Kind::Classification: {
        simdjson::dom::element list;
        if (answer["categories"].get(list)) {
            error(rule, QStringLiteral("a classification answer needs \"categories\""));
            return;
        }
        PathSegment segment(m_path, "categories");
        categories(rule, list, true, depth, nullptr);
        return;
    }
    case JobRule::Kind::ObjectDetection:
    case JobRule::Kind::Pose:
    case JobRule::Kind::NamedEntities:
    case JobRule::Kind::Relation: {
        simdjson::dom::element list;
        if (answer["annotations"].get(list)) {
            error(rule, QStringLiteral("the answer needs \"annotations\" (a list)"));
            return;
        }
        PathSegment segment(m_path, "annotations");
        simdjson::dom::array annotations;
        if (list.get_array().get(annotations)) {
            error(rule, QStringLiteral("\"annotations\" must be a list"));
            return;
        }
        std::size_t index = 0;
        for (auto item : annotations) {
            PathSegment at(m_path, index++);
            annotation(rule, item, depth);
        }
        return;
    }
    case JobRule::Kind::Transcription:
        transcription(rule, answer);
        return;
    case JobRule::Kind::Other:
        return;
    }
}

void ResponseValidator::categories(const JobRule& rule, simdjson::dom::element value,
                                   bool allowChildren, int depth,
                                   std::vector<const std::vector<std::string>*>* opened) {
    simdjson::dom::array list;
    if (value.get_array().get(list)) {
        error(rule, QStringLiteral("\"categories\" must be a list"));
        return;
    }
    if (rule.singleChoice && list.size() > 1) {
        error(rule, QStringLiteral("%1 categories given but the job takes one (%2)")
                        .arg(list.size())
                        .arg(inputDescription(rule)));
    }
    std::vector<std::string_view> seen;
    std::size_t index = 0;
    for (auto item : list) {
        PathSegment at(m_path, index++);
        simdjson::dom::object category;
        std::string_view name;
        if (item.get_object().get(category) || category["name"].get_string().get(name)) {
            error(rule, QStringLiteral("a category must be an object with a \"name\" string"));
            continue;
        }
        const auto known = rule.categories.find(name);
        if (known == rule.categories.end()) {
            error(rule, QStringLiteral("\"%1\" is not a category of this job (its categories: %2); "
                                       "responses use the category key, not its display name")
                            .arg(q(name), rule.categoryKeys.join(QStringLiteral(", "))));
        } else if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            error(rule, QStringLiteral("category \"%1\" is given twice").arg(q(name)));
        } else {
            seen.push_back(name);
            if (opened)
                opened->push_back(&known->second);
        }
        simdjson::dom::element confidence;
        if (!category["confidence"].get(confidence)) {
            PathSegment field(m_path, "confidence");
            confidenceValue(rule, confidence, "confidence");
        }
        simdjson::dom::element children;
        if (allowChildren && !category["children"].get(children)) {
            PathSegment field(m_path, "children");
            simdjson::dom::object childJobs;
            if (children.get_object().get(childJobs))
                error(rule, QStringLiteral("\"children\" must be an object of child jobs"));
            else if (known != rule.categories.end())
                jobMap(childJobs, &known->second, name, depth + 1);
        }
    }
}

void ResponseValidator::confidenceValue(const JobRule& rule, simdjson::dom::element value,
                                        const char* field) {
    const QLatin1String name(field);
    double number = 0;
    if (!kili::predictions::number(value, number)) {
        error(rule, QStringLiteral("%1 must be a number from 0 to 100").arg(name));
        return;
    }
    if (!std::isfinite(number) || number < 0 || number > 100) {
        error(rule, QStringLiteral("%1 %2 is outside 0–100").arg(name, QString::number(number)));
        return;
    }
    if (m_scalesConfidence)
        return;
    const bool whole = number == std::floor(number);
    // Kili stores whole numbers: 0.8 among 0–100 values would silently become 1 %.
    if (!whole && number < 1) {
        error(rule,
              QStringLiteral("%1 %2 looks like a 0–1 score; Kili takes whole numbers 0–100: "
                             "use --scale-confidence (in the desk: tick \"Scale 0–1 confidences\")")
                  .arg(name, QString::number(number)));
    } else if (!whole) {
        error(rule, QStringLiteral("%1 %2 is not a whole number; Kili takes whole numbers 0–100")
                        .arg(name, QString::number(number)));
    }
    ++m_confidence.count;
    if (number <= 1)
        ++m_confidence.atMostOne;
    if (!whole)
        ++m_confidence.fractional;
}

void ResponseValidator::annotation(const JobRule& rule, simdjson::dom::element value, int depth) {
    simdjson::dom::object object;
    if (value.get_object().get(object)) {
        error(rule, QStringLiteral("an annotation must be an object"));
        return;
    }
    simdjson::dom::element mid;
    if (!object["mid"].get(mid)) {
        PathSegment field(m_path, "mid");
        std::string_view text;
        if (mid.get_string().get(text) || text.empty())
            error(rule, QStringLiteral("\"mid\" must be a non-empty string"));
        else
            m_mids.insert(text);
    }
    std::vector<const std::vector<std::string>*> opened;
    simdjson::dom::element categoryList;
    if (!object["categories"].get(categoryList)) {
        PathSegment field(m_path, "categories");
        categories(rule, categoryList, false, depth, &opened);
    } else if (rule.kind != JobRule::Kind::Relation) {
        error(rule, QStringLiteral("the annotation has no \"categories\""));
    }
    simdjson::dom::element score;
    if (!object["score"].get(score)) {
        PathSegment field(m_path, "score");
        confidenceValue(rule, score, "score");
    }
    std::string_view type;
    simdjson::dom::element typeValue;
    if (!object["type"].get(typeValue)) {
        PathSegment field(m_path, "type");
        if (typeValue.get_string().get(type)) {
            error(rule, QStringLiteral("\"type\" must be a string"));
        } else if (rule.kind == JobRule::Kind::ObjectDetection
                   || rule.kind == JobRule::Kind::Pose) {
            const bool allowed =
                rule.hasTool(type) || (rule.kind == JobRule::Kind::Pose && type == "marker");
            if (!allowed) {
                QStringList tools;
                for (const auto& tool : rule.tools)
                    tools << q(tool);
                error(rule, QStringLiteral("annotation type \"%1\" is not one of the job's tools "
                                           "(%2)")
                                .arg(q(type), tools.join(QStringLiteral(", "))));
            }
        }
    }
    switch (rule.kind) {
    case JobRule::Kind::ObjectDetection:
    case JobRule::Kind::Pose:
        geometry(rule, object, type);
        break;
    case JobRule::Kind::NamedEntities: {
        double begin = 0, end = 0;
        simdjson::dom::element offset;
        const bool hasBegin = !object["beginOffset"].get(offset);
        if (hasBegin) {
            PathSegment field(m_path, "beginOffset");
            if (!number(offset, begin) || begin < 0)
                error(rule, QStringLiteral("beginOffset must be a number ≥ 0"));
        }
        const bool hasEnd = !object["endOffset"].get(offset);
        if (hasEnd) {
            PathSegment field(m_path, "endOffset");
            if (!number(offset, end) || end < 0)
                error(rule, QStringLiteral("endOffset must be a number ≥ 0"));
        }
        if (hasBegin && hasEnd && begin >= 0 && end >= 0 && begin > end)
            error(rule, QStringLiteral("beginOffset %1 is after endOffset %2").arg(begin).arg(end));
        break;
    }
    case JobRule::Kind::Relation:
        relations(rule, object);
        break;
    default:
        break;
    }
    simdjson::dom::element children;
    if (!object["children"].get(children)) {
        PathSegment field(m_path, "children");
        simdjson::dom::object childJobs;
        if (children.get_object().get(childJobs)) {
            error(rule, QStringLiteral("\"children\" must be an object of child jobs"));
            return;
        }
        std::vector<std::string> allowed;
        for (const auto* names : opened)
            allowed.insert(allowed.end(), names->begin(), names->end());
        jobMap(childJobs, &allowed, {}, depth + 1);
    }
}

bool ResponseValidator::vertex(const JobRule& rule, simdjson::dom::element value) {
    double x = 0, y = 0;
    simdjson::dom::element coordinate;
    const bool ok = value.is_object() && !value["x"].get(coordinate) && number(coordinate, x)
                    && !value["y"].get(coordinate) && number(coordinate, y);
    if (!ok) {
        error(rule, QStringLiteral("a vertex must be an object {\"x\": number, \"y\": number}"));
        return false;
    }
    if (x < 0 || x > 1 || y < 0 || y > 1) {
        error(rule, QStringLiteral("vertex (%1, %2) is outside the image; normalised coordinates "
                                   "go from 0 to 1")
                        .arg(x)
                        .arg(y));
        return false;
    }
    return true;
}

void ResponseValidator::geometry(const JobRule& rule, simdjson::dom::object annotation,
                                 std::string_view type) {
    simdjson::dom::element value;
    if (type == "marker" || (type.empty() && !annotation["point"].get(value))) {
        if (annotation["point"].get(value)) {
            error(rule, QStringLiteral("a marker needs a \"point\" {x, y}"));
            return;
        }
        PathSegment field(m_path, "point");
        vertex(rule, value);
        return;
    }
    if (type == "polyline" || type == "vector") {
        simdjson::dom::array points;
        if (annotation["polyline"].get_array().get(points)) {
            error(rule, QStringLiteral("a %1 needs a \"polyline\" list of points").arg(q(type)));
            return;
        }
        PathSegment field(m_path, "polyline");
        if (points.size() < 2)
            error(rule,
                  QStringLiteral("a line needs at least 2 points, got %1").arg(points.size()));
        std::size_t index = 0;
        for (auto point : points) {
            PathSegment at(m_path, index++);
            vertex(rule, point);
        }
        return;
    }
    if (type == "pose") {
        simdjson::dom::array points;
        if (annotation["points"].get_array().get(points)) {
            error(rule, QStringLiteral("a pose needs a \"points\" list"));
            return;
        }
        PathSegment field(m_path, "points");
        std::size_t index = 0;
        for (auto point : points) {
            PathSegment at(m_path, index++);
            simdjson::dom::element position;
            if (point["point"].get(position)) {
                error(rule, QStringLiteral("a pose point needs a \"point\" {x, y}"));
                continue;
            }
            PathSegment inner(m_path, "point");
            vertex(rule, position);
        }
        return;
    }
    simdjson::dom::array polys;
    if (annotation["boundingPoly"].get_array().get(polys) || polys.size() == 0) {
        error(rule, QStringLiteral("the annotation needs a non-empty \"boundingPoly\" list"));
        return;
    }
    PathSegment field(m_path, "boundingPoly");
    std::size_t index = 0;
    for (auto poly : polys) {
        PathSegment at(m_path, index++);
        simdjson::dom::array vertices;
        if (poly["normalizedVertices"].get_array().get(vertices)) {
            error(rule, QStringLiteral("each boundingPoly needs a \"normalizedVertices\" list"));
            continue;
        }
        PathSegment list(m_path, "normalizedVertices");
        if (type == "rectangle" && vertices.size() != 4)
            error(
                rule,
                QStringLiteral("a rectangle has exactly 4 vertices, got %1").arg(vertices.size()));
        else if (type != "rectangle" && vertices.size() < 3)
            error(
                rule,
                QStringLiteral("a polygon needs at least 3 vertices, got %1").arg(vertices.size()));
        std::size_t vertexIndex = 0;
        for (auto point : vertices) {
            PathSegment atVertex(m_path, vertexIndex++);
            if (!vertex(rule, point))
                break; // one message per polygon is enough
        }
    }
}

void ResponseValidator::relations(const JobRule& rule, simdjson::dom::object annotation) {
    for (const char* side : {"startEntities", "endEntities", "startObjects", "endObjects"}) {
        simdjson::dom::element value;
        if (annotation[side].get(value))
            continue;
        PathSegment field(m_path, side);
        simdjson::dom::array ends;
        if (value.get_array().get(ends)) {
            error(rule,
                  QStringLiteral("%1 must be a list of {\"mid\": …}").arg(QLatin1String(side)));
            continue;
        }
        std::size_t index = 0;
        for (auto end : ends) {
            PathSegment at(m_path, index++);
            std::string_view mid;
            if (end["mid"].get_string().get(mid) || mid.empty()) {
                error(rule, QStringLiteral("a relation end needs a \"mid\" string"));
                continue;
            }
            m_references.push_back({std::string(mid), m_path, &rule});
        }
    }
}

void ResponseValidator::transcription(const JobRule& rule, simdjson::dom::object answer) {
    simdjson::dom::element value;
    if (answer["text"].get(value)) {
        error(rule, QStringLiteral("a transcription answer needs \"text\""));
        return;
    }
    PathSegment field(m_path, "text");
    std::string_view text;
    if (value.get_string().get(text)) {
        error(rule, QStringLiteral("\"text\" must be a string"));
        return;
    }
    if (rule.input == "date") {
        const QDate date = QDate::fromString(q(text), QStringLiteral("yyyy-MM-dd"));
        if (!date.isValid() || text.size() != 10)
            error(rule, QStringLiteral("\"%1\" is not a date written YYYY-MM-DD").arg(q(text)));
    } else if (rule.input == "number") {
        bool ok = false;
        q(text).toDouble(&ok);
        if (!ok)
            error(rule, QStringLiteral("\"%1\" is not a number").arg(q(text)));
    }
}

int ResponseValidator::checkAgainstText(simdjson::dom::element response, const PredictionItem& item,
                                        QStringView text, QList<Problem>& out) {
    m_item = &item;
    m_out = &out;
    m_errors = 0;
    m_path.clear();
    simdjson::dom::object jobs;
    if (!response.get_object().get(jobs))
        textJobs(jobs, text, 0);
    noteUnlisted();
    return m_errors;
}

// The walk of jobMap/job/categories/annotation, reduced to what leads to named entities; the
// structure was checked by validate() already, so anything unexpected is skipped quietly.
void ResponseValidator::textJobs(simdjson::dom::object jobs, QStringView text, int depth) {
    if (depth > kMaxDepth)
        return;
    for (auto field : jobs) {
        const JobRule* rule = m_rules.job(field.key);
        simdjson::dom::object answer;
        if (!rule || field.value.get_object().get(answer))
            continue;
        PathSegment segment(m_path, field.key);
        const bool annotated = rule->kind == JobRule::Kind::NamedEntities
                               || rule->kind == JobRule::Kind::ObjectDetection
                               || rule->kind == JobRule::Kind::Pose
                               || rule->kind == JobRule::Kind::Relation;
        simdjson::dom::array list;
        if (answer[annotated ? "annotations" : "categories"].get_array().get(list))
            continue;
        PathSegment listSegment(m_path, annotated ? "annotations" : "categories");
        std::size_t index = 0;
        for (auto element : list) {
            PathSegment at(m_path, index++);
            simdjson::dom::object object;
            if (element.get_object().get(object))
                continue;
            if (rule->kind == JobRule::Kind::NamedEntities)
                textEntity(*rule, object, text);
            simdjson::dom::object children;
            if (!object["children"].get_object().get(children)) {
                PathSegment childSegment(m_path, "children");
                textJobs(children, text, depth + 1);
            }
        }
    }
}

void ResponseValidator::textEntity(const JobRule& rule, simdjson::dom::object annotation,
                                   QStringView text) {
    simdjson::dom::element unused;
    if (!annotation["beginId"].get(unused))
        return; // rich text: the offsets count inside the block beginId names
    const auto offset = [&](const char* key) -> std::optional<qint64> {
        double value = 0;
        simdjson::dom::element element;
        if (annotation[key].get(element) || !number(element, value) || value < 0
            || value != std::floor(value) || value > 1e15)
            return std::nullopt;
        return qint64(value);
    };
    const std::optional<qint64> begin = offset("beginOffset");
    const std::optional<qint64> end = offset("endOffset");
    const qint64 length = text.size();
    if (begin && *begin > length) {
        PathSegment field(m_path, "beginOffset");
        error(rule, QStringLiteral("beginOffset %1 is past the end of the asset's text (%2 "
                                   "characters)")
                        .arg(*begin)
                        .arg(length));
        return;
    }
    if (end && *end > length) {
        PathSegment field(m_path, "endOffset");
        error(rule, QStringLiteral("endOffset %1 is past the end of the asset's text (%2 "
                                   "characters)")
                        .arg(*end)
                        .arg(length));
        return;
    }
    std::string_view contentUtf8;
    if (!begin || annotation["content"].get_string().get(contentUtf8))
        return;
    const QString content = q(contentUtf8);
    PathSegment field(m_path, "content");
    if (*begin + content.size() > length) {
        error(rule, QStringLiteral("the entity %1 at beginOffset %2 runs past the end of the "
                                   "asset's text (%3 characters)")
                        .arg(excerpt(content))
                        .arg(*begin)
                        .arg(length));
        return;
    }
    const QStringView there = text.mid(*begin, content.size());
    if (there != content) {
        error(rule, QStringLiteral("\"content\" is %1 but the asset's text at beginOffset %2 is "
                                   "%3; the offsets do not match this asset's text")
                        .arg(excerpt(content))
                        .arg(*begin)
                        .arg(excerpt(there)));
    }
}

const QString* ResponseValidator::inlineText(const QString& content) {
    static const char* const kSchemes[] = {
        "http://", "https://", "data:", "file:", "gs://", "s3://"};
    if (content.isEmpty())
        return nullptr;
    for (const char* scheme : kSchemes) {
        if (content.startsWith(QLatin1String(scheme), Qt::CaseInsensitive))
            return nullptr;
    }
    return &content;
}

qint64 ResponseValidator::checkAgainstTexts(
    std::vector<PredictionItem>& items,
    const std::function<const QString*(const PredictionItem&)>& textOf, QList<Problem>& out) {
    simdjson::dom::parser parser;
    const auto end = std::remove_if(items.begin(), items.end(), [&](const PredictionItem& item) {
        if (!item.jsonResponse.contains("\"beginOffset\""))
            return false; // no entity with an offset: nothing to compare (and no parse)
        const QString* text = textOf(item);
        if (!text)
            return false;
        simdjson::dom::element response;
        if (parser.parse(item.jsonResponse.constData(), std::size_t(item.jsonResponse.size()))
                .get(response))
            return false; // compact JSON written by us; validate() saw it whole
        return checkAgainstText(response, item, *text, out) > 0;
    });
    const qint64 removed = qint64(items.end() - end);
    items.erase(end, items.end());
    return removed;
}

} // namespace kili::predictions
