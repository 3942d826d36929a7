#pragma once

#include "annotationpainter.h"
#include "annotations.h"

namespace kili::ui {

// One label drawn over the asset: its annotations and the style that tells it apart.
struct PreviewLayer {
    QString title; // "PREDICTION yolo-v8" or "DEFAULT alice@…"
    Annotations annotations;
    OverlayStyle style;
};

} // namespace kili::ui
