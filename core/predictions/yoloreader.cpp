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
    , m_builder(targetJob) {}

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
        if (lines.lastLineTooLong()) {
            sink.onProblem(readProblem(where,
                                       lineTooLongMessage(lines.lastLineBytes(), kMaxYoloLineBytes),
                                       item.externalId));
            broken = true;
            continue;
        }
        const auto parts = fields(line);
        if (parts.empty())
            continue;
        double values[5] = {0, 0, 0, 0, 1.0};
        bool ok = parts.size() == 5 || parts.size() == 6;
        for (std::size_t i = 1; ok && i < parts.size(); ++i)
            ok = toDouble(parts[i], values[i - 1]);
        int classId = -1;
        if (ok) {
            const auto result =
                std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), classId);
            ok = result.ec == std::errc() && result.ptr == parts[0].data() + parts[0].size();
        }
        if (!ok) {
            sink.onProblem(readProblem(
                where,
                QStringLiteral("expected `class x_center y_center width height [probability]` "
                               "with numbers, got \"%1\"")
                    .arg(QString::fromUtf8(line.data(), qsizetype(line.size()))),
                item.externalId));
            broken = true;
            continue;
        }
        if (!m_classes.contains(classId)) {
            sink.onProblem(readProblem(
                where,
                QStringLiteral("class %1 is not in the classes file (it has %2 classes)")
                    .arg(classId)
                    .arg(m_classes.size()),
                item.externalId));
            broken = true;
            continue;
        }
        const double xc = values[0], yc = values[1], w = values[2], h = values[3];
        if (w < 0 || h < 0) {
            // the corners would still fall inside the image, so the validator cannot see it
            sink.onProblem(readProblem(
                where,
                QStringLiteral("the box has a negative width or height (%1 × %2); YOLO sizes "
                               "are fractions of the image between 0 and 1")
                    .arg(w)
                    .arg(h),
                item.externalId));
            broken = true;
            continue;
        }
        const double left = xc - w / 2, right = xc + w / 2, top = yc - h / 2, bottom = yc + h / 2;
        const int confidence = parts.size() == 6 ? int(100 * values[4]) : 100;
        m_builder.addRectangle(left, top, right, bottom, m_classes.name(classId), confidence);
    }
    if (lines.failed()) {
        sink.onProblem(
            readProblem(item.source, cannotOpenMessage(lines.errorString()), item.externalId));
        return;
    }
    if (broken)
        return; // a partial set of boxes would look complete on the server
    auto parsed = m_parser.parse(m_builder.finish());
    if (parsed.error()) {
        sink.onProblem(readProblem(item.source,
                                   QStringLiteral("internal error building the "
                                                  "jsonResponse"),
                                   item.externalId));
        return;
    }
    sink.onItem(std::move(item), parsed.value_unsafe());
}

} // namespace kili::predictions
