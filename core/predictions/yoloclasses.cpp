#include "predictions/yoloclasses.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

namespace kili::predictions {

namespace {

QString unquote(QString value) {
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            || (value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\''))))) {
        return value.mid(1, value.size() - 2);
    }
    return value;
}

// Drops a YAML comment that is not inside quotes.
QString withoutComment(const QString& line) {
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || line.at(i - 1).isSpace())) {
            return line.left(i);
        }
    }
    return line;
}

QStringList splitFlow(const QString& inner) {
    QStringList parts;
    QString current;
    QChar quote;
    for (const QChar c : inner) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            current += c;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
            current += c;
        } else if (c == QLatin1Char(',')) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        parts << current;
    return parts;
}

bool addEntry(QHash<int, QString>& names, const QString& entry, int ordinal, bool mapStyle,
              QString* error) {
    if (!mapStyle) {
        names.insert(ordinal, unquote(entry));
        return true;
    }
    const qsizetype colon = entry.indexOf(QLatin1Char(':'));
    bool ok = false;
    const int id = colon > 0 ? unquote(entry.left(colon)).toInt(&ok) : 0;
    if (!ok) {
        if (error)
            *error =
                QStringLiteral("\"%1\" is not a `class-number: name` entry").arg(entry.trimmed());
        return false;
    }
    names.insert(id, unquote(entry.mid(colon + 1)));
    return true;
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
    const QStringList lines = text.split(QLatin1Char('\n'));
    YoloClasses classes;
    static const QRegularExpression namesKey(QStringLiteral("^names\\s*:(.*)$"));
    qsizetype namesLine = -1;
    QString rest;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto match = namesKey.match(withoutComment(lines.at(i)).trimmed());
        if (match.hasMatch() && !lines.at(i).startsWith(QLatin1Char(' '))) {
            namesLine = i;
            rest = match.captured(1).trimmed();
            break;
        }
    }
    if (namesLine < 0) {
        // darknet / v4: `id name` lines, or one name per line numbered from 0
        static const QRegularExpression numbered(QStringLiteral("^(\\d+)\\s+(.+)$"));
        int ordinal = 0;
        for (const QString& raw : lines) {
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
    if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('['))
        && !rest.startsWith(QLatin1Char('{'))) {
        *error =
            QStringLiteral("`names:` must be a list or a map of class names, got \"%1\"").arg(rest);
        return {};
    }
    if (rest.startsWith(QLatin1Char('[')) || rest.startsWith(QLatin1Char('{'))) {
        const QChar close = rest.startsWith(QLatin1Char('[')) ? QLatin1Char(']') : QLatin1Char('}');
        QString flow = rest;
        for (qsizetype i = namesLine + 1; !flow.contains(close) && i < lines.size(); ++i)
            flow += QLatin1Char(' ') + withoutComment(lines.at(i)).trimmed();
        const qsizetype end = flow.lastIndexOf(close);
        if (end < 0) {
            *error = QStringLiteral("the `names:` list is not closed");
            return {};
        }
        const QStringList parts = splitFlow(flow.mid(1, end - 1));
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (!addEntry(classes.m_names, parts.at(i), int(i), close == QLatin1Char('}'), error))
                return {};
        }
        if (classes.isEmpty())
            *error = QStringLiteral("`names:` is empty");
        return classes;
    }
    int ordinal = 0;
    for (qsizetype i = namesLine + 1; i < lines.size(); ++i) {
        const QString raw = withoutComment(lines.at(i));
        if (raw.trimmed().isEmpty())
            continue;
        if (!raw.at(0).isSpace() && !raw.startsWith(QLatin1Char('-')))
            break; // the next top-level key
        const QString entry = raw.trimmed();
        if (entry.startsWith(QLatin1Char('-'))) {
            classes.m_names.insert(ordinal++, unquote(entry.mid(1)));
        } else if (!addEntry(classes.m_names, entry, ordinal++, true, error)) {
            return {};
        }
    }
    return classes;
}

} // namespace kili::predictions
