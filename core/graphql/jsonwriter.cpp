#include "graphql/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

namespace kili::graphql::json {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

void appendUtf8(QByteArray& out, char32_t code) {
    if (code < 0x800) {
        out.append(char(0xC0 | (code >> 6)));
        out.append(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.append(char(0xE0 | (code >> 12)));
        out.append(char(0x80 | ((code >> 6) & 0x3F)));
        out.append(char(0x80 | (code & 0x3F)));
    } else {
        out.append(char(0xF0 | (code >> 18)));
        out.append(char(0x80 | ((code >> 12) & 0x3F)));
        out.append(char(0x80 | ((code >> 6) & 0x3F)));
        out.append(char(0x80 | (code & 0x3F)));
    }
}

void appendNumber(QByteArray& out, double number, qint64 asInteger) {
    if (!std::isfinite(number)) {
        out.append("null");
    } else if (static_cast<double>(asInteger) == number) {
        out.append(QByteArray::number(asInteger));
    } else {
        out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
    }
}

} // namespace

void appendString(QByteArray& out, QStringView text) {
    out.append('"');
    const char16_t* chars = text.utf16();
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        // Copy a run of plain ASCII in one go: most of a response is such runs.
        qsizetype end = i;
        while (end < size && chars[end] < 0x80 && chars[end] >= 0x20 && chars[end] != u'"'
               && chars[end] != u'\\') {
            ++end;
        }
        if (end > i) {
            const qsizetype start = out.size();
            out.resize(start + (end - i));
            char* target = out.data() + start;
            for (qsizetype j = i; j < end; ++j) {
                *target++ = static_cast<char>(chars[j]);
            }
            i = end;
            if (i == size) {
                break;
            }
        }
        const char16_t c = chars[i++];
        switch (c) {
        case u'"':
            out.append("\\\"");
            continue;
        case u'\\':
            out.append("\\\\");
            continue;
        case u'\b':
            out.append("\\b");
            continue;
        case u'\f':
            out.append("\\f");
            continue;
        case u'\n':
            out.append("\\n");
            continue;
        case u'\r':
            out.append("\\r");
            continue;
        case u'\t':
            out.append("\\t");
            continue;
        default:
            break;
        }
        if (c < 0x20) {
            const char escaped[] = {'\\', 'u', '0', '0', hexDigits[c >> 4], hexDigits[c & 0xF]};
            out.append(escaped, sizeof escaped);
        } else if (QChar::isHighSurrogate(c) && i < size && QChar::isLowSurrogate(chars[i])) {
            appendUtf8(out, QChar::surrogateToUcs4(c, chars[i++]));
        } else if (QChar::isSurrogate(c)) {
            appendUtf8(out, 0xFFFD);
        } else {
            appendUtf8(out, c);
        }
    }
    out.append('"');
}

void appendValue(QByteArray& out, const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double:
        appendNumber(out, value.toDouble(), value.toInteger());
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out.append('[');
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0) {
                out.append(',');
            }
            appendValue(out, array.at(i));
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out.append('{');
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, it.key());
            out.append(':');
            appendValue(out, it.value());
        }
        out.append('}');
        return;
    }
    }
}

void appendError(QByteArray& out, const GraphQLError& error) {
    out.append("{\"message\":");
    appendString(out, error.message);
    if (!error.locations.isEmpty()) {
        out.append(",\"locations\":[");
        for (qsizetype i = 0; i < error.locations.size(); ++i) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"line\":");
            out.append(QByteArray::number(error.locations.at(i).line));
            out.append(",\"column\":");
            out.append(QByteArray::number(error.locations.at(i).column));
            out.append('}');
        }
        out.append(']');
    }
    if (!error.path.isEmpty()) {
        out.append(",\"path\":");
        appendValue(out, error.path);
    }
    if (!error.extensions.isEmpty()) {
        out.append(",\"extensions\":");
        appendValue(out, error.extensions);
    }
    out.append('}');
}

QByteArray response(const QList<GraphQLError>& errors, QByteArrayView data) {
    QByteArray out;
    out.reserve(data.size() + 32 + errors.size() * 160);
    out.append('{');
    if (!errors.isEmpty()) {
        out.append("\"errors\":[");
        for (qsizetype i = 0; i < errors.size(); ++i) {
            if (i > 0) {
                out.append(',');
            }
            appendError(out, errors.at(i));
        }
        out.append(']');
    }
    if (!data.isEmpty()) {
        if (!errors.isEmpty()) {
            out.append(',');
        }
        out.append("\"data\":");
        out.append(data);
    }
    out.append('}');
    return out;
}

} // namespace kili::graphql::json
