// `coco`: a COCO dataset file (`images`, `categories`, `annotations`) or a COCO results list
// (`[{"image_id", "category_id", "bbox", "score"}, …]`, whose images and categories come from the
// dataset file given beside it). Every image with annotations becomes one prediction of the
// target object-detection job for the asset whose external id is the image's `file_name`
// without folder and extension (Kili's file-name rule):
// - `bbox` [x, y, w, h] → rectangle; a polygon `segmentation` → polygon when the job has the
//   polygon tool (else the bbox rectangle); a run-length mask is a problem until masks are read;
// - coordinates are divided by that image's own `width` and `height`;
// - `score` → confidence round(score × 100), 100 without one;
// - category names match the job's categories as CategoryResolver says.
// An annotation that cannot be converted is a problem with its place (JSON pointer, line and
// annotation id), and its image is not sent: a partial set of shapes would look complete.
#pragma once

#include "predictions/categoryresolver.h"
#include "predictions/cocofile.h"
#include "predictions/predictionreader.h"
#include "predictions/responsebuilder.h"

#include <optional>

namespace kili::predictions {

class CocoReader : public PredictionReader {
public:
    // `datasetPath`: the dataset that names the images and categories of results lists.
    CocoReader(const JobRule& job, CategoryResolver categories, QString datasetPath);
    void read(const QString& path, ReadSink& sink) override;

    // "photo-001" for "train/photo-001.jpg" (also with Windows separators).
    static QString externalIdOf(const QString& fileName);

private:
    struct Group;
    bool loadDataset(const QString& resultsPath, ReadSink& sink);
    QString readDataset(); // the reason it cannot be used, or empty
    void emitImages(const QString& path, const CocoContent& names, CocoContent& content,
                    ReadSink& sink);
    void emitImage(const Group& group, ReadSink& sink);
    // Adds one annotation's shapes; returns the problem, or empty when it was added.
    QString addAnnotation(const CocoAnnotation& annotation, const CocoImage& image,
                          const Group& group);
    const std::optional<QString>& categoryKey(std::int64_t id, const CocoContent& names);

    const JobRule& m_job;
    CategoryResolver m_resolver;
    QString m_datasetPath;
    std::optional<CocoContent> m_dataset; // read once, for every results list
    QString m_datasetError;
    std::unordered_map<std::int64_t, std::optional<QString>> m_keys; // category id → key
    const CocoContent* m_keysFor = nullptr;                          // the content m_keys belong to
    CocoFileParser m_fileParser;
    ResponseBuilder m_builder;
};

} // namespace kili::predictions
