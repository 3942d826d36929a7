#pragma once

#include "api/basejob.h"
#include "domain/user.h"

#include <QDateTime>
#include <optional>

namespace kili::api {

// The user the API key belongs to (`viewer`).
class ViewerJob : public BaseJob {
    Q_OBJECT
public:
    explicit ViewerJob(Connection* connection, QObject* parent = nullptr);
    kili::User user() const { return m_user; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    kili::User m_user;
};

// The expiry date of the connection's own API key (`apiKeys(where: {key})`). The connection puts
// the key into the request; this job never sees it.
class ApiKeyExpiryJob : public BaseJob {
    Q_OBJECT
public:
    static constexpr int kWarningDays = 30;

    explicit ApiKeyExpiryJob(Connection* connection, QObject* parent = nullptr);
    // Whether the server listed the key at all.
    bool keyFound() const { return m_found; }
    // nullopt when the key never expires (or was not found).
    std::optional<QDateTime> expiryDate() const { return m_expiry; }
    // A sentence when the key expires within kWarningDays, else empty.
    QString warning() const;

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    bool m_found = false;
    std::optional<QDateTime> m_expiry;
};

// The SDK's sign-in check: `viewer { id email }` without retries, then the key's expiry. Fails with
// Authentication for a wrong or expired key, Network for an unreachable host, Tls for a failed
// secure connection, Malformed/HttpStatus for a server that is not a Kili API. Succeeds with the
// user and, when the key expires within 30 days, a warning.
class SignInJob : public BaseJob {
    Q_OBJECT
public:
    explicit SignInJob(Connection* connection, QObject* parent = nullptr);
    kili::User user() const { return m_user; }
    std::optional<QDateTime> keyExpiryDate() const { return m_expiry; }
    QString warning() const { return m_warning; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;
    bool recoverFrom(const ApiError& error) override;

private:
    enum class Step { Viewer, Expiry } m_step = Step::Viewer;
    kili::User m_user;
    std::optional<QDateTime> m_expiry;
    QString m_warning;
};

// Reads an apiKeys answer: {found, expiry}; shared by ApiKeyExpiryJob and SignInJob.
struct ApiKeyExpiry {
    bool found = false;
    std::optional<QDateTime> expiry;
    static ApiKeyExpiry fromData(const QJsonObject& data);
    // Empty unless the key expires within `warningDays` of `now` (and has not expired yet).
    QString warning(const QDateTime& now, int warningDays = 30) const;
    bool isExpired(const QDateTime& now) const { return expiry && *expiry <= now; }
};

} // namespace kili::api
