// The class list of a YOLO export: class index → category name. Accepts the three shapes Kili's
// CLI reads: darknet/v4 text (`0 car` lines, or one name per line), v5 YAML (`names:` map) and
// v7 YAML (`names:` list), in flow (`[a, b]`, `{0: a}`) or block style. Only that `names` key is
// read; this is not a YAML parser.
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

private:
    static YoloClasses parseNames(const QByteArray& text, QString* error);

    QHash<int, QString> m_names;
};

} // namespace kili::predictions
