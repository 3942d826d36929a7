#include "annotationpainter.h"

#include <QFontMetricsF>
#include <algorithm>

namespace kili::ui {

QPointF AnnotationPainter::map(const QRectF& imageRect, const QPointF& normalised) {
    return {imageRect.left() + normalised.x() * imageRect.width(),
            imageRect.top() + normalised.y() * imageRect.height()};
}

QString AnnotationPainter::captionOf(const AnnotationShape& shape, const OverlayStyle& style) {
    QString text = shape.caption;
    if (shape.confidence)
        text += QLatin1Char(' ') + QString::number(qRound(*shape.confidence)) + QLatin1Char('%');
    if (!style.captionPrefix.isEmpty())
        text = style.captionPrefix + QLatin1String(": ") + text;
    return text;
}

void AnnotationPainter::paint(QPainter& painter, const QRectF& imageRect,
                              const QList<AnnotationShape>& shapes, const OverlayStyle& style) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (const AnnotationShape& shape : shapes) {
        QPen pen(shape.color, style.penWidth, style.penStyle);
        pen.setCosmetic(true);
        painter.setPen(pen);
        QColor fill = shape.color;
        fill.setAlpha(style.fillAlpha);

        QPointF anchor;
        bool anchored = false;
        for (const QPolygonF& contour : shape.contours) {
            QPolygonF mapped;
            mapped.reserve(contour.size());
            for (const QPointF& point : contour)
                mapped.append(map(imageRect, point));
            if (mapped.isEmpty())
                continue;
            switch (shape.kind) {
            case AnnotationShape::Kind::Rectangle:
            case AnnotationShape::Kind::Polygon:
                painter.setBrush(style.fillAlpha > 0 ? QBrush(fill) : QBrush(Qt::NoBrush));
                painter.drawPolygon(mapped);
                if (!anchored)
                    anchor = mapped.boundingRect().topLeft();
                break;
            case AnnotationShape::Kind::Line:
                painter.setBrush(Qt::NoBrush);
                painter.drawPolyline(mapped);
                if (!anchored)
                    anchor = mapped.first();
                break;
            case AnnotationShape::Kind::Point: {
                const qreal radius = 3.0 + style.penWidth;
                painter.setBrush(shape.color);
                painter.drawEllipse(mapped.first(), radius, radius);
                if (!anchored)
                    anchor = mapped.first() + QPointF(radius, -radius);
                break;
            }
            }
            anchored = true;
        }
        if (anchored && style.captions && !shape.caption.isEmpty())
            paintCaption(painter, anchor, captionOf(shape, style), shape.color);
    }
    painter.restore();
}

void AnnotationPainter::paintCaption(QPainter& painter, const QPointF& anchor, const QString& text,
                                     const QColor& color) {
    const QFontMetricsF metrics(painter.font());
    QRectF box(QPointF(0, 0), metrics.size(Qt::TextSingleLine, text) + QSizeF(6, 2));
    // Above the shape when there is room, inside it otherwise.
    box.moveBottomLeft(anchor);
    const QRectF area = painter.window();
    if (box.top() < area.top())
        box.moveTopLeft(anchor);
    // Shapes near the right edge: the caption moves left rather than out of sight.
    if (box.right() > area.right())
        box.moveRight(std::max(area.left() + box.width(), area.right()));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRect(box);
    painter.setPen(color.lightnessF() > 0.6 ? Qt::black : Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace kili::ui
