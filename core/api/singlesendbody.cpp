#include "api/singlesendbody.h"

#include <algorithm>
#include <cstring>

namespace kili::api {

SingleSendBody::SingleSendBody(QByteArray bytes, QObject* parent)
    : QIODevice(parent)
    , m_bytes(std::move(bytes)) {
    open(QIODevice::ReadOnly);
}

bool SingleSendBody::reset() {
    return seek(0);
}

bool SingleSendBody::seek(qint64 position) {
    if (m_started && position < pos())
        return false;
    return QIODevice::seek(position);
}

qint64 SingleSendBody::readData(char* data, qint64 maxSize) {
    const qint64 at = pos();
    const qint64 count = std::min(maxSize, qint64(m_bytes.size()) - at);
    if (count <= 0)
        return 0;
    m_started = true;
    std::memcpy(data, m_bytes.constData() + at, size_t(count));
    return count;
}

qint64 SingleSendBody::writeData(const char*, qint64) {
    return -1;
}

} // namespace kili::api
