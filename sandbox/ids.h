#pragma once

#include <QDateTime>
#include <QString>
#include <atomic>

namespace kili::sandbox {

// cuid-like identifiers ("c" + time + counter + fingerprint + random, 25 characters of [0-9a-z]),
// the shape Kili uses. The time and counter come first so that ids created in one run sort in
// creation order, which keeps the SQLite unique indexes append-mostly during bulk inserts.
class IdGenerator {
public:
    IdGenerator();
    // Safe to call from several threads (the sandbox's workers create labels).
    QString next();

private:
    std::atomic<quint32> m_counter = 0;
    QString m_fingerprint;
};

// ISO-8601 UTC with milliseconds, e.g. "2022-12-15T12:15:52.169Z".
QString isoTimestamp(const QDateTime& when);
QString isoNow();

// An API key in the shape Kili issues them (long random, url-safe).
QString generateApiKey();

} // namespace kili::sandbox
