#include "predictions/kilifilereader.h"

#include "predictions/jsonarrayreader.h"

#include <QFileInfo>

namespace kili::predictions {

void KiliFileReader::read(const QString& path, ReadSink& sink) {
    PredictionItem item;
    item.externalId = QFileInfo(path).completeBaseName();
    item.source = {path, 0, {}};
    simdjson::padded_string text;
    QString error;
    if (!loadPadded(path, text, error)) {
        sink.onProblem(readProblem(item.source, error, item.externalId));
        return;
    }
    auto parsed = m_parser.parse(text);
    if (parsed.error()) {
        sink.onProblem(readProblem(item.source,
                                   QStringLiteral("the file is not valid JSON (%1)")
                                       .arg(QLatin1String(simdjson::error_message(parsed.error()))),
                                   item.externalId));
        return;
    }
    simdjson::dom::element response;
    if (!m_decoder.decodeResponse(parsed.value_unsafe(), response, error)) {
        sink.onProblem(readProblem(item.source, error, item.externalId));
        return;
    }
    sink.onItem(std::move(item), response);
}

} // namespace kili::predictions
