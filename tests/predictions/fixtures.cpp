#include "fixtures.h"

#include "predictions/compactjson.h"

#include <QFile>

namespace kili::predictions::testing {

QString dataPath(const QString& name) {
    return QStringLiteral(KILI_PREDICTIONS_DATA "/") + name;
}

Interface testInterface() {
    QFile file(dataPath(QStringLiteral("interface.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return Interface::parse(file.readAll());
}

void CollectingSink::onItem(PredictionItem&& item, simdjson::dom::element jsonResponse) {
    items.push_back({std::move(item), compactJson(jsonResponse)});
}

QStringList texts(const QList<Problem>& problems) {
    QStringList list;
    for (const Problem& problem : problems)
        list << problem.toText();
    return list;
}

} // namespace kili::predictions::testing
