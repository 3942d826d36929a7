#include "kiliresources.h"

#include <QFile>

// Q_INIT_RESOURCE must be used outside of any namespace.
static void initKiliResources() {
    Q_INIT_RESOURCE(schema);
    Q_INIT_RESOURCE(icons);
}

namespace kili::resources {

void ensureLoaded() {
    static const bool loaded = [] {
        initKiliResources();
        return true;
    }();
    Q_UNUSED(loaded);
}

QString kiliSchemaSdl() {
    ensureLoaded();
    QFile file(QStringLiteral(":/kili/kili-schema.graphql"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace kili::resources
