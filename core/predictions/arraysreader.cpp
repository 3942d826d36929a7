#include "predictions/arraysreader.h"

#include "predictions/jsonarrayreader.h"

namespace kili::predictions {

namespace {
QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// "a number", "an object"…: what a value is, for messages.
QString typeName(simdjson::dom::element value) {
    switch (value.type()) {
    case simdjson::dom::element_type::ARRAY:
        return QStringLiteral("an array");
    case simdjson::dom::element_type::OBJECT:
        return QStringLiteral("an object");
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
        return QStringLiteral("a number");
    case simdjson::dom::element_type::STRING:
        return QStringLiteral("a string");
    case simdjson::dom::element_type::BOOL:
        return QStringLiteral("a boolean");
    case simdjson::dom::element_type::NULL_VALUE:
        break;
    }
    return QStringLiteral("null");
}

QString modelNameMessage(simdjson::dom::element model) {
    return QStringLiteral("a model name must be a string (or null for the import's --model), "
                          "got %1")
        .arg(typeName(model));
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
    // modelNameArray is optional: absent or null means the import's model name for all.
    simdjson::dom::element modelsValue;
    const bool hasModels = !root["modelNameArray"].get(modelsValue) && !modelsValue.is_null();
    if (hasModels && modelsValue.get_array().get(models)) {
        sink.onProblem(readProblem({path, 0, QStringLiteral("/modelNameArray")},
                                   QStringLiteral("\"modelNameArray\" must be an array of model "
                                                  "names (strings), got %1")
                                       .arg(typeName(modelsValue))));
        return;
    }
    if (ids.size() == 0) {
        sink.onProblem(
            readProblem({path, 0, QStringLiteral("/externalIdArray")},
                        noPredictionMessage(QStringLiteral("externalIdArray is empty"))));
        return;
    }
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
    if (hasModels && models.size() == 1) { // one name for all: refuse it once, not per item
        const simdjson::dom::element model = models.at(0).value_unsafe();
        if (!model.is_string() && !model.is_null()) {
            sink.onProblem(readProblem({path, 0, QStringLiteral("/modelNameArray/0")},
                                       modelNameMessage(model)));
            return;
        }
    }
    // Walked side by side: dom::array::at() is linear, at(index) per item would be quadratic.
    auto idAt = ids.begin();
    auto responseAt = responses.begin();
    auto modelAt = hasModels ? models.begin() : simdjson::dom::array::iterator();
    const bool modelPerItem = hasModels && models.size() > 1;
    for (std::size_t index = 0; index < ids.size(); ++index, ++idAt, ++responseAt) {
        if (modelPerItem && index > 0)
            ++modelAt; // here, before any `continue`
        const QString indexToken = jsonPointerToken(qint64(index));
        std::string_view id;
        if ((*idAt).get_string().get(id) || id.empty()) {
            sink.onProblem(
                readProblem({path, 0, QStringLiteral("/externalIdArray") + indexToken},
                            QStringLiteral("the external id must be a non-empty string")));
            continue;
        }
        PredictionItem item;
        item.externalId = toQString(id);
        item.source = {path, 0, QStringLiteral("/jsonResponseArray") + indexToken};
        if (hasModels) {
            const std::size_t modelIndex = models.size() == 1 ? 0 : index;
            const simdjson::dom::element model = *modelAt;
            std::string_view name;
            if (!model.get_string().get(name)) {
                item.modelName = toQString(name);
            } else if (!model.is_null()) {
                sink.onProblem(readProblem(
                    {path, 0,
                     QStringLiteral("/modelNameArray") + jsonPointerToken(qint64(modelIndex))},
                    modelNameMessage(model), item.externalId));
                continue;
            }
        }
        simdjson::dom::element response;
        if (!m_decoder.decodeResponse(*responseAt, response, error)) {
            sink.onProblem(readProblem(item.source, error, item.externalId));
            continue;
        }
        sink.onItem(std::move(item), response);
    }
}

} // namespace kili::predictions
