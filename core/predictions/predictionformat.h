// The input formats of an import, and how a file's format is recognised when none is given.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace kili::predictions {

enum class PredictionFormat {
    Auto,
    Kili,
    Jsonl,
    Json,
    Arrays,
    YoloV4,
    YoloV5,
    YoloV7,
    Coco,   // a dataset or a results list: the reader tells them apart
    YoloV8, // Ultralytics v8 and v11: boxes, segmentation, oriented boxes
    Voc,    // Pascal VOC XML, one file per image
};
constexpr int kPredictionFormatCount = int(PredictionFormat::Voc) + 1;

QString formatName(PredictionFormat format);                      // "kili", "jsonl", ..., "yolo_v5"
std::optional<PredictionFormat> formatFromName(QStringView name); // also "ndjson"
QStringList formatNames();
bool isYolo(PredictionFormat format);
// A label file in Ultralytics' layout: under a `labels` folder that has an `images` folder beside
// it (`dataset/labels/val/img.txt` beside `dataset/images/val/img.jpg`).
bool inUltralyticsLayout(const QString& path);

// Recognises one file from its extension and its first bytes:
// .jsonl/.ndjson → jsonl; .xml with an <annotation> → voc; .txt → yolo (YoloV4 as a placeholder:
// the classes file or the folder layout decides); .json → a COCO dataset ("images" and no
// "jsonResponse") or a COCO results list (`[` of objects with "image_id") → coco, another `[` →
// json array, an object with externalIdArray/jsonResponseArray → arrays, several objects on
// separate lines → jsonl, otherwise one jsonResponse → kili. Returns Auto when the file is not a
// prediction file (e.g. an image or a classes file).
PredictionFormat detectFormat(const QString& path);

// True for a COCO results list (`[{"image_id", …}, …]`): it needs the dataset that names its
// images and categories.
bool isCocoResultsList(const QString& path);

// True for the class list files that sit next to YOLO labels (classes.txt, obj.names, *.yaml).
bool looksLikeYoloClassesFile(const QString& path);

// Expands files and folders (recursively, sorted) into the files to read, and finds a YOLO
// classes file among them or beside them when none was given.
struct InputFiles {
    QStringList files;
    QString classesFile; // found automatically; empty when none
    QStringList errors;  // paths that do not exist
};
InputFiles collectInputs(const QStringList& paths);

} // namespace kili::predictions
