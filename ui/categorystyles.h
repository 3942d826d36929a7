// Category colours and names from a project's interface, for everything that draws labels.
#pragma once

#include "annotations.h"
#include "domain/interface.h"

#include <QIcon>

namespace kili::ui {

class CategoryStyles {
public:
    // A lookup over a copy of the interface (cheap: Interface is implicitly shared data).
    static CategoryStyleLookup lookupFor(const Interface& interface);
    static QColor colorOf(const Category& category);
    static QIcon swatch(const QColor& color);
};

} // namespace kili::ui
