#include "predictions/yoloreader.h"

#include "predictions/linereader.h"

#include <QFile>
#include <QFileInfo>
#include <charconv>

namespace kili::predictions {

namespace {

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            parts.push_back(line.substr(start, i - start));
    }
    return parts;
}

bool toDouble(std::string_view text, double& value) {
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

} // namespace

YoloReader::YoloReader(YoloClasses classes, QString targetJob)
    : m_classes(std::move(classes))
    , m_builder(targetJob)
    , m_job(targetJob) {}

YoloReader::YoloReader(YoloClasses classes, const JobRule& job, CategoryResolver categories)
    : m_classes(std::move(classes))
    , m_builder(job.displayName)
    , m_ultralytics(true)
    , m_polygonTool(job.hasTool("polygon"))
    , m_job(job.displayName)
    , m_resolver(std::move(categories)) {}

const std::optional<QString>& YoloReader::categoryOf(int classId) {
    auto known = m_categories.find(classId);
    if (known == m_categories.end()) {
        const QString name = m_classes.name(classId);
        known = m_categories.insert(classId, m_resolver ? m_resolver->resolve(name)
                                                        : std::optional<QString>(name));
    }
    return *known;
}

QString YoloReader::formatProblem(std::string_view line) const {
    const QString got = QString::fromUtf8(line.data(), qsizetype(line.size()));
    if (!m_ultralytics)
        return QStringLiteral("expected `class x_center y_center width height [probability]` "
                              "with numbers, got \"%1\"")
            .arg(got);
    return QStringLiteral("expected `class x_center y_center width height [confidence]`, a "
                          "segmentation `class x1 y1 … xn yn [confidence]` or an oriented box "
                          "`class x1 y1 … x4 y4 [confidence]` with numbers, got \"%1\"")
        .arg(got);
}

QString YoloReader::addPolygon(const std::vector<double>& values, const QString& name) {
    const std::size_t coordinates = values.size() - values.size() % 2;
    const QString& task = m_classes.task();
    if (task == QLatin1String("detect"))
        return QStringLiteral("the data.yaml says task: detect, so a line is `class x_center "
                              "y_center width height [confidence]`, not a polygon");
    if (task == QLatin1String("obb") && coordinates != 8)
        return QStringLiteral("the data.yaml says task: obb, so a line holds the 4 corners of an "
                              "oriented box (8 numbers), not %1")
            .arg(coordinates);
    if (!m_polygonTool)
        return QStringLiteral("the line is a polygon (segmentation or oriented box) but %1 has no "
                              "polygon tool; add the tool to the job, or import boxes")
            .arg(m_job);
    std::vector<NormalisedPoint> points;
    for (std::size_t i = 0; i + 1 < coordinates; i += 2)
        points.push_back({values[i], values[i + 1]});
    const int confidence = values.size() % 2 ? int(100 * values.back()) : 100;
    m_builder.addPolygon(points, name, confidence);
    return {};
}

QString YoloReader::addLine(const std::vector<std::string_view>& parts, std::string_view line) {
    const std::size_t count = parts.size() - 1;
    const bool box = count == 4 || count == 5;
    if (!box && (!m_ultralytics || count < 6))
        return formatProblem(line);
    std::vector<double> values(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (!toDouble(parts[i + 1], values[i]))
            return formatProblem(line);
    }
    int classId = -1;
    const auto result =
        std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), classId);
    if (result.ec != std::errc() || result.ptr != parts[0].data() + parts[0].size())
        return formatProblem(line);
    if (!m_classes.contains(classId))
        return QStringLiteral("class %1 is not in the classes file (it has %2 classes)")
            .arg(classId)
            .arg(m_classes.size());
    const std::optional<QString>& name = categoryOf(classId);
    if (!name)
        return m_resolver->unmatchedMessage(m_classes.name(classId));
    if (!box)
        return addPolygon(values, *name);
    const double xc = values[0], yc = values[1], w = values[2], h = values[3];
    if (w < 0 || h < 0) {
        // the corners would still fall inside the image, so the validator cannot see it
        return QStringLiteral("the box has a negative width or height (%1 × %2); YOLO sizes "
                              "are fractions of the image between 0 and 1")
            .arg(w)
            .arg(h);
    }
    const int confidence = count == 5 ? int(100 * values[4]) : 100;
    m_builder.addRectangle(xc - w / 2, yc - h / 2, xc + w / 2, yc + h / 2, *name, confidence);
    return {};
}

void YoloReader::read(const QString& path, ReadSink& sink) {
    PredictionItem item;
    item.externalId = QFileInfo(path).completeBaseName();
    item.source = {path, 0, {}};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.onProblem(
            readProblem(item.source, cannotOpenMessage(file.errorString()), item.externalId));
        return;
    }
    m_builder.clear();
    bool broken = false;
    LineReader lines(file);
    lines.setMaxLineBytes(kMaxYoloLineBytes);
    std::string_view line;
    while (lines.next(line)) {
        const SourceLocation where{path, lines.lineNumber(), {}};
        const auto parts = fields(line);
        if (parts.empty() && !lines.lastLineTooLong())
            continue;
        const QString problem = lines.lastLineTooLong()
                                    ? lineTooLongMessage(lines.lastLineBytes(), kMaxYoloLineBytes)
                                    : addLine(parts, line);
        if (!problem.isEmpty()) {
            sink.onProblem(readProblem(where, problem, item.externalId));
            broken = true;
        }
    }
    if (lines.failed()) {
        sink.onProblem(
            readProblem(item.source, cannotOpenMessage(lines.errorString()), item.externalId));
        return;
    }
    if (broken)
        return; // a partial set of boxes would look complete on the server
    m_builder.send(std::move(item), sink);
}

} // namespace kili::predictions
