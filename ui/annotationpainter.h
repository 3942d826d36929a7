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

    static OverlayStyle solid() { return {}; }
    static OverlayStyle dashed() { return {Qt::DashLine, 2.0, 0, true, {}}; }
    static OverlayStyle dotted() { return {Qt::DotLine, 2.0, 0, true, {}}; }
};

class AnnotationPainter {
public:
    // imageRect: where the whole image is drawn, in the painter's coordinates; normalised
    // coordinates are mapped into it.
    static void paint(QPainter& painter, const QRectF& imageRect,
                      const QList<AnnotationShape>& shapes, const OverlayStyle& style);

    static QPointF map(const QRectF& imageRect, const QPointF& normalised);
    static QString captionOf(const AnnotationShape& shape, const OverlayStyle& style);

private:
    static void paintCaption(QPainter& painter, const QPointF& anchor, const QString& text,
                             const QColor& color);
};

} // namespace kili::ui
