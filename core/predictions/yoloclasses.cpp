#include "predictions/yoloclasses.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>
#include <yaml-cpp/yaml.h>

namespace kili::predictions {

namespace {

// A top-level `key:` line: the file is YAML (an Ultralytics or YOLOv5/v7 data.yaml), not a
// darknet list of names.
bool looksLikeYaml(const QString& text) {
    static const QRegularExpression topLevelKey(QStringLiteral("^[A-Za-z_][\\w-]*\\s*:(\\s|$)"),
                                                QRegularExpression::MultilineOption);
    return topLevelKey.match(text).hasMatch();
}

QString fromStd(const std::string& value) {
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}

} // namespace

YoloClasses YoloClasses::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("the classes file %1 cannot be read (%2)")
                         .arg(path, file.errorString());
        return {};
    }
    QString why;
    YoloClasses classes = parseNames(file.readAll(), &why);
    if (classes.isEmpty() && error)
        *error = QStringLiteral("the classes file %1 has no usable class names%2")
                     .arg(path, why.isEmpty() ? QString() : QStringLiteral(": ") + why);
    return classes;
}

YoloClasses YoloClasses::parse(const QByteArray& bytes, QString* error) {
    QString why;
    YoloClasses classes = parseNames(bytes, &why);
    if (error) {
        *error = !classes.isEmpty()
                     ? QString()
                     : QStringLiteral("the classes file has no usable class names%1")
                           .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why);
    }
    return classes;
}

// Sets `error` to the reason when the names cannot be read; an empty result without a reason is a
// file without any name.
YoloClasses YoloClasses::parseNames(const QByteArray& bytes, QString* error) {
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return looksLikeYaml(text) ? parseYaml(text, error) : parseDarknet(text);
}

// darknet / v4: `id name` lines, or one name per line numbered from 0
YoloClasses YoloClasses::parseDarknet(const QString& text) {
    static const QRegularExpression numbered(QStringLiteral("^(\\d+)\\s+(.+)$"));
    YoloClasses classes;
    int ordinal = 0;
    for (const QString& raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const auto match = numbered.match(line);
        if (match.hasMatch())
            classes.m_names.insert(match.captured(1).toInt(), match.captured(2).trimmed());
        else
            classes.m_names.insert(ordinal, line);
        ++ordinal;
    }
    return classes;
}

// A data.yaml (Ultralytics, YOLOv5, YOLOv7): `names` as a list or a map of index → name, and the
// `task` when present. Read by yaml-cpp: such files carry comments, quotes, flow maps and the
// dataset's other keys (`path:`, `train:`…).
YoloClasses YoloClasses::parseYaml(const QString& text, QString* error) {
    YoloClasses classes;
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        const YAML::Node names = root.IsMap() ? root["names"] : YAML::Node();
        if (!names) {
            *error = QStringLiteral("the YAML file has no `names:` key listing the classes");
            return {};
        }
        if (const YAML::Node task = root["task"]; task && task.IsScalar())
            classes.m_task = fromStd(task.as<std::string>());
        if (names.IsSequence()) {
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (!names[i].IsScalar()) {
                    *error = QStringLiteral("`names:` entry %1 is not a class name").arg(i);
                    return {};
                }
                classes.m_names.insert(int(i), fromStd(names[i].as<std::string>()));
            }
        } else if (names.IsMap()) {
            for (const auto& entry : names) {
                const int id = entry.first.as<int>();
                if (id < 0 || !entry.second.IsScalar()) {
                    *error = QStringLiteral("`names:` must map class numbers from 0 to names; "
                                            "\"%1\" does not")
                                 .arg(fromStd(entry.first.Scalar()));
                    return {};
                }
                classes.m_names.insert(id, fromStd(entry.second.as<std::string>()));
            }
        } else {
            *error = QStringLiteral("`names:` must be a list or a map of class names, got \"%1\"")
                         .arg(fromStd(names.IsScalar() ? names.Scalar() : std::string()));
            return {};
        }
    } catch (const YAML::Exception& exception) {
        *error = QStringLiteral("the YAML cannot be read (line %1: %2)")
                     .arg(exception.mark.line + 1)
                     .arg(fromStd(exception.msg));
        return {};
    }
    if (classes.isEmpty())
        *error = QStringLiteral("`names:` is empty");
    return classes;
}

} // namespace kili::predictions
