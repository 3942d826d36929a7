#include "graphql/suggestions.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace kili::graphql {

namespace {

std::optional<int> lexicalDistance(const QString& input, const QString& option, int threshold) {
    if (input == option) {
        return 0;
    }
    QString a = option.toLower();
    QString b = input.toLower();
    if (a == b) {
        return 1;
    }
    if (a.size() < b.size()) {
        std::swap(a, b);
    }
    const int aLength = int(a.size());
    const int bLength = int(b.size());
    if (aLength - bLength > threshold) {
        return std::nullopt;
    }
    std::vector<std::vector<int>> rows(3, std::vector<int>(size_t(bLength) + 1));
    for (int j = 0; j <= bLength; ++j) {
        rows[0][size_t(j)] = j;
    }
    for (int i = 1; i <= aLength; ++i) {
        std::vector<int>& upRow = rows[size_t((i - 1) % 3)];
        std::vector<int>& currentRow = rows[size_t(i % 3)];
        int smallestCell = currentRow[0] = i;
        for (int j = 1; j <= bLength; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int currentCell = std::min(
                {upRow[size_t(j)] + 1, currentRow[size_t(j - 1)] + 1, upRow[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                const int doubleDiagonalCell = rows[size_t((i - 2) % 3)][size_t(j - 2)];
                currentCell = std::min(currentCell, doubleDiagonalCell + 1);
            }
            smallestCell = std::min(smallestCell, currentCell);
            currentRow[size_t(j)] = currentCell;
        }
        if (smallestCell > threshold) {
            return std::nullopt;
        }
    }
    const int distance = rows[size_t(aLength % 3)][size_t(bLength)];
    return distance <= threshold ? std::optional<int>(distance) : std::nullopt;
}

} // namespace

QStringList suggestionList(const QString& input, const QStringList& options) {
    const int threshold = int(input.size() * 0.4) + 1;
    std::vector<std::pair<int, QString>> found;
    for (const QString& option : options) {
        if (const std::optional<int> distance = lexicalDistance(input, option, threshold)) {
            found.emplace_back(*distance, option);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& left, const auto& right) {
        return left.first != right.first ? left.first < right.first : left.second < right.second;
    });
    QStringList result;
    for (const auto& entry : found) {
        result.append(entry.second);
    }
    return result;
}

QString didYouMean(const QStringList& suggestions, const QString& subMessage) {
    if (suggestions.isEmpty()) {
        return {};
    }
    QString message = QStringLiteral(" Did you mean ");
    if (!subMessage.isEmpty()) {
        message += subMessage + QLatin1Char(' ');
    }
    QStringList quoted;
    for (const QString& suggestion : suggestions.mid(0, 5)) {
        quoted.append(QLatin1Char('"') + suggestion + QLatin1Char('"'));
    }
    if (quoted.size() == 1) {
        return message + quoted.first() + QLatin1Char('?');
    }
    if (quoted.size() == 2) {
        return message + quoted[0] + QLatin1String(" or ") + quoted[1] + QLatin1Char('?');
    }
    const QString last = quoted.takeLast();
    return message + quoted.join(QLatin1String(", ")) + QLatin1String(", or ") + last
           + QLatin1Char('?');
}

} // namespace kili::graphql
