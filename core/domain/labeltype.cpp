#include "domain/labeltype.h"

#include <array>

namespace kili {

namespace {
struct KindName {
    LabelType::Kind kind;
    QLatin1String name;
};

constexpr std::array kKindNames{
    KindName{LabelType::Default, QLatin1String("DEFAULT")},
    KindName{LabelType::Prediction, QLatin1String("PREDICTION")},
    KindName{LabelType::Review, QLatin1String("REVIEW")},
    KindName{LabelType::Inference, QLatin1String("INFERENCE")},
    KindName{LabelType::Autosave, QLatin1String("AUTOSAVE")},
};
} // namespace

LabelType::LabelType(Kind kind)
    : m_kind(kind) {}

LabelType LabelType::fromString(QStringView text) {
    for (const auto& entry : kKindNames) {
        if (text == entry.name)
            return LabelType(entry.kind);
    }
    LabelType unknown(Unknown);
    unknown.m_unknownText = text.toString();
    return unknown;
}

QList<LabelType> LabelType::known() {
    QList<LabelType> all;
    for (const auto& entry : kKindNames)
        all.append(LabelType(entry.kind));
    return all;
}

QString LabelType::toString() const {
    for (const auto& entry : kKindNames) {
        if (entry.kind == m_kind)
            return entry.name;
    }
    return m_unknownText;
}

} // namespace kili
