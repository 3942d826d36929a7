#include "predictions/arraysreader.h"

#include "predictions/jsonarrayreader.h"

namespace kili::predictions {

namespace {
QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

void ArraysReader::read(const QString& path, ReadSink& sink) {
    simdjson::padded_string text;
    QString error;
    if (!loadPadded(path, text, error)) {
        sink.onProblem(readProblem({path, 0, {}}, error));
        return;
    }
    auto parsed = m_parser.parse(text);
    if (parsed.error()) {
        sink.onProblem(readProblem(
            {path, 0, {}}, QStringLiteral("the file is not valid JSON (%1)")
                               .arg(QLatin1String(simdjson::error_message(parsed.error())))));
        return;
    }
    simdjson::dom::element root = parsed.value_unsafe();
    simdjson::dom::array ids, responses, models;
    if (root["externalIdArray"].get_array().get(ids)) {
        sink.onProblem(
            readProblem({path, 0, QStringLiteral("/externalIdArray")},
                        QStringLiteral("\"externalIdArray\" is missing or not an array")));
        return;
    }
    if (root["jsonResponseArray"].get_array().get(responses)) {
        sink.onProblem(
            readProblem({path, 0, QStringLiteral("/jsonResponseArray")},
                        QStringLiteral("\"jsonResponseArray\" is missing or not an array")));
        return;
    }
    const bool hasModels = !root["modelNameArray"].get_array().get(models);
    if (ids.size() != responses.size()) {
        sink.onProblem(readProblem(
            {path, 0, {}},
            QStringLiteral("externalIdArray has %1 entries but jsonResponseArray has %2; they "
                           "must have one entry per prediction")
                .arg(ids.size())
                .arg(responses.size())));
        return;
    }
    if (hasModels && models.size() != 1 && models.size() != ids.size()) {
        sink.onProblem(readProblem({path, 0, QStringLiteral("/modelNameArray")},
                                   QStringLiteral("modelNameArray has %1 entries; give one name "
                                                  "for all predictions or one per prediction")
                                       .arg(models.size())));
        return;
    }
    for (std::size_t index = 0; index < ids.size(); ++index) {
        const QString indexToken = jsonPointerToken(qint64(index));
        std::string_view id;
        if (ids.at(index).get_string().get(id) || id.empty()) {
            sink.onProblem(
                readProblem({path, 0, QStringLiteral("/externalIdArray") + indexToken},
                            QStringLiteral("the external id must be a non-empty string")));
            continue;
        }
        PredictionItem item;
        item.externalId = toQString(id);
        item.source = {path, 0, QStringLiteral("/jsonResponseArray") + indexToken};
        if (hasModels) {
            std::string_view model;
            if (!models.at(models.size() == 1 ? 0 : index).get_string().get(model))
                item.modelName = toQString(model);
        }
        simdjson::dom::element response;
        if (!m_decoder.decodeResponse(responses.at(index).value_unsafe(), response, error)) {
            sink.onProblem(readProblem(item.source, error, item.externalId));
            continue;
        }
        sink.onItem(std::move(item), response);
    }
}

} // namespace kili::predictions
