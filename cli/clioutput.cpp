#include "cli/clioutput.h"

namespace kili::cli {

namespace {

bool isControl(char16_t c) {
    return c < 0x20 || c == 0x7f
           || (c >= 0x80 && c <= 0x9f)
           // Bidirectional overrides and isolates reorder what follows them on screen.
           || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString escaped(char16_t c) {
    switch (c) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    case 0x1b:
        return QStringLiteral("\\e");
    default:
        break;
    }
    if (c < 0x100)
        return QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
}

} // namespace

QString printable(const QString& text, bool keepLines) {
    QString result;
    result.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (!isControl(c) || (keepLines && (c == u'\n' || c == u'\t')))
            result += ch;
        else
            result += escaped(c);
    }
    return result;
}

QString cell(const QString& text, int width) {
    return printable(text).leftJustified(width, QLatin1Char(' '), true);
}

} // namespace kili::cli
