// Re-indents JSON text without parsing it into a QJsonObject, which would sort the keys: a
// jsonInterface is read in the order its author wrote its jobs and categories.
#pragma once

#include <QString>

namespace kili::ui {

class JsonFormatter {
public:
    // Two-space indentation, one member per line; text that is not JSON comes back re-indented
    // on a best-effort basis (the view shows what the server sent, not nothing).
    static QString indent(QStringView json);
};

} // namespace kili::ui
