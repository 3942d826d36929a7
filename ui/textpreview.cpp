#include "textpreview.h"

#include "readablecolor.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QTextCursor>
#include <cmath>

namespace kili::ui {

TextPreview::TextPreview(QWidget* parent)
    : QTextBrowser(parent) {
    setOpenLinks(false);
}

void TextPreview::setContent(const QString& text, const QList<PreviewLayer>& layers) {
    setPlainText(text);
    m_arrows.clear();
    const int length = static_cast<int>(text.size());
    for (const PreviewLayer& layer : layers) {
        QHash<QString, int> beginOf; // entity mid → its first character
        for (const EntitySpan& span : layer.annotations.spans) {
            if (!span.mid.isEmpty())
                beginOf.insert(span.mid, std::clamp(span.begin, 0, length));
        }
        for (const EntityRelation& relation : layer.annotations.relations) {
            for (const QString& from : relation.startMids) {
                for (const QString& to : relation.endMids) {
                    if (beginOf.contains(from) && beginOf.contains(to))
                        m_arrows.append({beginOf.value(from), beginOf.value(to), relation.caption,
                                         relation.color});
                }
            }
        }
        for (const EntitySpan& span : layer.annotations.spans) {
            const int begin = std::clamp(span.begin, 0, length);
            const int end = std::clamp(span.end, begin, length);
            if (end == begin)
                continue;
            QTextCursor cursor(document());
            cursor.setPosition(begin);
            cursor.setPosition(end, QTextCursor::KeepAnchor);
            QTextCharFormat format;
            QColor background = span.color;
            // A dashed (prediction) layer is underlined instead of filled, so that both show.
            if (layer.style.penStyle == Qt::SolidLine) {
                background.setAlpha(90);
                format.setBackground(background);
            } else {
                format.setUnderlineStyle(QTextCharFormat::DashUnderline);
                format.setUnderlineColor(span.color);
            }
            QString tip = span.caption;
            if (span.confidence)
                tip +=
                    QLatin1Char(' ') + QString::number(qRound(*span.confidence)) + QLatin1Char('%');
            format.setToolTip(layer.title + QLatin1String(": ") + tip);
            cursor.mergeCharFormat(format);
        }
    }
    if (!m_arrows.isEmpty())
        makeRoomForArrows();
}

// Room above every line for the arrows that leave and reach it.
void TextPreview::makeRoomForArrows() {
    document()->setDocumentMargin(26);
    QTextCursor all(document());
    all.select(QTextCursor::Document);
    QTextBlockFormat spaced;
    spaced.setLineHeight(200, QTextBlockFormat::ProportionalHeight);
    all.mergeBlockFormat(spaced);
}

void TextPreview::paintEvent(QPaintEvent* event) {
    QTextBrowser::paintEvent(event);
    if (m_arrows.isEmpty())
        return;
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Arrow& arrow : std::as_const(m_arrows))
        paintArrow(painter, arrow);
}

// A curve over the line from the start entity to the end entity, an arrowhead at its end and the
// relation's name at its top.
void TextPreview::paintArrow(QPainter& painter, const Arrow& arrow) const {
    QTextCursor from(document());
    from.setPosition(arrow.fromOffset);
    QTextCursor to(document());
    to.setPosition(arrow.toOffset);
    const QRect start = cursorRect(from);
    const QRect end = cursorRect(to);
    const QPointF a(start.left() + 4, start.top());
    const QPointF b(end.left() + 4, end.top());
    const qreal lift = 8 + std::min<qreal>(14, std::abs(b.x() - a.x()) / 12);
    const QPointF control((a.x() + b.x()) / 2, std::min(a.y(), b.y()) - lift);
    QPainterPath path(a);
    path.quadTo(control, b);
    QColor colour = arrow.color.isValid() ? arrow.color : palette().color(QPalette::Text);
    painter.setPen(QPen(colour, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    // The arrowhead follows the curve's last direction (from the control point to the end).
    const QLineF direction(control, b);
    const qreal angle = std::atan2(-direction.dy(), direction.dx());
    const QPointF left = b - QPointF(std::cos(angle - 0.45) * 7, -std::sin(angle - 0.45) * 7);
    const QPointF right = b - QPointF(std::cos(angle + 0.45) * 7, -std::sin(angle + 0.45) * 7);
    painter.setBrush(colour);
    painter.drawPolygon(QPolygonF{b, left, right});
    const QPointF apex = path.pointAtPercent(0.5);
    painter.setPen(readableOn(colour, palette().color(QPalette::Base)));
    painter.drawText(QRectF(apex.x() - 60, apex.y() - 16, 120, 14), Qt::AlignCenter, arrow.caption);
}

QColor TextPreview::highlightAt(int offset) const {
    QTextCursor cursor(document());
    cursor.setPosition(offset + 1);
    const QTextCharFormat format = cursor.charFormat();
    if (format.hasProperty(QTextFormat::BackgroundBrush))
        return format.background().color();
    if (format.hasProperty(QTextFormat::TextUnderlineColor))
        return format.underlineColor();
    return {};
}

} // namespace kili::ui
