// Readers turn one input file into predictions. They stream: each item is handed to the sink
// with its jsonResponse already parsed (valid only during the call), so that validation needs no
// second parse and nothing but the current item is in memory.
#pragma once

#include "predictions/predictionitem.h"

#include <simdjson.h>

namespace kili::predictions {

class ReadSink {
public:
    virtual ~ReadSink() = default;
    // item.jsonResponse is left empty; `jsonResponse` is the parsed object (valid during the call)
    virtual void onItem(PredictionItem&& item, simdjson::dom::element jsonResponse) = 0;
    virtual void onProblem(Problem&& problem) = 0;
};

class PredictionReader {
public:
    virtual ~PredictionReader() = default;
    // Reads every prediction of `path`. A file that cannot be read is reported as a problem.
    virtual void read(const QString& path, ReadSink& sink) = 0;
};

// RFC 6901 escaping of one reference token.
QString jsonPointerToken(std::string_view key);
QString jsonPointerToken(qint64 index);

// Turns one `{"externalId" | "assetId", "jsonResponse", "modelName"?}` object into an item.
// Shared by the JSONL and JSON-array readers.
class ItemObjectDecoder {
public:
    void decode(simdjson::dom::element object, const SourceLocation& where, ReadSink& sink);

    // jsonResponse given as an object, or as a JSON-encoded string of one. Returns false and
    // sets `error` when it is neither. The returned element lives until the next call.
    bool decodeResponse(simdjson::dom::element value, simdjson::dom::element& response,
                        QString& error);

private:
    simdjson::dom::parser m_stringParser;
    std::string m_stringCopy;
};

// The longest line of a JSONL file that is read: a prediction that large could not be sent in one
// request anyway (Kili's, and the sandbox's, limit is 32 MB a request), and parsing one line of
// hundreds of megabytes would hold gigabytes.
constexpr std::size_t kMaxJsonlLineBytes = 16 * 1024 * 1024;
// The longest line of a YOLO file: one object is a few dozen bytes.
constexpr std::size_t kMaxYoloLineBytes = 1024 * 1024;

Problem readProblem(const SourceLocation& where, const QString& message,
                    const QString& externalId = {});
// For a line over the limit of its format: how long it is, what the limit is, that it was skipped.
QString lineTooLongMessage(qint64 bytes, std::size_t limit);
QString cannotOpenMessage(const QString& reason);
// For a file that holds no prediction at all: `why` says what the file holds instead.
QString noPredictionMessage(const QString& why);

} // namespace kili::predictions
