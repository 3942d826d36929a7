#pragma once

#include <QByteArray>
#include <QDateTime>
#include <chrono>
#include <optional>

namespace kili::api {

// When and how long to wait before resending a request the transport could not complete.
// Backoff doubles from `initialBackoff` up to `maxBackoff`, each delay drawn uniformly from its
// upper half ("equal jitter") so that clients that failed together do not come back together.
struct RetryPolicy {
    int maxRetries = 10;
    // A server that refuses the connection or a host that does not resolve is most likely the
    // wrong address or down: a few quick tries cover a restart, then the person hears of it
    // within seconds instead of after minutes of backoff.
    int maxUnreachableRetries = 3;
    std::chrono::milliseconds maxUnreachableBackoff{1000};
    std::chrono::milliseconds initialBackoff{200};
    std::chrono::milliseconds maxBackoff{30000};
    // A Retry-After longer than this fails the request instead of stalling it (Kili's SDK waits
    // up to 120 s for its own rate limit).
    std::chrono::milliseconds maxRetryAfter{120000};

    // 429, 502, 503, 504, 520, 521, 522: overload or a gateway in trouble, worth another try.
    static bool isRetryableStatus(int httpStatus);
    // 429 and 503 say the server did not process the request, so even a write may be resent.
    static bool statusMeansNotProcessed(int httpStatus);

    // Delay before retry number `retry` (1 for the first). A server's Retry-After wins when given.
    std::chrono::milliseconds delayFor(int retry,
                                       std::optional<std::chrono::milliseconds> retryAfter) const;

    // Retry-After as delay-seconds or an HTTP date; nullopt when absent or unreadable.
    static std::optional<std::chrono::milliseconds>
    parseRetryAfter(const QByteArray& value,
                    const QDateTime& now = QDateTime::currentDateTimeUtc());
};

} // namespace kili::api
