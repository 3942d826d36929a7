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
    if (shape.confidence && style.showConfidence)
        text += QLatin1Char(' ') + QString::number(qRound(*shape.confidence)) + QLatin1Char('%');
    if (!style.captionPrefix.isEmpty())
        text = style.captionPrefix + QLatin1String(": ") + text;
    return text;
}

void AnnotationPainter::paint(QPainter& painter, const QRectF& imageRect,
                              const QList<AnnotationShape>& shapes, const OverlayStyle& style,
                              CaptionLayout* captions) {
    CaptionLayout own;
    CaptionLayout& layout = captions ? *captions : own;
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
            paintCaption(painter, anchor, captionOf(shape, style), shape.color, layout);
    }
    painter.restore();
}

void AnnotationPainter::paintCaption(QPainter& painter, const QPointF& anchor, const QString& text,
                                     const QColor& color, CaptionLayout& captions) {
    const QFontMetricsF metrics(painter.font());
    const QSizeF size = metrics.size(Qt::TextSingleLine, text) + QSizeF(6, 2);
    const QRectF box = captions.place(anchor, size, painter.window());
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRect(box);
    painter.setPen(color.lightnessF() > 0.6 ? Qt::black : Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

QRectF CaptionLayout::place(const QPointF& anchor, const QSizeF& size, const QRectF& area) {
    QRectF above(QPointF(0, 0), size);
    above.moveBottomLeft(anchor);
    // Shapes near the right edge: the caption moves left rather than out of sight.
    if (above.right() > area.right())
        above.moveRight(std::max(area.left() + above.width(), area.right()));
    QList<QRectF> candidates;
    if (above.top() >= area.top())
        candidates.append(above);
    // Then inside the shape's top, one caption height further down each time.
    for (int step = 0; step < 8; ++step)
        candidates.append(above.translated(0, size.height() * (step + 1)));
    QRectF chosen = candidates.first();
    for (const QRectF& candidate : candidates) {
        if (candidate.bottom() <= area.bottom() && isFree(candidate)) {
            chosen = candidate;
            break;
        }
    }
    m_taken.append(chosen);
    return chosen;
}

bool CaptionLayout::isFree(const QRectF& box) const {
    return std::none_of(m_taken.cbegin(), m_taken.cend(),
                        [&box](const QRectF& taken) { return taken.intersects(box); });
}

} // namespace kili::ui
