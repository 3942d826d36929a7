#include "predictions/jsonarrayreader.h"

#include <QFile>
#include <algorithm>
#include <cstring>

namespace kili::predictions {

bool loadPadded(const QString& path, simdjson::padded_string& out, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = cannotOpenMessage(file.errorString());
        return false;
    }
    // Read straight into the padded buffer: a copy would double the memory a large file takes.
    const qint64 size = file.size();
    out = simdjson::padded_string(std::size_t(qMax<qint64>(size, 0)));
    const qint64 read = size > 0 ? file.read(out.data(), size) : 0;
    if (read != size) {
        error = cannotOpenMessage(file.errorString());
        return false;
    }
    if (size >= 3 && std::memcmp(out.data(), "\xEF\xBB\xBF", 3) == 0)
        out = simdjson::padded_string(out.data() + 3, std::size_t(size - 3));
    return true;
}

namespace {
QString jsonError(simdjson::error_code code) {
    return QLatin1String(simdjson::error_message(code));
}
} // namespace

void JsonArrayReader::read(const QString& path, ReadSink& sink) {
    simdjson::padded_string text;
    QString error;
    if (!loadPadded(path, text, error)) {
        sink.onProblem(readProblem({path, 0, {}}, error));
        return;
    }
    const char* const begin = text.data();
    const char* counted = begin;
    qint64 line = 1;
    auto lineAt = [&](const char* position) {
        line += std::count(counted, position, '\n');
        counted = position;
        return line;
    };

    simdjson::ondemand::document document;
    simdjson::ondemand::array array;
    if (auto code = m_scanner.iterate(text).get(document); code) {
        sink.onProblem(readProblem(
            {path, 1, {}}, QStringLiteral("the file is not valid JSON (%1)").arg(jsonError(code))));
        return;
    }
    if (auto code = document.get_array().get(array); code) {
        sink.onProblem(readProblem(
            {path, 1, {}}, QStringLiteral("the file does not hold a JSON array of predictions (%1)")
                               .arg(jsonError(code))));
        return;
    }
    qint64 index = 0;
    for (auto value : array) {
        const QString pointer = jsonPointerToken(index++);
        simdjson::ondemand::value element;
        simdjson::ondemand::object object;
        std::string_view raw;
        const char* location = nullptr;
        if (auto code = value.get(element); code) {
            const char* here = document.current_location().value_unsafe();
            sink.onProblem(readProblem(
                {path, lineAt(here ? here : begin), pointer},
                QStringLiteral("the file is not valid JSON here (%1)").arg(jsonError(code))));
            return;
        }
        if (element.current_location().get(location) || element.get_object().get(object)) {
            sink.onProblem(readProblem({path, location ? lineAt(location) : 0, pointer},
                                       QStringLiteral("the item is not a JSON object")));
            continue;
        }
        if (auto code = object.raw_json().get(raw); code) {
            sink.onProblem(readProblem(
                {path, lineAt(location), pointer},
                QStringLiteral("the item is not valid JSON (%1)").arg(jsonError(code))));
            return;
        }
        const SourceLocation where{path, lineAt(raw.data()), pointer};
        // `raw` points into the padded buffer, so it can be parsed in place.
        auto parsed = m_parser.parse(raw.data(), raw.size(), false);
        if (parsed.error()) {
            sink.onProblem(readProblem(
                where,
                QStringLiteral("the item is not valid JSON (%1)").arg(jsonError(parsed.error()))));
            continue;
        }
        m_decoder.decode(parsed.value_unsafe(), where, sink);
    }
    if (index == 0)
        sink.onProblem(
            readProblem({path, 1, {}}, noPredictionMessage(QStringLiteral("its array is empty"))));
}

} // namespace kili::predictions
