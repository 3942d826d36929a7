// The class list of a YOLO export: class index → category name. Accepts darknet/v4 text (`0 car`
// lines, or one name per line) and the data.yaml of YOLOv5, v7 and Ultralytics (v8, v11):
// `names:` as a list or a map, in flow or block style, read with yaml-cpp; `task:` is kept.
#pragma once

#include <QHash>
#include <QString>

namespace kili::predictions {

class YoloClasses {
public:
    // Loads `path`; on failure returns an empty list and sets `error` to a sentence.
    static YoloClasses load(const QString& path, QString* error);
    // Never empty without an error: a file without usable class names is one.
    static YoloClasses parse(const QByteArray& text, QString* error);

    bool isEmpty() const { return m_names.isEmpty(); }
    qsizetype size() const { return m_names.size(); }
    QString name(int classId) const { return m_names.value(classId); }
    bool contains(int classId) const { return m_names.contains(classId); }
    // Ultralytics' `task:` (detect, segment, obb…); empty when the file does not say.
    QString task() const { return m_task; }

private:
    static YoloClasses parseNames(const QByteArray& text, QString* error);
    static YoloClasses parseDarknet(const QString& text);
    static YoloClasses parseYaml(const QString& text, QString* error);

    QHash<int, QString> m_names;
    QString m_task;
};

} // namespace kili::predictions
