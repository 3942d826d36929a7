// How kili-desk-cli shows text that came from outside (file names, external ids, category names,
// a server's messages) on a terminal.
#pragma once

#include <QString>

namespace kili::cli {

// `text` with every control character written as a visible escape (\e, \r, \x7f, \u009b…), so that
// an ANSI sequence or a carriage return inside an input file cannot rewrite the user's terminal.
// Newlines and tabs stay when `keepLines` is true (multi-line messages); otherwise they are escaped
// too (a table cell).
QString printable(const QString& text, bool keepLines = false);

// `text` made printable, then cut or padded to `width` characters: a table cell.
QString cell(const QString& text, int width);

} // namespace kili::cli
