// "Did you mean …?" hints with graphql-js's distance, threshold and wording.
#pragma once

#include <QString>
#include <QStringList>

namespace kili::graphql {

// Options close to `input` (Damerau-Levenshtein, case-insensitive first), nearest first.
QStringList suggestionList(const QString& input, const QStringList& options);
// " Did you mean \"a\", \"b\", or \"c\"?" (at most five), or empty when there is nothing to
// suggest.
QString didYouMean(const QStringList& suggestions, const QString& subMessage = {});

} // namespace kili::graphql
