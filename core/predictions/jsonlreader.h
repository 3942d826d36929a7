// JSONL / NDJSON: one `{"externalId" | "assetId", "jsonResponse", "modelName"?}` object per line.
// Streams the file line by line; blank lines are skipped.
#pragma once

#include "predictions/predictionreader.h"

namespace kili::predictions {

class JsonlReader : public PredictionReader {
public:
    void read(const QString& path, ReadSink& sink) override;

private:
    simdjson::dom::parser m_parser;
    ItemObjectDecoder m_decoder;
};

} // namespace kili::predictions
