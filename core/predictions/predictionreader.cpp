#include "predictions/predictionreader.h"

namespace kili::predictions {

namespace {
QString toQString(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}
} // namespace

QString jsonPointerToken(std::string_view key) {
    QString token = toQString(key);
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return QLatin1Char('/') + token;
}

QString jsonPointerToken(qint64 index) {
    return QLatin1Char('/') + QString::number(index);
}

Problem readProblem(const SourceLocation& where, const QString& message,
                    const QString& externalId) {
    Problem problem;
    problem.source = where;
    problem.externalId = externalId;
    problem.message = message;
    return problem;
}

QString cannotOpenMessage(const QString& reason) {
    return QStringLiteral("cannot be read (%1); check that the file exists and is readable")
        .arg(reason);
}

QString lineTooLongMessage(qint64 bytes, std::size_t limit) {
    const auto mib = [](double value) { return QString::number(value / (1024 * 1024), 'f', 1); };
    return QStringLiteral("the line is %1 MB, over the %2 MB a line may take here; it was skipped "
                          "unread (split what it holds into one prediction per line)")
        .arg(mib(double(bytes)), mib(double(limit)));
}

QString noPredictionMessage(const QString& why) {
    return QStringLiteral("the file holds no prediction (%1); check that it is the file your "
                          "model wrote")
        .arg(why);
}

bool ItemObjectDecoder::decodeResponse(simdjson::dom::element value,
                                       simdjson::dom::element& response, QString& error) {
    if (value.is_object()) {
        response = value;
        return true;
    }
    if (!value.is_string()) {
        error = QStringLiteral("jsonResponse must be an object (or a JSON string of one)");
        return false;
    }
    std::string_view text = value.get_string().value_unsafe();
    m_stringCopy.assign(text);
    auto parsed = m_stringParser.parse(m_stringCopy);
    if (parsed.error()) {
        error = QStringLiteral("jsonResponse is a string but not valid JSON (%1)")
                    .arg(QLatin1String(simdjson::error_message(parsed.error())));
        return false;
    }
    if (!parsed.value_unsafe().is_object()) {
        error = QStringLiteral("jsonResponse is a JSON string that does not hold an object");
        return false;
    }
    response = parsed.value_unsafe();
    return true;
}

void ItemObjectDecoder::decode(simdjson::dom::element element, const SourceLocation& where,
                               ReadSink& sink) {
    simdjson::dom::object object;
    if (element.get_object().get(object)) {
        sink.onProblem(readProblem(where, QStringLiteral("the item is not a JSON object")));
        return;
    }
    PredictionItem item;
    item.source = where;
    simdjson::dom::element responseValue;
    bool hasResponse = false;
    for (auto field : object) {
        const std::string_view key = field.key;
        if (key == "externalId" || key == "assetId" || key == "modelName") {
            std::string_view text;
            if (field.value.get_string().get(text)) {
                SourceLocation at = where;
                at.pointer += jsonPointerToken(key);
                sink.onProblem(
                    readProblem(at, QStringLiteral("%1 must be a string").arg(toQString(key))));
                return;
            }
            (key == "externalId" ? item.externalId
             : key == "assetId"  ? item.assetId
                                 : item.modelName) = toQString(text);
        } else if (key == "jsonResponse") {
            responseValue = field.value;
            hasResponse = true;
        }
    }
    if (item.externalId.isEmpty() && item.assetId.isEmpty()) {
        sink.onProblem(readProblem(
            where,
            QStringLiteral("the item has no identifier; give \"externalId\" or \"assetId\"")));
        return;
    }
    if (!hasResponse) {
        sink.onProblem(readProblem(where, QStringLiteral("the item has no \"jsonResponse\""),
                                   item.displayId()));
        return;
    }
    simdjson::dom::element response;
    QString error;
    if (!decodeResponse(responseValue, response, error)) {
        SourceLocation at = where;
        at.pointer += QStringLiteral("/jsonResponse");
        sink.onProblem(readProblem(at, error, item.displayId()));
        return;
    }
    if (item.source.pointer.isEmpty())
        item.source.pointer = QStringLiteral("/jsonResponse"); // static data: no allocation
    else
        item.source.pointer += QStringLiteral("/jsonResponse");
    sink.onItem(std::move(item), response);
}

} // namespace kili::predictions
