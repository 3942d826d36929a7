#include "jsonformatter.h"

namespace kili::ui {

QString JsonFormatter::indent(QStringView json) {
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    const auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(depth * 2, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line: {} and [].
            qsizetype next = i + 1;
            while (next < json.size() && json.at(next).isSpace())
                ++next;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            if (next < json.size() && json.at(next) == close) {
                out += c;
                out += close;
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            depth = std::max(0, depth - 1);
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += QLatin1String(": ");
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace kili::ui
