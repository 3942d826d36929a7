#include "api/retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <algorithm>

namespace kili::api {

using std::chrono::milliseconds;

bool RetryPolicy::isRetryableStatus(int httpStatus) {
    switch (httpStatus) {
    case 429:
    case 502:
    case 503:
    case 504:
    case 520:
    case 521:
    case 522:
        return true;
    default:
        return false;
    }
}

bool RetryPolicy::statusMeansNotProcessed(int httpStatus) {
    return httpStatus == 429 || httpStatus == 503;
}

milliseconds RetryPolicy::delayFor(int retry, std::optional<milliseconds> retryAfter) const {
    if (retryAfter)
        return std::max(*retryAfter, milliseconds(0));
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double ceiling = std::min(double(initialBackoff.count()) * double(1LL << exponent),
                                    double(maxBackoff.count()));
    const double jittered =
        ceiling / 2.0 + QRandomGenerator::global()->generateDouble() * ceiling / 2.0;
    return milliseconds(qint64(jittered));
}

std::optional<milliseconds> RetryPolicy::parseRetryAfter(const QByteArray& value,
                                                         const QDateTime& now) {
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional(milliseconds(seconds * 1000));
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QString text = QString::fromLatin1(trimmed);
    QDateTime when =
        QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

} // namespace kili::api
