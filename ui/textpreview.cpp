#include "textpreview.h"

#include <QTextBlock>
#include <QTextCursor>

namespace kili::ui {

TextPreview::TextPreview(QWidget* parent)
    : QTextBrowser(parent) {
    setOpenLinks(false);
}

void TextPreview::setContent(const QString& text, const QList<PreviewLayer>& layers) {
    setPlainText(text);
    const int length = static_cast<int>(text.size());
    for (const PreviewLayer& layer : layers) {
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
