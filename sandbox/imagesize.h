#pragma once

#include <QByteArray>
#include <QSize>

namespace kili::sandbox {

// Width and height of a PNG or JPEG image read from its header (Asset.resolution of loaded
// image files), without decoding it or needing QtGui. An invalid size for other data.
QSize imageSize(const QByteArray& data);

} // namespace kili::sandbox
