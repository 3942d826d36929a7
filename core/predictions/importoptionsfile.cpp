#include "predictions/importoptionsfile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace kili::predictions {

namespace {

QString unquoted(QString text) {
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return text;
}

bool isHeader(const QStringList& fields) {
    static const QStringList words{QStringLiteral("job"), QStringLiteral("name"),
                                   QStringLiteral("key"), QStringLiteral("category")};
    for (const QString& field : fields) {
        if (!words.contains(field.trimmed().toLower()))
            return false;
    }
    return true;
}

std::optional<CategoryMap> csvMap(const QByteArray& bytes, const QString& fileName,
                                  QString* error) {
    CategoryMap map;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char(','));
        if (i == 0 && isHeader(fields))
            continue;
        if (fields.size() != 2 && fields.size() != 3) {
            *error = QStringLiteral("%1:%2: a mapping line is name,KEY or job,name,KEY; this one "
                                    "has %3 field(s)")
                         .arg(fileName)
                         .arg(i + 1)
                         .arg(fields.size());
            return std::nullopt;
        }
        const QString job = fields.size() == 3 ? unquoted(fields.at(0)) : kAnyJob;
        const QString name = unquoted(fields.at(fields.size() - 2));
        const QString key = unquoted(fields.constLast());
        if (job.isEmpty() || name.isEmpty() || key.isEmpty()) {
            *error = QStringLiteral("%1:%2: an empty job, name or key").arg(fileName).arg(i + 1);
            return std::nullopt;
        }
        map[job].insert(name, key);
    }
    return map;
}

std::optional<CategoryMap> jsonMap(const QJsonObject& root, const QString& fileName,
                                   QString* error) {
    CategoryMap map;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.value().isString()) {
            map[kAnyJob].insert(it.key(), it.value().toString());
            continue;
        }
        if (!it.value().isObject()) {
            *error = QStringLiteral("%1: \"%2\" must map to a category key (a string) or, for a "
                                    "job, to an object of name → key")
                         .arg(fileName, it.key());
            return std::nullopt;
        }
        const QJsonObject names = it.value().toObject();
        for (auto name = names.begin(); name != names.end(); ++name) {
            if (!name.value().isString()) {
                *error = QStringLiteral("%1: %2 → \"%3\" must map to a category key (a string)")
                             .arg(fileName, it.key(), name.key());
                return std::nullopt;
            }
            map[it.key()].insert(name.key(), name.value().toString());
        }
    }
    return map;
}

bool isConfidence(const QJsonValue& value) {
    return value.isDouble() && std::isfinite(value.toDouble()) && value.toDouble() >= 0
           && value.toDouble() <= 100;
}

// One class's threshold into `minimums`; false (with *error) when it is not 0–100 or a second
// job gives the same class another value.
bool addThreshold(ClassMinimums& minimums, const QString& name, const QJsonValue& value,
                  const QString& fileName, QString* error) {
    if (!isConfidence(value)) {
        *error = QStringLiteral("%1: the threshold of \"%2\" must be a number from 0 to 100")
                     .arg(fileName, name);
        return false;
    }
    const auto known = minimums.constFind(name);
    if (known != minimums.cend() && *known != value.toDouble()) {
        *error = QStringLiteral("%1: \"%2\" is given two thresholds (%3 and %4)")
                     .arg(fileName, name)
                     .arg(*known)
                     .arg(value.toDouble());
        return false;
    }
    minimums.insert(name, value.toDouble());
    return true;
}

} // namespace

std::optional<CategoryMap> parseCategoryMap(const QByteArray& bytes, const QString& fileName,
                                            QString* error) {
    const QByteArray trimmed = bytes.trimmed();
    const bool json = fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                      || trimmed.startsWith('{') || trimmed.startsWith('[');
    if (!json)
        return csvMap(bytes, fileName, error);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object of name → category key (%2)")
                     .arg(fileName, parseError.errorString());
        return std::nullopt;
    }
    return jsonMap(document.object(), fileName, error);
}

std::optional<ClassMinimums> parseThresholds(const QByteArray& bytes, const QString& fileName,
                                             QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object of class → threshold (%2)")
                     .arg(fileName, parseError.errorString());
        return std::nullopt;
    }
    QJsonObject root = document.object();
    if (root.size() == 1 && root.value(QStringLiteral("thresholds")).isObject())
        root = root.value(QStringLiteral("thresholds")).toObject();
    ClassMinimums minimums;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!it.value().isObject()) {
            if (!addThreshold(minimums, it.key(), it.value(), fileName, error))
                return std::nullopt;
            continue;
        }
        const QJsonObject classes = it.value().toObject();
        for (auto each = classes.begin(); each != classes.end(); ++each) {
            if (!addThreshold(minimums, each.key(), each.value(), fileName, error))
                return std::nullopt;
        }
    }
    return minimums;
}

bool addMapping(const QString& text, CategoryMap& map) {
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals <= 0 || equals == text.size() - 1)
        return false;
    QString name = text.left(equals).trimmed();
    const QString key = text.mid(equals + 1).trimmed();
    QString job = kAnyJob;
    if (const qsizetype colon = name.indexOf(QLatin1Char(':')); colon > 0) {
        job = name.left(colon).trimmed();
        name = name.mid(colon + 1).trimmed();
    }
    if (name.isEmpty() || key.isEmpty())
        return false;
    map[job].insert(name, key);
    return true;
}

bool addClassMinimum(const QString& text, ClassMinimums& minimums) {
    const qsizetype equals = text.lastIndexOf(QLatin1Char('='));
    if (equals <= 0)
        return false;
    bool ok = false;
    const double value = text.mid(equals + 1).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > 100)
        return false;
    minimums.insert(text.left(equals).trimmed(), value);
    return true;
}

} // namespace kili::predictions
