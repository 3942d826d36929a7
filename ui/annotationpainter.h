// Draws extracted annotations with a QPainter over an image placed at a given rectangle. Kept
// apart from the preview widget so that tests render into a QImage and check pixels.
#pragma once

#include "annotations.h"

#include <QPainter>

namespace kili::ui {

// How one label's layer looks; several labels are overlaid in different styles so that a
// prediction can be compared with the human label underneath.
struct OverlayStyle {
    Qt::PenStyle penStyle = Qt::SolidLine;
    qreal penWidth = 2.0;
    int fillAlpha = 40; // 0 = outline only
    bool captions = true;
    QString captionPrefix; // e.g. the model name of a prediction
    // A model's score is worth reading; a person's label carries none (Kili stores 100).
    bool showConfidence = true;

    static OverlayStyle solid() { return {}; }
    static OverlayStyle dashed() { return {Qt::DashLine, 2.0, 0, true, {}, true}; }
    static OverlayStyle dotted() { return {Qt::DotLine, 2.0, 0, true, {}, true}; }
};

// Where the captions of one picture went, so that the next one goes where none is (captions of
// overlapping boxes, and of several labels' layers, would otherwise cover each other).
class CaptionLayout {
public:
    // The box of `size` nearest `anchor` (above it, else inside the shape's top, then further
    // down) that overlaps no caption placed so far and stays inside `area`; it is then taken.
    QRectF place(const QPointF& anchor, const QSizeF& size, const QRectF& area);

private:
    bool isFree(const QRectF& box) const;

    QList<QRectF> m_taken;
};

class AnnotationPainter {
public:
    // imageRect: where the whole image is drawn, in the painter's coordinates; normalised
    // coordinates are mapped into it.
    // `captions`: shared by every layer of one picture so that no caption covers another; null
    // for a layout of this call alone.
    static void paint(QPainter& painter, const QRectF& imageRect,
                      const QList<AnnotationShape>& shapes, const OverlayStyle& style,
                      CaptionLayout* captions = nullptr);

    static QPointF map(const QRectF& imageRect, const QPointF& normalised);
    static QString captionOf(const AnnotationShape& shape, const OverlayStyle& style);

private:
    static void paintCaption(QPainter& painter, const QPointF& anchor, const QString& text,
                             const QColor& color, CaptionLayout& captions);
};

} // namespace kili::ui
