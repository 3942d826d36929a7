#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <deque>
#include <functional>

namespace kili::api {

// A token bucket shared by every job of a connection: on average `callsPerMinute` requests start
// per minute, up to `burst` at once after a quiet time. It limits how often requests start, not
// how many are in flight, so slow answers do not hold up the next requests.
class RateLimiter : public QObject {
    Q_OBJECT
public:
    using Ticket = quint64;

    explicit RateLimiter(int callsPerMinute = 500, int burst = 10, QObject* parent = nullptr);

    void setRate(int callsPerMinute, int burst);
    int callsPerMinute() const { return m_callsPerMinute; }
    int burst() const { return m_burst; }

    // Calls `ready` when a request may start: at once when a token is free, else later from the
    // event loop, in the order of the calls. The returned ticket cancels a wait.
    Ticket acquire(std::function<void()> ready);
    // Forgets a waiting ticket; harmless for a ticket already served.
    void cancel(Ticket ticket);

    int waitingCount() const { return int(m_waiting.size()); }
    qint64 grantedCount() const { return m_granted; }

Q_SIGNALS:
    // Emitted when a request has to wait for a token, with the number now waiting.
    void throttled(int waiting);

private:
    void refill();
    void serveWaiting();
    void scheduleNext();

    struct Waiter {
        Ticket ticket;
        std::function<void()> ready;
    };

    int m_callsPerMinute = 500;
    int m_burst = 10;
    double m_tokens = 0;
    qint64 m_lastRefillMs = 0;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Waiter> m_waiting;
    Ticket m_nextTicket = 1;
    qint64 m_granted = 0;
};

} // namespace kili::api
