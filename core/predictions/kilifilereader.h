// `kili`: one JSON file per asset holding its jsonResponse (an object, or a JSON string of one);
// the file name without its last extension is the asset's external id, as in Kili's own CLI.
#pragma once

#include "predictions/predictionreader.h"

namespace kili::predictions {

class KiliFileReader : public PredictionReader {
public:
    void read(const QString& path, ReadSink& sink) override;

private:
    simdjson::dom::parser m_parser;
    ItemObjectDecoder m_decoder;
};

} // namespace kili::predictions
