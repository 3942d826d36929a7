// libFuzzer targets for the prediction readers and the jsonResponse validator. One source, built
// once per target with KILI_FUZZ_TARGET naming what the input is:
//   jsonl, json, arrays, kili  — a prediction file for that reader, checked against a fixed
//                                interface (so validation is fuzzed too)
//   yolo, yolo8                — classes file (yolo8: a data.yaml), a NUL byte, then a YOLO
//                                label file (yolo8: read as Ultralytics' boxes and polygons)
//   coco                       — a COCO file; or a COCO dataset, a NUL byte, then a results list
//   voc                        — a Pascal VOC XML file
//   validate                   — a jsonInterface, a NUL byte, then a jsonResponse
//   options                    — a --map file (JSON or CSV) and a --thresholds file, then the
//                                mapping and minimums applied to a jsonResponse by the filter
#include "domain/interface.h"
#include "predictions/arraysreader.h"
#include "predictions/cocoreader.h"
#include "predictions/importoptionsfile.h"
#include "predictions/jsonarrayreader.h"
#include "predictions/jsonlreader.h"
#include "predictions/kilifilereader.h"
#include "predictions/predictionscanner.h"
#include "predictions/responsevalidator.h"
#include "predictions/vocreader.h"
#include "predictions/yoloreader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <cstdint>
#include <cstring>
#include <string>
#include <unistd.h>

using namespace kili::predictions;

namespace {

const char* kInterface =
    R"({"jobs":{"CLASSIFICATION_JOB":{"mlTask":"CLASSIFICATION","isChild":false,"content":{"input":"radio",)"
    R"("categories":{"CAR":{"name":"Car","children":["COLOR"]},"BUS":{"name":"Bus"}}}},)"
    R"("COLOR":{"mlTask":"CLASSIFICATION","isChild":true,"content":{"input":"checkbox","categories":{"RED":{},"BLUE":{}}}},)"
    R"("DETECTION":{"mlTask":"OBJECT_DETECTION","tools":["rectangle","polygon","marker","polyline"],"isChild":false,)"
    R"("content":{"input":"radio","categories":{"CAR":{"name":"Car","children":["PLATE"]}}}},)"
    R"("PLATE":{"mlTask":"TRANSCRIPTION","isChild":true,"content":{"input":"textField"}},)"
    R"("DATE":{"mlTask":"TRANSCRIPTION","isChild":false,"content":{"input":"date"}},)"
    R"("NER":{"mlTask":"NAMED_ENTITIES_RECOGNITION","isChild":false,"content":{"input":"radio","categories":{"ORG":{}}}},)"
    R"("REL":{"mlTask":"NAMED_ENTITIES_RELATION","isChild":false,"content":{"input":"radio","categories":{"R":{}}}},)"
    R"("POSE":{"mlTask":"OBJECT_DETECTION","tools":["pose"],"isChild":false,"content":{"input":"radio","categories":{"HEAD":{}}}}}})";

QString scratchFile(const char* name) {
    static const QString dir = QDir::tempPath() + QStringLiteral("/kili-fuzz-%1").arg(getpid());
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + QLatin1String(name);
}

void writeFile(const QString& path, const char* data, std::size_t size) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(data, qint64(size));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const char* data = reinterpret_cast<const char*>(bytes);
    static const kili::Interface interface = kili::Interface::parse(kInterface);
    const std::string target = KILI_FUZZ_TARGET;
    if (target == "validate") {
        const void* split = std::memchr(data, 0, size);
        if (!split)
            return 0;
        const std::size_t head = std::size_t(static_cast<const char*>(split) - data);
        const kili::Interface fuzzed =
            kili::Interface::parse(QByteArrayView(data, qsizetype(head)));
        const InterfaceRules rules(fuzzed);
        ResponseValidator validator(rules);
        simdjson::dom::parser parser;
        auto parsed = parser.parse(data + head + 1, size - head - 1);
        if (!parsed.error()) {
            PredictionItem item;
            QList<Problem> problems;
            validator.validate(parsed.value_unsafe(), item, problems);
        }
        return 0;
    }
    if (target == "options") {
        const QByteArray bytes(data, qsizetype(size));
        QString error;
        const auto map = parseCategoryMap(bytes, QStringLiteral("map.csv"), &error);
        const auto json = parseCategoryMap(bytes, QStringLiteral("map.json"), &error);
        const auto minimums = parseThresholds(bytes, QStringLiteral("thresholds.json"), &error);
        const ResponseFilter filter(map.value_or(json.value_or(CategoryMap())), 50, false,
                                    minimums.value_or(ClassMinimums()));
        ConfidenceDrops drops;
        filter.apply(QJsonDocument::fromJson(bytes).object(), drops);
        return 0;
    }
    ScanOptions options;
    options.targetJob = QStringLiteral("DETECTION");
    PredictionScanner scanner(interface, options);
    if (target == "yolo" || target == "yolo8") {
        const void* split = std::memchr(data, 0, size);
        if (!split)
            return 0;
        const std::size_t head = std::size_t(static_cast<const char*>(split) - data);
        QString error;
        YoloClasses classes = YoloClasses::parse(QByteArray(data, qsizetype(head)), &error);
        const QString path = scratchFile("img.txt");
        writeFile(path, data + head + 1, size - head - 1);
        static const InterfaceRules rules(interface);
        const JobRule& job = *rules.job("DETECTION");
        auto reader =
            target == "yolo8"
                ? std::make_unique<YoloReader>(std::move(classes), job, CategoryResolver(job, {}))
                : std::make_unique<YoloReader>(std::move(classes), job.displayName);
        scanner.scanFile(path, *reader);
        return 0;
    }
    if (target == "coco") {
        static const InterfaceRules rules(interface);
        const JobRule& job = *rules.job("DETECTION");
        const void* split = std::memchr(data, 0, size);
        const std::size_t head = split ? std::size_t(static_cast<const char*>(split) - data) : size;
        const QString dataset = scratchFile("dataset.json");
        const QString results = scratchFile("results.json");
        writeFile(dataset, data, head);
        if (split)
            writeFile(results, data + head + 1, size - head - 1);
        CocoReader reader(job, CategoryResolver(job, {}), split ? dataset : QString());
        scanner.scanFile(split ? results : dataset, reader);
        return 0;
    }
    const QString path = scratchFile("input.json");
    writeFile(path, data, size);
    if (target == "voc") {
        static const InterfaceRules rules(interface);
        const JobRule& job = *rules.job("DETECTION");
        VocReader reader(job, CategoryResolver(job, {}));
        scanner.scanFile(path, reader);
    } else if (target == "jsonl") {
        JsonlReader reader;
        scanner.scanFile(path, reader);
    } else if (target == "json") {
        JsonArrayReader reader;
        scanner.scanFile(path, reader);
    } else if (target == "arrays") {
        ArraysReader reader;
        scanner.scanFile(path, reader);
    } else {
        KiliFileReader reader;
        scanner.scanFile(path, reader);
    }
    return 0;
}
