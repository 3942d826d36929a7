// Serialises a parsed jsonResponse back to compact JSON text — the form appendManyLabels sends —
// optionally multiplying every "confidence" by 100 (the conversion offered when a model wrote
// 0–1 probabilities).
#pragma once

#include <QByteArray>
#include <simdjson.h>

namespace kili::predictions {

QByteArray compactJson(simdjson::dom::element element, bool scaleConfidence = false);

} // namespace kili::predictions
