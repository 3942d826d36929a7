#include "jsonhighlighter.h"

#include "readablecolor.h"

namespace kili::ui {

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_token(QStringLiteral(R"(("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|)"
                             R"(\b(true|false|null)\b)")) {
    const QColor background = textBackground();
    m_key.setForeground(readableOn(QColor(0x0b, 0x4f, 0x9c), background));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(readableOn(QColor(0x1a, 0x7f, 0x37), background));
    m_number.setForeground(readableOn(QColor(0xb3, 0x59, 0x00), background));
    m_literal.setForeground(readableOn(QColor(0x8a, 0x2b, 0xb0), background));
}

void JsonHighlighter::highlightBlock(const QString& text) {
    auto it = m_token.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength(1) > 0) {
            const bool isKey = match.capturedLength(2) > 0;
            setFormat(static_cast<int>(match.capturedStart(1)),
                      static_cast<int>(match.capturedLength(1)), isKey ? m_key : m_string);
        } else if (match.capturedLength(3) > 0) {
            setFormat(static_cast<int>(match.capturedStart(3)),
                      static_cast<int>(match.capturedLength(3)), m_number);
        } else if (match.capturedLength(4) > 0) {
            setFormat(static_cast<int>(match.capturedStart(4)),
                      static_cast<int>(match.capturedLength(4)), m_literal);
        }
    }
}

} // namespace kili::ui
