#include "predictions/linereader.h"

#include <QIODevice>
#include <cstring>

namespace kili::predictions {

namespace {
constexpr std::size_t kInitialCapacity = 1 << 20;
} // namespace

LineReader::LineReader(QIODevice& device, std::size_t padding)
    : m_device(device)
    , m_padding(padding)
    , m_buffer(kInitialCapacity + padding) {}

// Moves the unread tail to the front and reads more; grows the buffer when one line fills it.
bool LineReader::fill() {
    if (m_eof)
        return false;
    const std::size_t pending = m_end - m_begin;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, pending);
        m_bufferOffset += qint64(m_begin);
        m_begin = 0;
        m_end = pending;
    }
    const std::size_t capacity = m_buffer.size() - m_padding;
    if (m_end == capacity)
        m_buffer.resize(capacity * 2 + m_padding);
    const std::size_t room = m_buffer.size() - m_padding - m_end;
    const qint64 got = m_device.read(m_buffer.data() + m_end, qint64(room));
    if (got < 0) {
        m_error = m_device.errorString();
        m_eof = true;
        return false;
    }
    if (got == 0) {
        m_eof = true;
        return false;
    }
    if (m_bufferOffset == 0 && m_end == 0 && got >= 3
        && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
        m_begin = 3; // the BOM is not part of the first line
    }
    m_end += std::size_t(got);
    return true;
}

bool LineReader::next(std::string_view& line) {
    m_tooLong = false;
    for (;;) {
        const char* start = m_buffer.data() + m_begin;
        const std::size_t pending = m_end - m_begin;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', pending));
        if (newline || (m_eof && m_begin < m_end)) {
            std::size_t length = newline ? std::size_t(newline - start) : pending;
            m_lineOffset = m_bufferOffset + qint64(m_begin);
            m_lastLineBytes = qint64(length);
            ++m_lineNumber;
            m_begin += length + (newline ? 1 : 0);
            if (length > 0 && start[length - 1] == '\r')
                --length;
            if (m_maxLineBytes > 0 && length > m_maxLineBytes) {
                m_tooLong = true;
                length = 0;
            }
            line = std::string_view(start, length);
            return true;
        }
        if (m_maxLineBytes > 0 && pending > m_maxLineBytes)
            return skipLongLine(line);
        if (!fill() && m_begin >= m_end)
            return false;
    }
}

// The line in the buffer is already over the limit: read on to its end, dropping what was read.
bool LineReader::skipLongLine(std::string_view& line) {
    m_lineOffset = m_bufferOffset + qint64(m_begin);
    ++m_lineNumber;
    qint64 bytes = 0;
    for (;;) {
        const char* start = m_buffer.data() + m_begin;
        const std::size_t pending = m_end - m_begin;
        const auto* newline = static_cast<const char*>(std::memchr(start, '\n', pending));
        if (newline) {
            bytes += newline - start;
            m_begin += std::size_t(newline - start) + 1;
            break;
        }
        bytes += qint64(pending);
        m_begin = m_end;
        if (!fill())
            break;
    }
    m_tooLong = true;
    m_lastLineBytes = bytes;
    line = std::string_view(m_buffer.data() + m_begin, 0);
    return true;
}

} // namespace kili::predictions
