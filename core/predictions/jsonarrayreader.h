// `json`: a file holding one array of `{"externalId" | "assetId", "jsonResponse", ...}` objects.
// The file is loaded whole (use JSONL for very large imports); each item is located by its
// index (JSON pointer) and the line it starts on.
#pragma once

#include "predictions/predictionreader.h"

namespace kili::predictions {

class JsonArrayReader : public PredictionReader {
public:
    void read(const QString& path, ReadSink& sink) override;

private:
    simdjson::ondemand::parser m_scanner;
    simdjson::dom::parser m_parser;
    ItemObjectDecoder m_decoder;
};

// Reads a whole file into a padded buffer, without a UTF-8 BOM. Returns false with `error` set.
bool loadPadded(const QString& path, simdjson::padded_string& out, QString& error);

} // namespace kili::predictions
