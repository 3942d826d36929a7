#include "predictions/jsonarrayreader.h"

#include <QFile>
#include <algorithm>

namespace kili::predictions {

bool loadPadded(const QString& path, simdjson::padded_string& out, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = cannotOpenMessage(file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    const qsizetype skip = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    out = simdjson::padded_string(bytes.constData() + skip, std::size_t(bytes.size() - skip));
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
