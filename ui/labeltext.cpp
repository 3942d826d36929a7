#include "labeltext.h"

#include "annotations.h"
#include "domain/label.h"

namespace kili::ui {

QString LabelText::byline(const Label& label) {
    if (!label.modelName.isEmpty())
        return label.modelName;
    if (!label.author.email.isEmpty())
        return label.author.email;
    return label.author.displayName();
}

QString LabelText::title(const Label& label) {
    return label.labelType.toString() + QStringLiteral(" · ") + byline(label);
}

QString LabelText::duration(double seconds) {
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QString::number(seconds, 'f', seconds < 10 ? 1 : 0) + QLatin1String(" s");
    const int whole = qRound(seconds);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
}

QString LabelText::confidenceSummary(const Label& label) {
    // Only a model's answers carry a score worth reading; a person's say 100 (Kili's default).
    const LabelType::Kind kind = label.labelType.kind();
    if (kind != LabelType::Prediction && kind != LabelType::Inference)
        return {};
    const Annotations annotations = AnnotationExtractor().extract(label.jsonResponse);
    QList<double> values;
    for (const AnnotationShape& shape : annotations.shapes)
        if (shape.confidence)
            values.append(*shape.confidence);
    for (const EntitySpan& span : annotations.spans)
        if (span.confidence)
            values.append(*span.confidence);
    for (const ClassificationAnswer& answer : annotations.classifications)
        if (answer.confidence)
            values.append(*answer.confidence);
    if (values.isEmpty())
        return {};
    double sum = 0;
    double minimum = values.first();
    for (double value : values) {
        sum += value;
        minimum = std::min(minimum, value);
    }
    const double mean = sum / static_cast<double>(values.size());
    if (values.size() == 1)
        return QString::number(qRound(mean)) + QLatin1Char('%');
    return QStringLiteral("avg %1% (min %2%)").arg(qRound(mean)).arg(qRound(minimum));
}

} // namespace kili::ui
