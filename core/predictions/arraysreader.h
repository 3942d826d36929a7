// `arrays`: the form of Kili's original tutorial, parallel arrays in one object:
// {"externalIdArray": [...], "jsonResponseArray": [...], "modelNameArray"?: [...]}.
// modelNameArray holds one name per item or a single name for all.
#pragma once

#include "predictions/predictionreader.h"

namespace kili::predictions {

class ArraysReader : public PredictionReader {
public:
    void read(const QString& path, ReadSink& sink) override;

private:
    simdjson::dom::parser m_parser;
    ItemObjectDecoder m_decoder;
};

} // namespace kili::predictions
