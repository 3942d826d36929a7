#include "faultinjector.h"

#include "sandboxoptions.h"

#include <algorithm>

namespace kili::sandbox {

FaultInjector::FaultInjector(const SandboxOptions& options)
    : m_latencyMs(options.latencyMs)
    , m_failRate(options.failRate)
    , m_dropRate(options.dropRate)
    , m_lostAnswerRate(options.lostAnswerRate)
    , m_rateLimit(options.rateLimitPerMinute)
    , m_rateWindowMs(std::max(1, options.rateWindowMs))
    , m_slowCommitMs(options.slowCommitMs)
    , m_random(options.faultSeed != 0 ? options.faultSeed
                                      : QRandomGenerator::system()->generate()) {
    m_clock.start();
}

FaultInjector::Decision FaultInjector::decide() {
    Decision decision;
    decision.latencyMs = m_latencyMs;
    if (m_rateLimit > 0) {
        // Sliding window (one minute unless a test shortens it): a call is refused while `limit`
        // calls were accepted in the window; Retry-After says when the oldest of them leaves it.
        const qint64 now = m_clock.elapsed();
        while (!m_recentCalls.empty() && now - m_recentCalls.front() >= m_rateWindowMs)
            m_recentCalls.pop_front();
        if (static_cast<int>(m_recentCalls.size()) >= m_rateLimit) {
            const qint64 waitMs = m_rateWindowMs - (now - m_recentCalls.front());
            decision.retryAfterSecs = static_cast<int>((waitMs + 999) / 1000);
            return decision;
        }
        m_recentCalls.push_back(now);
    }
    if (m_dropRate > 0 && m_random.generateDouble() < m_dropRate) {
        decision.drop = true;
        return decision;
    }
    if (m_failRate > 0 && m_random.generateDouble() < m_failRate) {
        static constexpr int statuses[] = {500, 502, 503};
        decision.failStatus = statuses[m_random.bounded(3)];
        return decision;
    }
    if (m_lostAnswerRate > 0 && m_random.generateDouble() < m_lostAnswerRate)
        decision.loseAnswer = true;
    return decision;
}

} // namespace kili::sandbox
