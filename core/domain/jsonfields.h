#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

// Defensive readers for the fields of the API's JSON answers. The server is outside input: a field
// may be missing, null, of another type, or a JSON document encoded in a string that does not
// decode. None of these functions throws or asserts; they return an empty value and, where the
// caller must tell the user, an error sentence.
namespace kili::json {

// "a boolean", "a number", "an array", "an object", "a string" or "null": for sentences such as
// "must be an object, got an array".
QString typeName(const QJsonValue& value);

// ISO-8601 with or without milliseconds ("2022-12-15T12:15:52.169Z"); invalid QDateTime otherwise.
QDateTime dateTime(const QJsonValue& value);

// A number, or a string holding one; nullopt for null, missing or anything else.
std::optional<double> optionalDouble(const QJsonValue& value);

// An integer field; `fallback` when missing or not a number.
int integer(const QJsonValue& value, int fallback = 0);

// true/false, or 0/1 as older jsonInterfaces write `required`.
bool boolean(const QJsonValue& value, bool fallback = false);

// Kili sends jsonInterface, jsonMetadata and jsonResponse as JSON text inside a string. Decodes
// such a field: null, missing or blank → {}; an object (a server that does not encode) is kept;
// anything else that is not the text of a JSON object → {} and `*error` says why, in words that
// can follow "<field> of <item> ". `*error` is cleared on success.
QJsonObject objectFromJsonString(const QJsonValue& value, QString* error);

} // namespace kili::json
