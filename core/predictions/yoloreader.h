// `yolo_v4` / `yolo_v5` / `yolo_v7`: one .txt file per asset (file name without extension =
// external id), one line per box `class xc yc w h [probability]` in normalised coordinates.
// Each box becomes a rectangle annotation of the target object-detection job, as Kili's CLI
// builds it: vertices bottom-left, top-left, top-right, bottom-right, and
// categories [{name, confidence: int(100·p), or 100 without p}].
#pragma once

#include "predictions/predictionreader.h"
#include "predictions/responsebuilder.h"
#include "predictions/yoloclasses.h"

namespace kili::predictions {

class YoloReader : public PredictionReader {
public:
    YoloReader(YoloClasses classes, QString targetJob);
    void read(const QString& path, ReadSink& sink) override;

private:
    YoloClasses m_classes;
    ResponseBuilder m_builder;
    simdjson::dom::parser m_parser;
};

} // namespace kili::predictions
