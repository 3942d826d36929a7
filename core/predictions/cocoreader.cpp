#include "predictions/cocoreader.h"

#include "predictions/jsonarrayreader.h"

#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace kili::predictions {

namespace {

// Models write boxes that end a rounding error past the image's edge; those are not mistakes.
constexpr double kEdgeTolerance = 1e-6;

bool clampToImage(double& value) {
    if (value < 0 && value > -kEdgeTolerance)
        value = 0;
    if (value > 1 && value < 1 + kEdgeTolerance)
        value = 1;
    return value >= 0 && value <= 1;
}

QString annotationName(const CocoAnnotation& annotation) {
    return annotation.id >= 0 ? QStringLiteral("annotation %1").arg(annotation.id)
                              : QStringLiteral("the annotation at index %1").arg(annotation.index);
}

int confidenceOf(const CocoAnnotation& annotation) {
    return annotation.score < 0 ? 100 : int(std::lround(annotation.score * 100));
}

} // namespace

struct CocoReader::Group {
    const QString* path = nullptr;
    const CocoContent* names = nullptr;   // images and categories
    const CocoContent* content = nullptr; // the annotations, their polygons and problems
    // the annotations of one image: indices into content->annotations
    const std::uint32_t* begin = nullptr;
    const std::uint32_t* end = nullptr;
    bool resultsList = false;

    const CocoAnnotation& at(const std::uint32_t* index) const {
        return content->annotations[*index];
    }
    SourceLocation where(const CocoAnnotation& annotation) const {
        return {*path, annotation.line,
                (resultsList ? QString() : QStringLiteral("/annotations"))
                    + jsonPointerToken(annotation.index)};
    }
};

CocoReader::CocoReader(const JobRule& job, CategoryResolver categories, QString datasetPath)
    : m_job(job)
    , m_resolver(std::move(categories))
    , m_datasetPath(std::move(datasetPath))
    , m_builder(job.displayName) {}

QString CocoReader::externalIdOf(const QString& fileName) {
    QString name = fileName;
    name.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return QFileInfo(name).completeBaseName();
}

bool CocoReader::loadDataset(const QString& resultsPath, ReadSink& sink) {
    if (m_datasetPath.isEmpty()) {
        sink.onProblem(readProblem(
            {resultsPath, 0, {}},
            QStringLiteral("a COCO results list names its images and categories by number only; "
                           "give the dataset file they come from with --coco-dataset FILE (in "
                           "the desk: asked for when the file is dropped)")));
        return false;
    }
    if (!m_dataset && m_datasetError.isEmpty())
        m_datasetError = readDataset();
    if (!m_dataset) {
        sink.onProblem(readProblem({resultsPath, 0, {}},
                                   QStringLiteral("the COCO dataset %1 cannot be used: %2")
                                       .arg(m_datasetPath, m_datasetError)));
        return false;
    }
    return true;
}

QString CocoReader::readDataset() {
    simdjson::padded_string text;
    QString error;
    if (!loadPadded(m_datasetPath, text, error))
        return error;
    CocoContent dataset;
    qint64 line = 0;
    if (!m_fileParser.parse(text, dataset, false, error, line))
        return QStringLiteral("line %1: %2").arg(line).arg(error);
    if (dataset.isResultsList || dataset.images.empty())
        return QStringLiteral("it holds no \"images\"; give the dataset file (with \"images\" "
                              "and \"categories\")");
    m_dataset = std::move(dataset);
    return {};
}

void CocoReader::read(const QString& path, ReadSink& sink) {
    simdjson::padded_string text;
    QString error;
    if (!loadPadded(path, text, error)) {
        sink.onProblem(readProblem({path, 0, {}}, error));
        return;
    }
    CocoContent content;
    qint64 line = 0;
    if (!m_fileParser.parse(text, content, true, error, line)) {
        sink.onProblem(readProblem({path, line, {}}, error));
        return;
    }
    text = simdjson::padded_string(); // what is needed is in `content` now
    if (content.isResultsList && !loadDataset(path, sink))
        return;
    if (content.annotations.empty()) {
        sink.onProblem(readProblem(
            {path, 0, {}}, noPredictionMessage(QStringLiteral("it has no COCO annotation"))));
        return;
    }
    emitImages(path, content.isResultsList ? *m_dataset : content, content, sink);
}

void CocoReader::emitImages(const QString& path, const CocoContent& names, CocoContent& content,
                            ReadSink& sink) {
    // Sorting indices, not the annotations, keeps the memory of a million annotations single.
    const std::vector<CocoAnnotation>& all = content.annotations;
    std::vector<std::uint32_t> order(all.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return all[a].imageId != all[b].imageId ? all[a].imageId < all[b].imageId : a < b;
    });
    Group group{&path, &names, &content, nullptr, nullptr, content.isResultsList};
    for (auto first = order.cbegin(); first != order.cend();) {
        const std::int64_t imageId = all[*first].imageId;
        const auto last = std::find_if(first, order.cend(), [&](std::uint32_t index) {
            return all[index].imageId != imageId;
        });
        group.begin = &*first;
        group.end = group.begin + (last - first);
        emitImage(group, sink);
        first = last;
    }
}

void CocoReader::emitImage(const Group& group, ReadSink& sink) {
    const CocoAnnotation& first = group.at(group.begin);
    const auto found = group.names->images.find(first.imageId);
    if (found == group.names->images.end()) {
        sink.onProblem(readProblem(group.where(first),
                                   QStringLiteral("image_id %1 (%2 annotations) is not among the "
                                                  "images of the COCO dataset; check that the "
                                                  "results come from that dataset")
                                       .arg(first.imageId)
                                       .arg(group.end - group.begin)));
        return;
    }
    const CocoImage& image = found->second;
    PredictionItem item;
    item.externalId = externalIdOf(image.fileName);
    item.source = {*group.path, first.line, {}};
    const QString imageName =
        QStringLiteral("image %1 (%2)").arg(first.imageId).arg(image.fileName);
    if (item.externalId.isEmpty() || image.width <= 0 || image.height <= 0) {
        sink.onProblem(readProblem(
            group.where(first),
            item.externalId.isEmpty()
                ? QStringLiteral("image %1 has no \"file_name\", so no asset can be found for it; "
                                 "add the file name of the asset")
                      .arg(first.imageId)
                : QStringLiteral("%1 has no \"width\" and \"height\" in pixels, so its boxes "
                                 "cannot be placed; add them to the COCO file")
                      .arg(imageName),
            item.externalId));
        return;
    }
    m_builder.clear();
    bool broken = false;
    for (const std::uint32_t* index = group.begin; index != group.end; ++index) {
        const CocoAnnotation* annotation = &group.at(index);
        const auto given = annotation->hasProblem ? group.content->problems.find(annotation->index)
                                                  : group.content->problems.end();
        const QString problem = given != group.content->problems.end()
                                    ? given->second
                                    : addAnnotation(*annotation, image, group);
        if (problem.isEmpty())
            continue;
        sink.onProblem(readProblem(group.where(*annotation),
                                   annotationName(*annotation) + QStringLiteral(": ") + problem,
                                   item.externalId));
        broken = true;
    }
    if (broken)
        return;
    m_builder.send(std::move(item), sink);
}

const std::optional<QString>& CocoReader::categoryKey(std::int64_t id, const CocoContent& names) {
    if (m_keysFor != &names) {
        m_keys.clear();
        m_keysFor = &names;
    }
    const auto cached = m_keys.find(id);
    if (cached != m_keys.end())
        return cached->second;
    const auto category = names.categories.find(id);
    std::optional<QString> key;
    if (category != names.categories.end())
        key = m_resolver.resolve(category->second);
    return m_keys.emplace(id, std::move(key)).first->second;
}

QString CocoReader::addAnnotation(const CocoAnnotation& annotation, const CocoImage& image,
                                  const Group& group) {
    const CocoContent& names = *group.names;
    const std::optional<QString>& key = categoryKey(annotation.categoryId, names);
    if (!key) {
        const auto category = names.categories.find(annotation.categoryId);
        if (category == names.categories.end())
            return QStringLiteral("category_id %1 is not among the file's categories")
                .arg(annotation.categoryId);
        return m_resolver.unmatchedMessage(category->second);
    }
    const bool polygonTool = m_job.hasTool("polygon");
    if (polygonTool && annotation.isRle)
        return QStringLiteral("RLE masks are not read yet; give polygons in \"segmentation\" or "
                              "import to a job without the polygon tool to get the bbox");
    std::vector<NormalisedPoint> points;
    const auto place = [&](double x, double y) {
        NormalisedPoint point{x / image.width, y / image.height};
        const bool inside = clampToImage(point.x) && clampToImage(point.y);
        points.push_back(point);
        return inside;
    };
    const auto outside = [&](double x, double y) {
        return QStringLiteral("the point (%1, %2) lies outside its image of %3 × %4 pixels; COCO "
                              "coordinates are pixels from the image's top-left corner")
            .arg(x)
            .arg(y)
            .arg(image.width)
            .arg(image.height);
    };
    if (polygonTool && annotation.partCount > 0) {
        const double* value = group.content->polygonValues.data() + annotation.firstValue;
        for (std::uint32_t part = 0; part < annotation.partCount; ++part) {
            const int size = group.content->polygonSizes[annotation.firstPart + part];
            if (size < 6 || size % 2)
                return QStringLiteral("a polygon of \"segmentation\" needs at least 3 points "
                                      "(x, y pairs), got %1 numbers")
                    .arg(size);
            points.clear();
            for (int i = 0; i < size; i += 2, value += 2) {
                if (!place(value[0], value[1]))
                    return outside(value[0], value[1]);
            }
            m_builder.addPolygon(points, *key, confidenceOf(annotation));
        }
        return {};
    }
    if (!annotation.hasBbox)
        return QStringLiteral("the annotation has no \"bbox\" [x, y, width, height]");
    const double* box = annotation.bbox;
    if (box[2] < 0 || box[3] < 0)
        return QStringLiteral("the bbox has a negative width or height (%1 × %2)")
            .arg(box[2])
            .arg(box[3]);
    if (!place(box[0], box[1]))
        return outside(box[0], box[1]);
    if (!place(box[0] + box[2], box[1] + box[3]))
        return outside(box[0] + box[2], box[1] + box[3]);
    m_builder.addRectangle(points[0].x, points[0].y, points[1].x, points[1].y, *key,
                           confidenceOf(annotation));
    return {};
}

} // namespace kili::predictions
