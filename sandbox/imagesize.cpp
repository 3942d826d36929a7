#include "imagesize.h"

namespace kili::sandbox {

namespace {

quint32 bigEndian(const QByteArray& data, qsizetype at, int bytes) {
    quint32 value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | static_cast<quint8>(data.at(at + i));
    return value;
}

QSize pngSize(const QByteArray& data) {
    // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
    if (data.size() < 24 || !data.startsWith("\x89PNG\r\n\x1a\n") || data.mid(12, 4) != "IHDR")
        return {};
    return QSize(int(bigEndian(data, 16, 4)), int(bigEndian(data, 20, 4)));
}

QSize jpegSize(const QByteArray& data) {
    if (data.size() < 4 || quint8(data.at(0)) != 0xFF || quint8(data.at(1)) != 0xD8)
        return {};
    qsizetype at = 2;
    while (at + 9 < data.size()) {
        if (quint8(data.at(at)) != 0xFF)
            return {};
        const quint8 marker = quint8(data.at(at + 1));
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        const quint32 length = bigEndian(data, at + 2, 2);
        // Start-of-frame markers (all but DHT C4, JPG C8 and DAC CC) carry the size.
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return QSize(int(bigEndian(data, at + 7, 2)), int(bigEndian(data, at + 5, 2)));
        if (length < 2)
            return {};
        at += 2 + length;
    }
    return {};
}

} // namespace

QSize imageSize(const QByteArray& data) {
    const QSize png = pngSize(data);
    return png.isValid() ? png : jpegSize(data);
}

} // namespace kili::sandbox
