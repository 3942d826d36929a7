// Streams the lines of a text file through a fixed buffer, so that a file of any size is read
// with a bounded amount of memory. Strips a UTF-8 BOM and LF/CRLF line ends. Every line handed
// out is followed by at least `padding` readable bytes, which lets simdjson parse it in place.
// A line longer than the limit is read through without being kept: next() hands it out empty,
// marked lastLineTooLong(), so that one huge line costs the limit's memory, not its own size.
#pragma once

#include <QString>
#include <string_view>
#include <vector>

class QIODevice;

namespace kili::predictions {

class LineReader {
public:
    explicit LineReader(QIODevice& device, std::size_t padding = 64);

    // The largest line kept, in bytes (0: no limit).
    void setMaxLineBytes(std::size_t bytes) { m_maxLineBytes = bytes; }

    // The next line without its end-of-line characters; false at the end or on a read error.
    bool next(std::string_view& line);
    // The last line handed out was over the limit: it is empty, lastLineBytes() long in the file.
    bool lastLineTooLong() const { return m_tooLong; }
    qint64 lastLineBytes() const { return m_lastLineBytes; }
    qint64 lineNumber() const { return m_lineNumber; } // of the last line returned, from 1
    qint64 lineOffset() const { return m_lineOffset; } // byte offset of that line in the file
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    bool fill();
    bool skipLongLine(std::string_view& line);

    QIODevice& m_device;
    std::size_t m_padding;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;   // first unread byte
    std::size_t m_end = 0;     // one past the last valid byte
    qint64 m_bufferOffset = 0; // file offset of m_buffer[0]
    qint64 m_lineNumber = 0;
    qint64 m_lineOffset = 0;
    bool m_eof = false;
    std::size_t m_maxLineBytes = 0;
    bool m_tooLong = false;
    qint64 m_lastLineBytes = 0;
    QString m_error;
};

} // namespace kili::predictions
