// The read + check stage of an import: reads every input file with the right reader, checks
// each jsonResponse against the interface, catches the same asset given twice with different
// content, and keeps the valid items (compact JSON) for the later stages. Streaming: only the
// valid items' compact jsonResponses stay in memory (nothing at all with keepItems = false).
#pragma once

#include "predictions/predictionformat.h"
#include "predictions/predictionreader.h"
#include "predictions/responsefilter.h"
#include "predictions/responsevalidator.h"

#include <atomic>
#include <memory>
#include <unordered_map>

namespace kili::predictions {

struct ScanOptions {
    PredictionFormat format = PredictionFormat::Auto;
    QString targetJob;            // YOLO formats: the object-detection job that receives the boxes
    QString classesFile;          // YOLO formats: class list; found beside the labels when empty
    QString cocoDataset;          // COCO results lists: the dataset naming images and categories
    bool scaleConfidence = false; // multiply 0–1 confidences by 100 (an explicit choice)
    bool keepItems = true;        // false: check only (benchmarks, quick validation)
    // Applied to every jsonResponse before it is checked (ResponseFilter):
    CategoryMap categoryMap; // job → (class name or YOLO name in the file → category key)
    // Categories and annotations below it (0–100, after scaleConfidence) are dropped and
    // counted in ScanResult::droppedBelowConfidence; a prediction left empty is not sent.
    std::optional<double> minConfidence;
    // Per class (category key, after the mapping): wins over minConfidence for that class.
    ClassMinimums classMinimums;
};

struct ScanResult {
    std::vector<PredictionItem> items; // the valid items, in input order
    // Errors and warnings in input order: the first kMaxKeptProblems of them; the others are
    // counted in problemsNotKept, so that a file of millions of bad lines does not fill memory.
    QList<Problem> problems;
    qint64 problemsNotKept = 0;
    qint64 itemsRead = 0;                   // items seen, valid or not
    qint64 invalidItems = 0;                // items with at least one error (or unreadable)
    qint64 duplicates = 0;                  // identical repeats, dropped
    ConfidenceDrops droppedBelowConfidence; // what ScanOptions::minConfidence took away
    ConfidenceStats confidence;
    QStringList files;
    bool cancelled = false;
};

class PredictionScanner : private ReadSink {
public:
    static constexpr qsizetype kMaxKeptProblems = 10000;

    PredictionScanner(const Interface& interface, ScanOptions options);
    ~PredictionScanner() override;

    // Reads all `paths` (files and folders). May be called from a worker thread.
    void scan(const QStringList& paths);
    // Read one file with an explicit reader (tests, fuzzing).
    void scanFile(const QString& path, PredictionReader& reader);
    ScanResult takeResult() { return std::move(m_result); }
    const ScanResult& result() const { return m_result; }

    // Checked between items; set from any thread to stop early.
    void setCancelFlag(const std::atomic_bool* flag) { m_cancel = flag; }
    // Called every `every` items with the number read so far (from the scanning thread).
    void setProgressCallback(std::function<void(qint64)> callback, qint64 every = 10000);

private:
    void onItem(PredictionItem&& item, simdjson::dom::element jsonResponse) override;
    void onProblem(Problem&& problem) override;
    // Keeps the first kMaxKeptProblems problems and counts the others.
    void capProblems();
    std::unique_ptr<PredictionReader> readerFor(PredictionFormat format, QString* error);
    // The given format, else the detected one (Ultralytics' YOLO when its layout or data.yaml
    // says so); Auto for files that are not predictions.
    PredictionFormat formatOf(const QString& file) const;
    // The object-detection job that formats of shapes (YOLO, COCO) write into.
    const JobRule* targetDetectionJob(const QString& formatLabel, QString* error) const;
    void fileProblem(const QString& path, const QString& message);

    // Kept for every valid item of a big import: small on purpose.
    struct Seen {
        std::size_t contentHash;
        qint64 line;
        qsizetype fileIndex;
    };
    QString seenAt(const Seen& seen) const;

    InterfaceRules m_rules;
    ResponseValidator m_validator;
    ScanOptions m_options;
    ResponseFilter m_filter;
    simdjson::dom::parser m_filteredParser; // holds the filtered jsonResponse being checked
    ScanResult m_result;
    std::unordered_map<std::size_t, Seen> m_seen; // hash of "e:<externalId>" / "a:<assetId>"
    std::unique_ptr<PredictionReader> m_readers[kPredictionFormatCount];
    bool m_ultralyticsClasses = false;
    const std::atomic_bool* m_cancel = nullptr;
    std::function<void(qint64)> m_progress;
    qint64 m_progressEvery = 10000;
};

} // namespace kili::predictions
