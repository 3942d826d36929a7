// A JSON document as a two-column tree (key, value). Objects and arrays get a one-line summary
// in the value column so that a collapsed label still reads "rectangle CAR 90%".
#pragma once

#include <QJsonObject>
#include <QStandardItemModel>

namespace kili::ui {

class JsonTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    explicit JsonTreeModel(QObject* parent = nullptr);

    void setJson(const QJsonObject& object);

    static QString summary(const QJsonValue& value);

private:
    void append(QStandardItem* parent, const QString& key, const QJsonValue& value, int depth);
};

} // namespace kili::ui
