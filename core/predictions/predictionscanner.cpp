#include "predictions/predictionscanner.h"

#include "predictions/arraysreader.h"
#include "predictions/cocoreader.h"
#include "predictions/compactjson.h"
#include "predictions/jsonarrayreader.h"
#include "predictions/jsonlreader.h"
#include "predictions/kilifilereader.h"
#include "predictions/vocreader.h"
#include "predictions/yoloreader.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace kili::predictions {

namespace {
std::size_t identityHash(const PredictionItem& item) {
    const QString key = item.assetId.isEmpty() ? QStringLiteral("e:") + item.externalId
                                               : QStringLiteral("a:") + item.assetId;
    return qHash(key, 0x9e3779b9);
}
} // namespace

PredictionScanner::PredictionScanner(const Interface& interface, ScanOptions options)
    : m_rules(interface)
    , m_validator(m_rules)
    , m_options(std::move(options))
    , m_filter(m_options.categoryMap, m_options.minConfidence, m_options.scaleConfidence,
               m_options.classMinimums) {
    m_validator.setScalesConfidence(m_options.scaleConfidence);
}

PredictionScanner::~PredictionScanner() = default;

void PredictionScanner::setProgressCallback(std::function<void(qint64)> callback, qint64 every) {
    m_progress = std::move(callback);
    m_progressEvery = qMax<qint64>(1, every);
}

void PredictionScanner::fileProblem(const QString& path, const QString& message) {
    Problem problem;
    problem.source.file = path;
    problem.message = message;
    m_result.problems.append(std::move(problem));
    // A file that cannot be read at all is an invalid input: the plan must not look clean.
    ++m_result.invalidItems;
}

const JobRule* PredictionScanner::targetDetectionJob(const QString& formatLabel,
                                                     QString* error) const {
    if (m_options.targetJob.isEmpty()) {
        QStringList candidates;
        for (const QString& name : m_rules.jobNames()) {
            const JobRule* job = m_rules.job(name.toStdString());
            if (job->kind == JobRule::Kind::ObjectDetection && !job->isChild)
                candidates << name;
        }
        // The interface's only object-detection job is the one meant: no need to name it.
        if (candidates.size() == 1)
            return m_rules.job(candidates.first().toStdString());
        *error = QStringLiteral("%1 files need a target job: give --target-job with the "
                                "object-detection job that receives the boxes%2")
                     .arg(formatLabel, candidates.isEmpty()
                                           ? QStringLiteral(" (this project has none)")
                                           : QStringLiteral(" (this project's: %1)")
                                                 .arg(candidates.join(QStringLiteral(", "))));
        return nullptr;
    }
    const JobRule* job = m_rules.job(m_options.targetJob.toStdString());
    if (!job || (job->kind != JobRule::Kind::ObjectDetection)) {
        *error = QStringLiteral("the target job \"%1\" is not an object-detection job of this "
                                "project")
                     .arg(m_options.targetJob);
        return nullptr;
    }
    return job;
}

std::unique_ptr<PredictionReader> PredictionScanner::readerFor(PredictionFormat format,
                                                               QString* error) {
    switch (format) {
    case PredictionFormat::Kili:
        return std::make_unique<KiliFileReader>();
    case PredictionFormat::Jsonl:
        return std::make_unique<JsonlReader>();
    case PredictionFormat::Json:
        return std::make_unique<JsonArrayReader>();
    case PredictionFormat::Arrays:
        return std::make_unique<ArraysReader>();
    case PredictionFormat::YoloV4:
    case PredictionFormat::YoloV5:
    case PredictionFormat::YoloV7:
    case PredictionFormat::YoloV8: {
        const JobRule* job = targetDetectionJob(QStringLiteral("YOLO"), error);
        if (!job)
            return {};
        if (m_options.classesFile.isEmpty()) {
            *error = QStringLiteral("YOLO files need their classes file (classes.txt, obj.names or "
                                    "a data.yaml): give --classes FILE");
            return {};
        }
        YoloClasses classes = YoloClasses::load(m_options.classesFile, error);
        if (classes.isEmpty())
            return {};
        if (format == PredictionFormat::YoloV8)
            return std::make_unique<YoloReader>(std::move(classes), *job,
                                                CategoryResolver(*job, m_options.categoryMap));
        return std::make_unique<YoloReader>(std::move(classes), QString::fromStdString(job->name));
    }
    case PredictionFormat::Voc: {
        const JobRule* job = targetDetectionJob(QStringLiteral("Pascal VOC"), error);
        if (!job)
            return {};
        return std::make_unique<VocReader>(*job, CategoryResolver(*job, m_options.categoryMap));
    }
    case PredictionFormat::Coco: {
        const JobRule* job = targetDetectionJob(QStringLiteral("COCO"), error);
        if (!job)
            return {};
        return std::make_unique<CocoReader>(*job, CategoryResolver(*job, m_options.categoryMap),
                                            m_options.cocoDataset);
    }
    case PredictionFormat::Auto:
        break;
    }
    *error = QStringLiteral("the format of this file is not recognised; give --format (one of %1)")
                 .arg(formatNames().mid(1).join(QStringLiteral(", ")));
    return {};
}

PredictionFormat PredictionScanner::formatOf(const QString& file) const {
    if (m_options.format != PredictionFormat::Auto)
        return m_options.format;
    const PredictionFormat format = detectFormat(file);
    if (format == PredictionFormat::YoloV4 && (m_ultralyticsClasses || inUltralyticsLayout(file)))
        return PredictionFormat::YoloV8;
    return format;
}

void PredictionScanner::scan(const QStringList& paths) {
    const InputFiles inputs = collectInputs(paths);
    for (const QString& missing : inputs.errors)
        fileProblem(missing, QStringLiteral("does not exist; check the path"));
    if (m_options.classesFile.isEmpty())
        m_options.classesFile = inputs.classesFile;
    // The other files are still read: a folder may mix YOLO labels with other predictions.
    bool yoloUnavailable = false;
    const QString datasetPath = m_options.cocoDataset.isEmpty()
                                    ? QString()
                                    : QFileInfo(m_options.cocoDataset).absoluteFilePath();
    // An Ultralytics data.yaml says its task: its labels may hold polygons.
    QString ignored;
    m_ultralyticsClasses = !m_options.classesFile.isEmpty()
                           && !YoloClasses::load(m_options.classesFile, &ignored).task().isEmpty();
    for (const QString& file : inputs.files) {
        if (m_cancel && m_cancel->load()) {
            m_result.cancelled = true;
            return;
        }
        if (!datasetPath.isEmpty() && QFileInfo(file).absoluteFilePath() == datasetPath)
            continue; // the COCO dataset beside its results: names, not predictions
        const PredictionFormat format = formatOf(file);
        if (format == PredictionFormat::Auto)
            continue; // images and other files beside the predictions
        if (isYolo(format) && yoloUnavailable)
            continue; // the same problem for every .txt file: said once
        const bool darknet = isYolo(format) && format != PredictionFormat::YoloV8;
        auto& reader = m_readers[int(darknet ? PredictionFormat::YoloV4 : format)];
        if (!reader) {
            QString error;
            reader = readerFor(format, &error);
            if (!reader) {
                fileProblem(file, error);
                yoloUnavailable = yoloUnavailable || isYolo(format);
                continue;
            }
        }
        scanFile(file, *reader);
    }
}

void PredictionScanner::scanFile(const QString& path, PredictionReader& reader) {
    m_result.files << path;
    reader.read(path, *this);
    m_result.confidence = m_validator.confidence();
}

QString PredictionScanner::seenAt(const Seen& seen) const {
    SourceLocation location{m_result.files.value(seen.fileIndex), seen.line, {}};
    return location.toText();
}

void PredictionScanner::onProblem(Problem&& problem) {
    ++m_result.itemsRead;
    if (problem.isError())
        ++m_result.invalidItems;
    m_result.problems.append(std::move(problem));
    capProblems();
}

void PredictionScanner::capProblems() {
    const qsizetype excess = m_result.problems.size() - kMaxKeptProblems;
    if (excess <= 0)
        return;
    m_result.problemsNotKept += excess;
    m_result.problems.resize(kMaxKeptProblems);
}

void PredictionScanner::onItem(PredictionItem&& item, simdjson::dom::element jsonResponse) {
    ++m_result.itemsRead;
    if (m_progress && m_result.itemsRead % m_progressEvery == 0)
        m_progress(m_result.itemsRead);
    if (m_filter.isActive() && jsonResponse.is_object()) {
        ConfidenceDrops& drops = m_result.droppedBelowConfidence;
        const qint64 emptiedBefore = drops.emptied;
        const QJsonObject filtered =
            m_filter.apply(QJsonDocument::fromJson(compactJson(jsonResponse)).object(), drops);
        if (drops.emptied > emptiedBefore)
            return; // nothing left above the minimum confidence: nothing to send
        const QByteArray text = QJsonDocument(filtered).toJson(QJsonDocument::Compact);
        if (m_filteredParser.parse(text.constData(), std::size_t(text.size())).get(jsonResponse)) {
            Problem problem;
            problem.source = item.source;
            problem.externalId = item.displayId();
            problem.message = QStringLiteral("the jsonResponse could not be re-read after the "
                                             "category mapping and minimum confidence");
            onProblem(std::move(problem));
            --m_result.itemsRead; // counted already
            return;
        }
    }
    const int errors = m_validator.validate(jsonResponse, item, m_result.problems);
    capProblems();
    if (errors > 0) {
        ++m_result.invalidItems;
        return;
    }
    QByteArray json = compactJson(jsonResponse, m_options.scaleConfidence);
    const std::size_t contentHash = qHash(json, 0x51ed27);
    const auto [seen, inserted] = m_seen.try_emplace(
        identityHash(item), Seen{contentHash, item.source.line, m_result.files.size() - 1});
    if (!inserted) {
        Problem problem;
        problem.source = item.source;
        problem.externalId = item.displayId();
        if (seen->second.contentHash == contentHash) {
            problem.severity = Problem::Severity::Warning;
            problem.message = QStringLiteral("the same prediction is given again (first at %1); "
                                             "it is sent once")
                                  .arg(seenAt(seen->second));
            ++m_result.duplicates;
        } else {
            problem.message = QStringLiteral("this asset already has a different prediction in "
                                             "this import (at %1); keep one of them")
                                  .arg(seenAt(seen->second));
            ++m_result.invalidItems;
        }
        m_result.problems.append(std::move(problem));
        capProblems();
        return;
    }
    if (m_options.keepItems) {
        item.jsonResponse = std::move(json);
        m_result.items.push_back(std::move(item));
    }
}

} // namespace kili::predictions
