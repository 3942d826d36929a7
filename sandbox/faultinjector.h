#pragma once

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <deque>

namespace kili::sandbox {

struct SandboxOptions;

// Decides, per request, which fault the sandbox injects: a dropped connection, a 5xx, an answer
// lost after the work is done, a 429 once the rate window's budget is spent (with the seconds
// until a slot frees), and the latency to add. Faults apply to the API routes only.
class FaultInjector {
public:
    struct Decision {
        bool drop = false;       // close the connection before handling the request
        bool loseAnswer = false; // handle the request, then close without answering
        int failStatus = 0;      // 500, 502 or 503; 0 = none
        int retryAfterSecs = -1; // >= 0: answer 429 with this Retry-After
        int latencyMs = 0;
    };

    explicit FaultInjector(const SandboxOptions& options);

    Decision decide();

    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void setFailRate(double rate) { m_failRate = rate; }
    void setDropRate(double rate) { m_dropRate = rate; }
    void setLostAnswerRate(double rate) { m_lostAnswerRate = rate; }
    void setRateLimitPerMinute(int limit) { m_rateLimit = limit; }
    void setSlowCommitMs(int ms) { m_slowCommitMs = ms; }
    int slowCommitMs() const { return m_slowCommitMs; }

private:
    int m_latencyMs;
    double m_failRate;
    double m_dropRate;
    double m_lostAnswerRate;
    int m_rateLimit;
    int m_rateWindowMs;
    int m_slowCommitMs;
    QRandomGenerator m_random;
    QElapsedTimer m_clock;
    std::deque<qint64> m_recentCalls; // times (ms on m_clock) of the calls within the window
};

} // namespace kili::sandbox
