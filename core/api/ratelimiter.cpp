#include "api/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace kili::api {

RateLimiter::RateLimiter(int callsPerMinute, int burst, QObject* parent)
    : QObject(parent) {
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RateLimiter::serveWaiting);
    setRate(callsPerMinute, burst);
    m_tokens = m_burst;
}

void RateLimiter::setRate(int callsPerMinute, int burst) {
    refill();
    m_callsPerMinute = std::max(1, callsPerMinute);
    m_burst = std::max(1, burst);
    m_tokens = std::min(m_tokens, double(m_burst));
    scheduleNext();
}

void RateLimiter::refill() {
    const qint64 now = m_clock.elapsed();
    const qint64 elapsed = now - m_lastRefillMs;
    m_lastRefillMs = now;
    m_tokens = std::min(double(m_burst), m_tokens + double(elapsed) * m_callsPerMinute / 60000.0);
}

RateLimiter::Ticket RateLimiter::acquire(std::function<void()> ready) {
    const Ticket ticket = m_nextTicket++;
    refill();
    if (m_waiting.empty() && m_tokens >= 1.0) {
        m_tokens -= 1.0;
        ++m_granted;
        ready();
        return ticket;
    }
    m_waiting.push_back(Waiter{ticket, std::move(ready)});
    Q_EMIT throttled(waitingCount());
    scheduleNext();
    return ticket;
}

void RateLimiter::cancel(Ticket ticket) {
    const auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
                                 [ticket](const Waiter& w) { return w.ticket == ticket; });
    if (it != m_waiting.end())
        m_waiting.erase(it);
    if (m_waiting.empty())
        m_timer.stop();
}

void RateLimiter::serveWaiting() {
    refill();
    while (!m_waiting.empty() && m_tokens >= 1.0) {
        m_tokens -= 1.0;
        ++m_granted;
        // Pop before calling: `ready` may acquire or cancel again.
        std::function<void()> ready = std::move(m_waiting.front().ready);
        m_waiting.pop_front();
        ready();
    }
    scheduleNext();
}

void RateLimiter::scheduleNext() {
    if (m_waiting.empty()) {
        m_timer.stop();
        return;
    }
    const double missing = std::max(0.0, 1.0 - m_tokens);
    const int waitMs = int(std::ceil(missing * 60000.0 / m_callsPerMinute));
    m_timer.start(std::max(1, waitMs));
}

} // namespace kili::api
