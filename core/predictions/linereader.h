// Streams the lines of a text file through a fixed buffer, so that a file of any size is read
// with a bounded amount of memory. Strips a UTF-8 BOM and LF/CRLF line ends. Every line handed
// out is followed by at least `padding` readable bytes, which lets simdjson parse it in place.
#pragma once

#include <QString>
#include <string_view>
#include <vector>

class QIODevice;

namespace kili::predictions {

class LineReader {
public:
    explicit LineReader(QIODevice& device, std::size_t padding = 64);

    // The next line without its end-of-line characters; false at the end or on a read error.
    bool next(std::string_view& line);
    qint64 lineNumber() const { return m_lineNumber; } // of the last line returned, from 1
    qint64 lineOffset() const { return m_lineOffset; } // byte offset of that line in the file
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    bool fill();

    QIODevice& m_device;
    std::size_t m_padding;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;   // first unread byte
    std::size_t m_end = 0;     // one past the last valid byte
    qint64 m_bufferOffset = 0; // file offset of m_buffer[0]
    qint64 m_lineNumber = 0;
    qint64 m_lineOffset = 0;
    bool m_eof = false;
    QString m_error;
};

} // namespace kili::predictions
