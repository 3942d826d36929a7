// Drawing without a window: extract annotations from jsonResponses and render them into QImages.
#include "domain/interface.h"
#include "domain/label.h"
#include "ui/annotationpainter.h"
#include "ui/annotations.h"
#include "ui/assetpreview.h"
#include "ui/imagecanvas.h"
#include "ui/textpreview.h"

#include <QJsonDocument>
#include <QPainter>
#include <QTextCursor>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

const char* InterfaceJson = R"({"jobs": {
  "DET": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle", "polygon"], "required": 1,
          "isChild": false, "content": {"input": "radio", "categories": {
            "CAR": {"name": "Car", "color": "#FF0000", "children": []},
            "BUS": {"name": "Bus", "color": "#0000FF", "children": []}}}},
  "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "required": 0, "isChild": false,
          "content": {"input": "radio", "categories": {
            "ORG": {"name": "Organisation", "color": "#00FF00", "children": []}}}}}})";

} // namespace

TEST(AnnotationExtractor, ReadsShapesOfEveryKindWithInterfaceColours) {
    const Interface interface = Interface::parse(QByteArray(InterfaceJson));
    const AnnotationExtractor extractor(
        [&](const QString& job, const QString& key) -> std::optional<CategoryStyle> {
            const Job* j = interface.job(job);
            const Category* c = j ? j->category(key) : nullptr;
            if (!c)
                return std::nullopt;
            return CategoryStyle{c->name, QColor::fromString(c->color)};
        });
    const Annotations annotations = extractor.extract(json(R"({"DET": {"annotations": [
        {"boundingPoly": [{"normalizedVertices": [{"x":0.1,"y":0.5},{"x":0.1,"y":0.1},
          {"x":0.5,"y":0.1},{"x":0.5,"y":0.5}]}], "categories": [{"name":"CAR","confidence":87}],
         "type": "rectangle", "mid": "a"},
        {"point": {"x":0.9,"y":0.9}, "type": "marker", "categories": [{"name":"BUS"}]},
        {"polyline": [{"x":0.1,"y":0.9},{"x":0.4,"y":0.8}], "type": "polyline",
         "categories": [{"name":"UNKNOWN"}]}]},
      "ANNOTATION_JOB_COUNTER": {"DET": {"CAR": 1}}})"));
    ASSERT_EQ(annotations.shapes.size(), 3);
    EXPECT_EQ(annotations.shapes[0].kind, AnnotationShape::Kind::Rectangle);
    EXPECT_EQ(annotations.shapes[0].caption, QStringLiteral("Car"));
    EXPECT_EQ(annotations.shapes[0].color, QColor(Qt::red));
    EXPECT_EQ(annotations.shapes[0].confidence, 87.0);
    EXPECT_EQ(annotations.shapes[1].kind, AnnotationShape::Kind::Point);
    EXPECT_EQ(annotations.shapes[2].kind, AnnotationShape::Kind::Line);
    EXPECT_EQ(annotations.shapes[2].caption, QStringLiteral("UNKNOWN"));
    EXPECT_TRUE(annotations.shapes[2].color.isValid());
}

TEST(AnnotationExtractor, ReadsClassificationsChildrenAndEntities) {
    const Annotations annotations = AnnotationExtractor().extract(json(R"({
      "CLASSIF": {"categories": [{"name": "A", "confidence": 40,
                                  "children": {"SUB": {"categories": [{"name": "X"}]}}}]},
      "TRANS": {"text": "hello"},
      "NER": {"annotations": [{"categories": [{"name": "ORG"}], "beginOffset": 4,
                               "content": "Kili"}]}})"));
    ASSERT_EQ(annotations.classifications.size(), 2);
    EXPECT_EQ(annotations.classifications[0].category, QStringLiteral("A"));
    EXPECT_EQ(annotations.classifications[1].job, QStringLiteral("SUB"));
    EXPECT_EQ(annotations.transcriptions, QStringList{QStringLiteral("TRANS: hello")});
    ASSERT_EQ(annotations.spans.size(), 1);
    EXPECT_EQ(annotations.spans[0].begin, 4);
    EXPECT_EQ(annotations.spans[0].end, 8); // from the content's length
}

TEST(AnnotationExtractor, SurvivesMalformedResponses) {
    const Annotations annotations = AnnotationExtractor().extract(json(R"({
      "DET": {"annotations": [{"boundingPoly": "nope"}, 3, {"point": {"x": "a"}}]},
      "X": [1, 2], "Y": {"categories": [{"name": 5}]}})"));
    EXPECT_TRUE(annotations.isEmpty());
}

TEST(AnnotationPainter, DrawsARectangleWhereItsNormalisedVerticesSay) {
    QImage image(200, 100, QImage::Format_ARGB32);
    image.fill(Qt::white);
    AnnotationShape box;
    box.kind = AnnotationShape::Kind::Rectangle;
    box.contours = {QPolygonF({{0.25, 0.5}, {0.25, 0.2}, {0.75, 0.2}, {0.75, 0.5}})};
    box.color = Qt::red;
    OverlayStyle style = OverlayStyle::solid();
    style.captions = false;
    style.penWidth = 3;
    {
        QPainter painter(&image);
        AnnotationPainter::paint(painter, QRectF(0, 0, 200, 100), {box}, style);
    }
    // The left edge at x = 50 between y = 20 and 50 is red, the outside stays white.
    const QColor edge = image.pixelColor(50, 35);
    EXPECT_GT(edge.red(), 200);
    EXPECT_LT(edge.green(), 80);
    EXPECT_EQ(image.pixelColor(10, 10), QColor(Qt::white));
    // The inside is tinted by the fill.
    const QColor inside = image.pixelColor(100, 35);
    EXPECT_NE(inside, QColor(Qt::white));
    EXPECT_GT(inside.red(), inside.blue());
}

TEST(AnnotationPainter, DashedStyleLeavesGapsAndNoFill) {
    QImage image(400, 400, QImage::Format_ARGB32);
    image.fill(Qt::white);
    AnnotationShape box;
    box.kind = AnnotationShape::Kind::Rectangle;
    box.contours = {QPolygonF({{0.1, 0.9}, {0.1, 0.1}, {0.9, 0.1}, {0.9, 0.9}})};
    box.color = Qt::blue;
    OverlayStyle style = OverlayStyle::dashed();
    style.captions = false;
    {
        QPainter painter(&image);
        AnnotationPainter::paint(painter, QRectF(0, 0, 400, 400), {box}, style);
    }
    int blue = 0;
    int white = 0;
    for (int y = 60; y < 340; ++y) {
        const QColor c = image.pixelColor(40, y);
        (c.blue() > 200 && c.red() < 120) ? ++blue : (c == QColor(Qt::white) ? ++white : 0);
    }
    EXPECT_GT(blue, 50);
    EXPECT_GT(white, 30); // the gaps of the dashes
    EXPECT_EQ(image.pixelColor(200, 200), QColor(Qt::white));
}

TEST(ImageCanvas, FitsTheImageAndOverlaysEveryLabelLayer) {
    QImage photo(100, 50, QImage::Format_RGB32);
    photo.fill(Qt::black);
    const Interface interface = Interface::parse(QByteArray(InterfaceJson));
    Label human;
    human.labelType = LabelType::Default;
    human.jsonResponse = json(R"({"DET": {"annotations": [{"type": "rectangle",
        "categories": [{"name": "CAR"}], "boundingPoly": [{"normalizedVertices": [
        {"x":0.1,"y":0.8},{"x":0.1,"y":0.2},{"x":0.4,"y":0.2},{"x":0.4,"y":0.8}]}]}]}})");
    Label prediction;
    prediction.labelType = LabelType::Prediction;
    prediction.modelName = QStringLiteral("yolo");
    prediction.jsonResponse = json(R"({"DET": {"annotations": [{"type": "rectangle",
        "categories": [{"name": "BUS", "confidence": 70}], "boundingPoly": [{"normalizedVertices": [
        {"x":0.6,"y":0.8},{"x":0.6,"y":0.2},{"x":0.9,"y":0.2},{"x":0.9,"y":0.8}]}]}]}})");
    const QList<PreviewLayer> layers = AssetPreview::layersFor({human, prediction}, interface);
    ASSERT_EQ(layers.size(), 2);
    EXPECT_EQ(layers[0].style.penStyle, Qt::SolidLine);
    EXPECT_EQ(layers[1].style.penStyle, Qt::DashLine);

    // A 400x400 canvas: the 2:1 image becomes 400x200 at y = 100.
    EXPECT_EQ(ImageCanvas::fitRect(QSizeF(100, 50), QSizeF(400, 400)), QRectF(0, 100, 400, 200));
    QImage canvas(400, 400, QImage::Format_RGB32);
    canvas.fill(Qt::gray);
    for (PreviewLayer& layer : const_cast<QList<PreviewLayer>&>(layers))
        layer.style.captions = false;
    {
        QPainter painter(&canvas);
        ImageCanvas::render(painter, QRectF(0, 0, 400, 400), photo, layers);
    }
    EXPECT_EQ(canvas.pixelColor(200, 50), QColor(Qt::gray));   // letterbox
    EXPECT_EQ(canvas.pixelColor(200, 200), QColor(Qt::black)); // image, between boxes
    EXPECT_GT(canvas.pixelColor(40, 200).red(), 200);          // CAR's left edge, red
    const QColor bus = canvas.pixelColor(240, 160);            // BUS's left edge, blue
    const QColor bus2 = canvas.pixelColor(240, 240);
    EXPECT_TRUE(bus.blue() > 200 || bus2.blue() > 200);
}

TEST(TextPreview, HighlightsEntitySpansInCategoryColours) {
    const Interface interface = Interface::parse(QByteArray(InterfaceJson));
    Label label;
    label.jsonResponse = json(R"({"NER": {"annotations": [{"categories": [{"name": "ORG"}],
        "beginOffset": 6, "endOffset": 10, "content": "Kili"}]}})");
    TextPreview preview;
    preview.setContent(QStringLiteral("Hello Kili world"),
                       AssetPreview::layersFor({label}, interface));
    EXPECT_FALSE(preview.highlightAt(2).isValid());
    const QColor color = preview.highlightAt(7);
    ASSERT_TRUE(color.isValid());
    EXPECT_EQ(color.rgb(), QColor(0, 255, 0).rgb());
    EXPECT_FALSE(preview.highlightAt(12).isValid());
}

TEST(AnnotationPainter, APersonsLabelShowsNoConfidenceAModelsDoes) {
    const Interface interface = Interface::parse(QByteArray(InterfaceJson));
    const char* box = R"({"DET": {"annotations": [{"type": "rectangle",
        "categories": [{"name": "CAR", "confidence": 100}], "boundingPoly": [{"normalizedVertices": [
        {"x":0.1,"y":0.8},{"x":0.1,"y":0.2},{"x":0.4,"y":0.2},{"x":0.4,"y":0.8}]}]}]}})";
    Label human;
    human.labelType = LabelType::Default;
    human.jsonResponse = json(box);
    Label review = human;
    review.labelType = LabelType::Review;
    Label prediction = human;
    prediction.labelType = LabelType::Prediction;
    prediction.modelName = QStringLiteral("yolo");
    const QList<PreviewLayer> layers =
        AssetPreview::layersFor({human, review, prediction}, interface);
    ASSERT_EQ(layers.size(), 3);
    const AnnotationShape& shape = layers[0].annotations.shapes.first();
    EXPECT_EQ(AnnotationPainter::captionOf(shape, layers[0].style), QStringLiteral("DEFAULT: Car"))
        << "a DEFAULT label is a person's: no \"100%\"";
    EXPECT_EQ(AnnotationPainter::captionOf(shape, layers[1].style), QStringLiteral("REVIEW: Car"));
    EXPECT_EQ(AnnotationPainter::captionOf(shape, layers[2].style),
              QStringLiteral("yolo: Car 100%"));
}

TEST(CaptionLayout, CaptionsOfOverlappingBoxesDoNotCoverEachOther) {
    CaptionLayout layout;
    const QRectF area(0, 0, 400, 300);
    const QSizeF size(80, 14);
    // Two boxes whose top-left corners are 5 px apart, and a third label's box on the first.
    const QRectF first = layout.place(QPointF(100, 100), size, area);
    const QRectF second = layout.place(QPointF(105, 103), size, area);
    const QRectF third = layout.place(QPointF(100, 100), size, area);
    EXPECT_FALSE(first.intersects(second));
    EXPECT_FALSE(first.intersects(third));
    EXPECT_FALSE(second.intersects(third));
    EXPECT_EQ(first.bottomLeft(), QPointF(100, 100)) << "the first caption sits above its shape";
    for (const QRectF& box : {first, second, third})
        EXPECT_TRUE(area.contains(box));
    // At the top edge, the caption goes inside the shape.
    const QRectF top = layout.place(QPointF(300, 2), size, area);
    EXPECT_GE(top.top(), 0);
}

TEST(TextPreview, RelationsAreArrowsFromEntityToEntity) {
    const Interface interface = Interface::parse(QByteArray(InterfaceJson));
    Label label;
    label.jsonResponse = json(R"({
        "NER": {"annotations": [
            {"categories": [{"name": "ORG"}], "beginOffset": 0, "endOffset": 5, "content": "Alice",
             "mid": "e0"},
            {"categories": [{"name": "ORG"}], "beginOffset": 15, "endOffset": 19, "content": "Kili",
             "mid": "e1"}]},
        "REL": {"annotations": [
            {"categories": [{"name": "WORKS_FOR"}], "startEntities": [{"mid": "e0"}],
             "endEntities": [{"mid": "e1"}], "mid": "r0"},
            {"categories": [{"name": "KNOWS"}], "startEntities": [{"mid": "e0"}],
             "endEntities": [{"mid": "nobody"}], "mid": "r1"}]}})");
    const QList<PreviewLayer> layers = AssetPreview::layersFor({label}, interface);
    ASSERT_EQ(layers.size(), 1);
    ASSERT_EQ(layers[0].annotations.relations.size(), 2);
    EXPECT_EQ(layers[0].annotations.relations[0].startMids, QStringList{QStringLiteral("e0")});
    EXPECT_TRUE(layers[0].annotations.shapes.isEmpty()) << "a relation is not a shape";

    TextPreview preview;
    preview.resize(400, 200);
    preview.setContent(QStringLiteral("Alice works for Kili."), layers);
    ASSERT_EQ(preview.arrows().size(), 1) << "a relation to an entity not in the text is drawn";
    EXPECT_EQ(preview.arrows()[0].fromOffset, 0);
    EXPECT_EQ(preview.arrows()[0].toOffset, 15);
    EXPECT_EQ(preview.arrows()[0].caption, QStringLiteral("WORKS_FOR"));

    // Drawn above the line, in the relation's colour, inside the view.
    preview.show();
    QImage shot(preview.viewport()->size(), QImage::Format_ARGB32);
    shot.fill(Qt::white);
    preview.viewport()->render(&shot);
    QTextCursor first(preview.document());
    const int lineTop = preview.cursorRect(first).top();
    const QColor relation = layers[0].annotations.relations[0].color;
    int coloured = 0;
    for (int y = 0; y < lineTop; ++y) {
        for (int x = 0; x < shot.width(); ++x) {
            const QColor pixel = shot.pixelColor(x, y);
            coloured += std::abs(pixel.red() - relation.red())
                                    + std::abs(pixel.green() - relation.green())
                                    + std::abs(pixel.blue() - relation.blue())
                                < 60
                            ? 1
                            : 0;
        }
    }
    EXPECT_GT(coloured, 10) << "no arrow above the first line (" << lineTop << " px of room)";
}
