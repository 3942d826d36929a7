#include "predictions/predictionitem.h"

namespace kili::predictions {

QString SourceLocation::toText() const {
    QString text = file;
    if (line > 0)
        text += QLatin1Char(':') + QString::number(line);
    if (!pointer.isEmpty() && line <= 0)
        text += QLatin1Char('#') + pointer;
    return text;
}

QString Problem::toText() const {
    QString text = source.toText();
    if (!externalId.isEmpty())
        text += QLatin1Char(' ') + externalId;
    if (!job.isEmpty())
        text += QLatin1Char(' ') + job;
    text += QStringLiteral(": ");
    if (severity == Severity::Warning)
        text += QStringLiteral("warning: ");
    text += message;
    return text;
}

QJsonObject Problem::toJson() const {
    QJsonObject object{{QStringLiteral("file"), source.file},
                       {QStringLiteral("pointer"), source.pointer},
                       {QStringLiteral("externalId"), externalId},
                       {QStringLiteral("job"), job},
                       {QStringLiteral("message"), message}};
    object.insert(QStringLiteral("line"),
                  source.line > 0 ? QJsonValue(double(source.line)) : QJsonValue());
    if (severity == Severity::Warning)
        object.insert(QStringLiteral("severity"), QStringLiteral("warning"));
    return object;
}

} // namespace kili::predictions
