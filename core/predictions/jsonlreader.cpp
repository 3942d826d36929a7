#include "predictions/jsonlreader.h"

#include "predictions/linereader.h"

#include <QFile>

namespace kili::predictions {

namespace {
bool isBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}
} // namespace

void JsonlReader::read(const QString& path, ReadSink& sink) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.onProblem(readProblem({path, 0, {}}, cannotOpenMessage(file.errorString())));
        return;
    }
    LineReader lines(file, simdjson::SIMDJSON_PADDING);
    lines.setMaxLineBytes(kMaxJsonlLineBytes);
    std::string_view line;
    bool anyLine = false;
    while (lines.next(line)) {
        const SourceLocation where{path, lines.lineNumber(), {}};
        if (lines.lastLineTooLong()) {
            anyLine = true;
            sink.onProblem(
                readProblem(where, lineTooLongMessage(lines.lastLineBytes(), kMaxJsonlLineBytes)));
            continue;
        }
        if (isBlank(line))
            continue;
        anyLine = true;
        // LineReader guarantees SIMDJSON_PADDING readable bytes after the line: parse in place.
        auto parsed = m_parser.parse(line.data(), line.size(), false);
        if (parsed.error()) {
            sink.onProblem(readProblem(
                where, QStringLiteral("the line is not valid JSON (%1)")
                           .arg(QLatin1String(simdjson::error_message(parsed.error())))));
            continue;
        }
        m_decoder.decode(parsed.value_unsafe(), where, sink);
    }
    if (lines.failed())
        sink.onProblem(
            readProblem({path, lines.lineNumber(), {}}, cannotOpenMessage(lines.errorString())));
    else if (!anyLine)
        sink.onProblem(readProblem({path, 0, {}}, noPredictionMessage(QStringLiteral(
                                                      "it is empty or has only blank lines"))));
}

} // namespace kili::predictions
