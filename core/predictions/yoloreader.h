// `yolo_v4` / `yolo_v5` / `yolo_v7`: one .txt file per asset (file name without extension =
// external id), one line per box `class xc yc w h [probability]` in normalised coordinates.
// Each box becomes a rectangle annotation of the target object-detection job, as Kili's CLI
// builds it: vertices bottom-left, top-left, top-right, bottom-right, and
// categories [{name, confidence: int(100·p), or 100 without p}].
// `yolo_v8` (Ultralytics v8 and v11) also reads segmentation lines `class x1 y1 … xn yn [conf]`
// and oriented boxes `class x1 y1 x2 y2 x3 y3 x4 y4 [conf]` as polygons (the job needs the polygon
// tool), checks them against the data.yaml's `task` when it has one, and matches class names to
// the job's categories as CategoryResolver does.
#pragma once

#include "predictions/categoryresolver.h"
#include "predictions/predictionreader.h"
#include "predictions/responsebuilder.h"
#include "predictions/yoloclasses.h"

#include <optional>

namespace kili::predictions {

class YoloReader : public PredictionReader {
public:
    YoloReader(YoloClasses classes, QString targetJob);
    // Ultralytics (yolo_v8): boxes, segmentation and oriented boxes into `job`.
    YoloReader(YoloClasses classes, const JobRule& job, CategoryResolver categories);
    void read(const QString& path, ReadSink& sink) override;

private:
    // Adds one line's shape; returns the problem, or empty when it was added.
    QString addLine(const std::vector<std::string_view>& parts, std::string_view line);
    QString addPolygon(const std::vector<double>& values, const QString& name);
    QString formatProblem(std::string_view line) const;
    // The category name written for a class: its name, or (Ultralytics) the matching key.
    const std::optional<QString>& categoryOf(int classId);

    YoloClasses m_classes;
    ResponseBuilder m_builder;
    bool m_ultralytics = false;
    bool m_polygonTool = false;
    QString m_job;
    std::optional<CategoryResolver> m_resolver;
    QHash<int, std::optional<QString>> m_categories;
};

} // namespace kili::predictions
