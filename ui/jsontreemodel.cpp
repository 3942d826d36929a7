#include "jsontreemodel.h"

#include <QJsonArray>

namespace kili::ui {

namespace {
constexpr int MaxDepth = 64;

QString categorySummary(const QJsonArray& categories) {
    QStringList parts;
    for (const QJsonValue& value : categories) {
        const QJsonObject category = value.toObject();
        QString part = category.value(QLatin1String("name")).toString();
        const QJsonValue confidence = category.value(QLatin1String("confidence"));
        if (confidence.isDouble())
            part += QLatin1Char(' ') + QString::number(confidence.toDouble()) + QLatin1Char('%');
        parts.append(part);
    }
    return parts.join(QLatin1String(", "));
}
} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Key"), tr("Value")});
}

void JsonTreeModel::setJson(const QJsonObject& object) {
    removeRows(0, rowCount());
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        append(invisibleRootItem(), it.key(), it.value(), 0);
}

QString JsonTreeModel::summary(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return tr("[%n item(s)]", nullptr, static_cast<int>(value.toArray().size()));
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList parts;
        const QString type = object.value(QLatin1String("type")).toString();
        if (!type.isEmpty())
            parts.append(type);
        if (object.contains(QLatin1String("categories")))
            parts.append(categorySummary(object.value(QLatin1String("categories")).toArray()));
        if (object.contains(QLatin1String("annotations")))
            parts.append(
                tr("%n annotation(s)", nullptr,
                   static_cast<int>(object.value(QLatin1String("annotations")).toArray().size())));
        if (object.value(QLatin1String("text")).isString())
            parts.append(object.value(QLatin1String("text")).toString());
        if (object.contains(QLatin1String("name")) && !object.contains(QLatin1String("categories")))
            parts.append(summary(object.value(QLatin1String("name"))));
        return parts.isEmpty() ? QStringLiteral("{…}") : parts.join(QStringLiteral(" · "));
    }
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

void JsonTreeModel::append(QStandardItem* parent, const QString& key, const QJsonValue& value,
                           int depth) {
    auto* keyItem = new QStandardItem(key);
    auto* valueItem = new QStandardItem(summary(value));
    keyItem->setEditable(false);
    valueItem->setEditable(false);
    parent->appendRow({keyItem, valueItem});
    if (depth >= MaxDepth)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            append(keyItem, it.key(), it.value(), depth + 1);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            append(keyItem, QString::number(i), array.at(i), depth + 1);
    }
}

} // namespace kili::ui
