#include "predictions/predictionformat.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace kili::predictions {

namespace {
struct FormatName {
    PredictionFormat format;
    const char* name;
};
constexpr FormatName kNames[] = {
    {PredictionFormat::Auto, "auto"},      {PredictionFormat::Kili, "kili"},
    {PredictionFormat::Jsonl, "jsonl"},    {PredictionFormat::Json, "json"},
    {PredictionFormat::Arrays, "arrays"},  {PredictionFormat::YoloV4, "yolo_v4"},
    {PredictionFormat::YoloV5, "yolo_v5"}, {PredictionFormat::YoloV7, "yolo_v7"},
    {PredictionFormat::Coco, "coco"},      {PredictionFormat::YoloV8, "yolo_v8"},
    {PredictionFormat::Voc, "voc"},
};

QByteArray firstBytes(const QString& path, qint64 size) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.read(size);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    return bytes;
}
} // namespace

QString formatName(PredictionFormat format) {
    for (const auto& entry : kNames) {
        if (entry.format == format)
            return QLatin1String(entry.name);
    }
    return {};
}

std::optional<PredictionFormat> formatFromName(QStringView name) {
    if (name.compare(QLatin1String("ndjson"), Qt::CaseInsensitive) == 0)
        return PredictionFormat::Jsonl;
    if (name.compare(QLatin1String("yolo_v11"), Qt::CaseInsensitive) == 0)
        return PredictionFormat::YoloV8; // the same label files as v8
    if (name.compare(QLatin1String("raw"), Qt::CaseInsensitive) == 0)
        return PredictionFormat::Kili; // Kili's CLI calls the same format `raw`
    for (const auto& entry : kNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.format;
    }
    return std::nullopt;
}

QStringList formatNames() {
    QStringList names;
    for (const auto& entry : kNames)
        names << QLatin1String(entry.name);
    return names;
}

bool isYolo(PredictionFormat format) {
    return format == PredictionFormat::YoloV4 || format == PredictionFormat::YoloV5
           || format == PredictionFormat::YoloV7 || format == PredictionFormat::YoloV8;
}

bool inUltralyticsLayout(const QString& path) {
    QDir dir = QFileInfo(path).absoluteDir();
    for (int depth = 0; depth < 4; ++depth) {
        if (dir.dirName() == QLatin1String("labels")) {
            QDir parent = dir;
            return parent.cdUp() && parent.exists(QStringLiteral("images"));
        }
        if (!dir.cdUp())
            break;
    }
    return false;
}

bool looksLikeYoloClassesFile(const QString& path) {
    const QFileInfo info(path);
    const QString name = info.fileName().toLower();
    const QString suffix = info.suffix().toLower();
    return name == QLatin1String("classes.txt") || suffix == QLatin1String("names")
           || suffix == QLatin1String("yaml") || suffix == QLatin1String("yml");
}

PredictionFormat detectFormat(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        return PredictionFormat::Jsonl;
    if (suffix == QLatin1String("xml")) // other XML beside the predictions is not read
        return firstBytes(path, 4096).contains("<annotation") ? PredictionFormat::Voc
                                                              : PredictionFormat::Auto;
    if (suffix == QLatin1String("txt"))
        return looksLikeYoloClassesFile(path) ? PredictionFormat::Auto : PredictionFormat::YoloV4;
    if (suffix != QLatin1String("json"))
        return PredictionFormat::Auto;
    const QByteArray head = firstBytes(path, 64 * 1024).trimmed();
    if (head.startsWith('[')) {
        const bool cocoResults =
            head.contains("\"image_id\"") && !head.contains("\"jsonResponse\"");
        return cocoResults ? PredictionFormat::Coco : PredictionFormat::Json;
    }
    if (!head.startsWith('{'))
        return PredictionFormat::Kili; // not JSON at all: the kili reader reports it
    if (head.contains("\"externalIdArray\"") || head.contains("\"jsonResponseArray\""))
        return PredictionFormat::Arrays;
    if (head.contains("\"images\"") && !head.contains("\"jsonResponse\""))
        return PredictionFormat::Coco;
    // Several objects, one per line, each with a jsonResponse: JSONL saved as .json.
    const qsizetype newline = head.indexOf('\n');
    if (newline > 0 && head.left(newline).contains("\"jsonResponse\"")
        && head.mid(newline).trimmed().startsWith('{'))
        return PredictionFormat::Jsonl;
    return PredictionFormat::Kili;
}

bool isCocoResultsList(const QString& path) {
    return detectFormat(path) == PredictionFormat::Coco
           && firstBytes(path, 4096).trimmed().startsWith('[');
}

InputFiles collectInputs(const QStringList& paths) {
    InputFiles inputs;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            inputs.errors << path;
            continue;
        }
        QStringList found;
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
            while (it.hasNext())
                found << it.next();
            found.sort();
        } else {
            found << path;
        }
        for (const QString& file : found) {
            if (looksLikeYoloClassesFile(file)) {
                if (inputs.classesFile.isEmpty())
                    inputs.classesFile = file;
                continue;
            }
            inputs.files << file;
        }
        if (inputs.classesFile.isEmpty() && !info.isDir()
            && info.suffix().compare(QLatin1String("txt"), Qt::CaseInsensitive) == 0) {
            // a classes file beside a single .txt file
            const QDir dir = info.absoluteDir();
            for (const char* name : {"classes.txt", "obj.names", "data.yaml", "dataset.yaml"}) {
                if (dir.exists(QLatin1String(name))) {
                    inputs.classesFile = dir.filePath(QLatin1String(name));
                    break;
                }
            }
        }
    }
    return inputs;
}

} // namespace kili::predictions
