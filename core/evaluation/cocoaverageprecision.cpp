#include "evaluation/cocoaverageprecision.h"

#include <algorithm>
#include <limits>

namespace kili::evaluation {

namespace {

constexpr int kRecallThresholds = 101;

// numpy.linspace(start, stop, num): start + i * ((stop - start) / (num - 1)), the last exactly
// stop.
template <std::size_t N> std::array<double, N> linspace(double start, double stop) {
    std::array<double, N> values{};
    const double step = (stop - start) / double(N - 1);
    for (std::size_t i = 0; i < N; ++i)
        values[i] = double(i) * step + start;
    values[N - 1] = stop;
    return values;
}

const std::array<double, kRecallThresholds>& recallThresholds() {
    static const auto thresholds = linspace<kRecallThresholds>(0.0, 1.0);
    return thresholds;
}

} // namespace

const std::array<double, 10>& cocoIouThresholds() {
    static const auto thresholds = linspace<10>(0.5, 0.95);
    return thresholds;
}

std::optional<double> CocoAveragePrecision::compute(const std::vector<unsigned char>& matched,
                                                    int truthCount) {
    if (truthCount <= 0)
        return std::nullopt;
    const std::size_t n = matched.size();
    m_recall.resize(n);
    m_precision.resize(n);
    double tp = 0;
    double fp = 0;
    for (std::size_t i = 0; i < n; ++i) {
        (matched[i] ? tp : fp) += 1;
        m_recall[i] = tp / double(truthCount);
        // COCO adds np.spacing(1) so that the division never fails.
        m_precision[i] = tp / (fp + tp + std::numeric_limits<double>::epsilon());
    }
    for (std::size_t i = n; i-- > 1;)
        m_precision[i - 1] = std::max(m_precision[i - 1], m_precision[i]);
    double sum = 0;
    for (double threshold : recallThresholds()) {
        // np.searchsorted(rc, recThrs, side='left'); COCO stops at the first threshold that the
        // curve never reaches, leaving the rest at 0.
        const auto at = std::lower_bound(m_recall.begin(), m_recall.end(), threshold);
        if (at == m_recall.end())
            break;
        sum += m_precision[std::size_t(at - m_recall.begin())];
    }
    return sum / kRecallThresholds;
}

} // namespace kili::evaluation
