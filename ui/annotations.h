// Drawable annotations extracted from a label's jsonResponse (kili-api.md §14), independent of
// any widget so that drawing can be tested by rendering into a QImage.
#pragma once

#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QPolygonF>
#include <QString>
#include <functional>
#include <optional>

namespace kili::ui {

// What the interface says about one category of one job: its display name and colour.
struct CategoryStyle {
    QString name;
    QColor color;
};

// Looks a category up in the project's interface; nullopt when the interface does not know it.
using CategoryStyleLookup =
    std::function<std::optional<CategoryStyle>(const QString& job, const QString& category)>;

// One object-detection annotation. Coordinates are normalised ([0, 1], origin top-left).
struct AnnotationShape {
    enum class Kind { Rectangle, Polygon, Point, Line };
    Kind kind = Kind::Polygon;
    QList<QPolygonF> contours; // a semantic annotation may hold several; a point holds one vertex
    QString job;
    QString category;
    QString caption; // category display name
    QColor color;
    std::optional<double> confidence; // 0..100
};

// One named entity in a TEXT asset: [begin, end) character offsets.
struct EntitySpan {
    int begin = 0;
    int end = 0;
    QString job;
    QString category;
    QString caption;
    QColor color;
    std::optional<double> confidence;
    QString mid; // the annotation's id, which relations name
};

// A named-entity relation (NAMED_ENTITIES_RELATION): from the entities `startMids` to `endMids`.
struct EntityRelation {
    QString job;
    QString category;
    QString caption;
    QColor color;
    QStringList startMids;
    QStringList endMids;
};

// A classification answer ("JOB: Category 87%"), shown beside the picture.
struct ClassificationAnswer {
    QString job;
    QString category;
    QString caption;
    QColor color;
    std::optional<double> confidence;
};

struct Annotations {
    QList<AnnotationShape> shapes;
    QList<EntitySpan> spans;
    QList<EntityRelation> relations;
    QList<ClassificationAnswer> classifications;
    QStringList transcriptions; // "JOB: text"

    bool isEmpty() const {
        return shapes.isEmpty() && spans.isEmpty() && relations.isEmpty()
               && classifications.isEmpty() && transcriptions.isEmpty();
    }
};

// Reads a jsonResponse into drawable annotations, following child jobs nested under categories
// and annotations. Unknown keys and malformed members are skipped: a preview must show what it
// can of a label that does not quite match its interface.
class AnnotationExtractor {
public:
    explicit AnnotationExtractor(CategoryStyleLookup lookup = {});

    Annotations extract(const QJsonObject& jsonResponse) const;

    // A stable colour for categories the interface does not colour.
    static QColor fallbackColor(const QString& category);

private:
    void readJobs(const QJsonObject& jobs, int depth, Annotations& out) const;
    void readJob(const QString& job, const QJsonObject& response, int depth,
                 Annotations& out) const;
    void readAnnotation(const QString& job, const QJsonObject& annotation, int depth,
                        Annotations& out) const;
    CategoryStyle styleOf(const QString& job, const QString& category) const;

    CategoryStyleLookup m_lookup;
};

} // namespace kili::ui
