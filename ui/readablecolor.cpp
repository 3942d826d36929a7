#include "readablecolor.h"

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace kili::ui {

namespace {

double channel(double value) {
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& colour) {
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
           + 0.0722 * channel(colour.blueF());
}

} // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double first = luminance(a);
    const double second = luminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

QColor readableOn(const QColor& colour, const QColor& background, double minimum) {
    if (!colour.isValid() || contrastRatio(colour, background) >= minimum)
        return colour;
    // Lighter on a dark background, darker on a light one, in small steps of HSL lightness.
    const bool lighten = luminance(background) < 0.5;
    QColor adjusted = colour.toHsl();
    for (int step = 0; step < 50 && contrastRatio(adjusted, background) < minimum; ++step) {
        const double lightness =
            std::clamp(adjusted.lightnessF() + (lighten ? 0.02 : -0.02), 0.0, 1.0);
        adjusted.setHslF(adjusted.hslHueF(), adjusted.hslSaturationF(), lightness,
                         adjusted.alphaF());
    }
    return adjusted.toRgb();
}

QColor textBackground() {
    return QGuiApplication::palette().color(QPalette::Base);
}

} // namespace kili::ui
