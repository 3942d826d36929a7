// Colours of the design kept readable on whatever palette the system gives (a dark theme
// included): the hue stays, the lightness moves until the text contrasts with its background.
#pragma once

#include <QColor>

namespace kili::ui {

// WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white).
double contrastRatio(const QColor& a, const QColor& b);

// `colour` with its lightness moved away from `background` until their contrast ratio reaches
// `minimum` (4.5: WCAG's body text), or as far as it goes.
QColor readableOn(const QColor& colour, const QColor& background, double minimum = 4.5);

// The application palette's text background (QPalette::Base), what the colours above sit on.
QColor textBackground();

} // namespace kili::ui
