#include "predictions/compactjson.h"

#include <charconv>
#include <cmath>

namespace kili::predictions {

namespace {

void appendString(std::string& out, std::string_view text) {
    out += '"';
    // Copy runs of characters that need no escape in one go: this runs for every string of
    // every prediction.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", unsigned(c));
            out += buffer;
        }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

template <typename Number> void appendNumber(std::string& out, Number value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void write(std::string& out, simdjson::dom::element element, bool scaling) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::OBJECT: {
        out += '{';
        bool first = true;
        // Out of the simdjson_result first: value_unsafe() on a temporary returns a reference
        // into it, which a range-for would use after the temporary is gone.
        const simdjson::dom::object object = element.get_object().value_unsafe();
        for (auto field : object) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, field.key);
            out += ':';
            if (field.key == "confidence" && scaling && field.value.is_number()) {
                const double value = field.value.get_double().value_unsafe();
                appendNumber(out, value <= 1 ? std::llround(value * 100) : std::llround(value));
            } else {
                write(out, field.value, scaling);
            }
        }
        out += '}';
        return;
    }
    case Type::ARRAY: {
        out += '[';
        bool first = true;
        const simdjson::dom::array array = element.get_array().value_unsafe();
        for (auto child : array) {
            if (!first)
                out += ',';
            first = false;
            write(out, child, scaling);
        }
        out += ']';
        return;
    }
    case Type::STRING:
        appendString(out, element.get_string().value_unsafe());
        return;
    case Type::INT64:
        appendNumber(out, element.get_int64().value_unsafe());
        return;
    case Type::UINT64:
        appendNumber(out, element.get_uint64().value_unsafe());
        return;
    case Type::DOUBLE:
        appendNumber(out, element.get_double().value_unsafe());
        return;
    case Type::BOOL:
        out += element.get_bool().value_unsafe() ? "true" : "false";
        return;
    case Type::NULL_VALUE:
        out += "null";
        return;
    }
}

} // namespace

QByteArray compactJson(simdjson::dom::element element, bool scaleConfidence) {
    thread_local std::string buffer;
    buffer.clear();
    write(buffer, element, scaleConfidence);
    return QByteArray(buffer.data(), qsizetype(buffer.size()));
}

} // namespace kili::predictions
