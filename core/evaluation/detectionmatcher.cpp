#include "evaluation/cocoaverageprecision.h"
#include "evaluation/detectionmatches.h"
#include "evaluation/similarity.h"

#include <QThread>
#include <algorithm>
#include <numeric>
#include <thread>

namespace kili::evaluation {

namespace {

// COCO's maxDets: only the 100 most confident detections of an image and class count for AP.
constexpr int kMaxDetections = 100;
// Below this many assets a second thread costs more than it saves.
constexpr std::size_t kAssetsPerThread = 2000;

// One asset's matching, with buffers kept from one asset to the next.
struct AssetMatching {
    std::vector<int> order;       // prediction indices, most confident first (stable)
    std::vector<double> sim;      // predictions × truth, in original indices
    std::vector<char> truthTaken; // per truth object, at the threshold being matched
    std::vector<int> rankInClass;
    // Per prediction, the truth objects of its class: candidates[candidateStart[p]…[p + 1]).
    std::vector<int> candidates;
    std::vector<std::size_t> candidateStart;
    std::vector<int> allTruth;
    // Per prediction, its highest similarity to a truth object of its class: above a threshold
    // it is, the prediction can match nothing there.
    std::vector<double> bestInClass;
};

// Prediction indices, most confident first, ties in the label's order (COCO's mergesort).
// Insertion sort: an asset holds a few predictions, and it allocates nothing.
void sortByConfidence(const std::vector<AnnotatedObject>& predicted, std::vector<int>& order) {
    order.resize(predicted.size());
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        const double confidence = predicted[i].confidence;
        std::size_t at = i;
        while (at > 0 && predicted[std::size_t(order[at - 1])].confidence < confidence) {
            order[at] = order[at - 1];
            --at;
        }
        order[at] = int(i);
    }
}

// COCO's greedy step: the untaken truth object (of `candidates`) most similar to prediction
// `p`, at least `threshold`; later candidates win ties. -1 when there is none.
int bestTruth(const AssetMatching& m, int p, std::size_t truthCount, const int* candidates,
              const int* candidatesEnd, double threshold) {
    double best = std::min(threshold, 1 - 1e-10);
    int chosen = -1;
    for (const int* at = candidates; at != candidatesEnd; ++at) {
        const int g = *at;
        if (m.truthTaken[std::size_t(g)])
            continue;
        const double s = m.sim[std::size_t(p) * truthCount + std::size_t(g)];
        // COCO's `if iou < best: continue`, written so that a NaN (coordinates too large to
        // multiply) never matches.
        if (!(s >= best))
            continue;
        best = s;
        chosen = g;
    }
    return chosen;
}

} // namespace

// COCO's order: by category (a stable counting sort), then by descending confidence, ties in
// asset order then in the label's order — the order `parts` hold them in, which stable sorts keep.
void DetectionMatcher::placeInCocoOrder(const std::vector<std::vector<KeptPrediction>>& parts,
                                        std::size_t categories, DetectionMatches& matches) {
    std::vector<qsizetype>& start = matches.m_categoryStart;
    start.assign(categories + 1, 0);
    for (const std::vector<KeptPrediction>& part : parts)
        for (const KeptPrediction& prediction : part)
            ++start[std::size_t(prediction.category) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<qsizetype> next(start.begin(), start.end() - 1);
    matches.m_predictions.resize(std::size_t(start.back()));
    for (const std::vector<KeptPrediction>& part : parts)
        for (const KeptPrediction& prediction : part)
            matches.m_predictions[std::size_t(next[std::size_t(prediction.category)]++)] =
                prediction;
    for (std::size_t c = 0; c < categories; ++c)
        std::stable_sort(matches.m_predictions.begin() + start[c],
                         matches.m_predictions.begin() + start[c + 1],
                         [](const KeptPrediction& a, const KeptPrediction& b) {
                             return a.confidence > b.confidence;
                         });
}

struct DetectionMatcher::Indexed {
    std::vector<int> truthCategory;     // flat, per truth object of every asset
    std::vector<int> predictedCategory; // flat, per predicted object
    std::vector<std::size_t> truthStart;
    std::vector<std::size_t> predictedStart;
};

DetectionMatcher::DetectionMatcher(EvaluationKind kind, const QStringList& categories, double iou)
    : m_kind(kind)
    , m_categories(categories)
    , m_iou(iou) {
    m_thresholds[0] = iou;
    std::copy(cocoIouThresholds().begin(), cocoIouThresholds().end(), m_thresholds.begin() + 1);
}

DetectionMatches DetectionMatcher::match(const std::vector<EvaluatedAsset>& assets) {
    // Categories are numbered first, on one thread: the index grows with unknown names.
    Indexed indexed;
    indexed.truthStart.reserve(assets.size() + 1);
    indexed.predictedStart.reserve(assets.size() + 1);
    for (const EvaluatedAsset& asset : assets) {
        indexed.truthStart.push_back(indexed.truthCategory.size());
        indexed.predictedStart.push_back(indexed.predictedCategory.size());
        for (const AnnotatedObject& object : asset.truth.objects)
            indexed.truthCategory.push_back(m_categories.indexOf(object.category));
        for (const AnnotatedObject& object : asset.prediction.objects)
            indexed.predictedCategory.push_back(m_categories.indexOf(object.category));
    }
    indexed.truthStart.push_back(indexed.truthCategory.size());
    indexed.predictedStart.push_back(indexed.predictedCategory.size());

    const std::size_t threads = std::clamp<std::size_t>(
        assets.size() / kAssetsPerThread, 1, std::size_t(std::max(1, QThread::idealThreadCount())));
    std::vector<std::vector<KeptPrediction>> parts(threads);
    std::vector<std::thread> workers;
    const std::size_t chunk = (assets.size() + threads - 1) / threads;
    for (std::size_t t = 0; t < threads; ++t) {
        const std::size_t begin = std::min(assets.size(), t * chunk);
        const std::size_t end = std::min(assets.size(), begin + chunk);
        if (t + 1 == threads)
            matchAssets(assets, indexed, begin, end, parts[t]);
        else
            workers.emplace_back(
                [&, t, begin, end] { matchAssets(assets, indexed, begin, end, parts[t]); });
    }
    for (std::thread& worker : workers)
        worker.join();

    DetectionMatches matches;
    matches.m_kind = m_kind;
    matches.m_iou = m_iou;
    matches.m_categories = m_categories.names();
    placeInCocoOrder(parts, std::size_t(m_categories.size()), matches);
    const int categoryCount = m_categories.size();
    matches.m_truthPerCategory.assign(std::size_t(categoryCount), 0);
    for (int category : indexed.truthCategory)
        ++matches.m_truthPerCategory[std::size_t(category)];
    matches.m_assets.reserve(assets.size());
    for (std::size_t a = 0; a < assets.size(); ++a)
        matches.m_assets.push_back({assets[a].assetId, assets[a].externalId,
                                    int(indexed.truthStart[a + 1] - indexed.truthStart[a])});
    return matches;
}

void DetectionMatcher::matchAssets(const std::vector<EvaluatedAsset>& assets,
                                   const Indexed& indexed, std::size_t begin, std::size_t end,
                                   std::vector<KeptPrediction>& out) const {
    AssetMatching m;
    for (std::size_t a = begin; a < end; ++a) {
        const std::vector<AnnotatedObject>& predicted = assets[a].prediction.objects;
        const std::vector<AnnotatedObject>& truth = assets[a].truth.objects;
        const int* predictedCategory = indexed.predictedCategory.data() + indexed.predictedStart[a];
        const int* truthCategory = indexed.truthCategory.data() + indexed.truthStart[a];
        const std::size_t d = predicted.size();
        const std::size_t g = truth.size();
        const std::size_t first = out.size();
        for (std::size_t p = 0; p < d; ++p)
            out.push_back({predicted[p].confidence, int(a), predictedCategory[p], -1, 0, true});
        if (d == 0)
            continue;
        sortByConfidence(predicted, m.order);
        m.sim.resize(d * g);
        for (std::size_t p = 0; p < d; ++p)
            for (std::size_t t = 0; t < g; ++t)
                m.sim[p * g + t] = similarity(predicted[p].shape, truth[t].shape);
        m.truthTaken.resize(g);
        m.candidates.clear();
        m.candidateStart.resize(d + 1);
        for (std::size_t p = 0; p < d; ++p) {
            m.candidateStart[p] = m.candidates.size();
            for (std::size_t t = 0; t < g; ++t)
                if (truthCategory[t] == predictedCategory[p])
                    m.candidates.push_back(int(t));
        }
        m.candidateStart[d] = m.candidates.size();
        m.bestInClass.assign(d, 0.0);
        for (std::size_t p = 0; p < d; ++p)
            for (std::size_t c = m.candidateStart[p]; c < m.candidateStart[p + 1]; ++c)
                m.bestInClass[p] =
                    std::max(m.bestInClass[p], m.sim[p * g + std::size_t(m.candidates[c])]);

        // Per class, at the chosen IoU and COCO's ten.
        m.rankInClass.assign(std::size_t(m_categories.size()), 0);
        for (int p : m.order) {
            KeptPrediction& kept = out[first + std::size_t(p)];
            kept.ranked = m.rankInClass[std::size_t(kept.category)]++ < kMaxDetections;
        }
        for (std::size_t ti = 0; ti < m_thresholds.size(); ++ti) {
            std::fill(m.truthTaken.begin(), m.truthTaken.end(), 0);
            const double floor = std::min(m_thresholds[ti], 1 - 1e-10);
            for (int p : m.order) {
                if (m.bestInClass[std::size_t(p)] < floor)
                    continue;
                const int* candidates = m.candidates.data();
                const int chosen =
                    bestTruth(m, p, g, candidates + m.candidateStart[std::size_t(p)],
                              candidates + m.candidateStart[std::size_t(p) + 1], m_thresholds[ti]);
                if (chosen < 0)
                    continue;
                m.truthTaken[std::size_t(chosen)] = 1;
                out[first + std::size_t(p)].matched |= quint16(1u << ti);
            }
        }
        // Regardless of class, at the chosen IoU: what the confusion matrix pairs.
        std::fill(m.truthTaken.begin(), m.truthTaken.end(), 0);
        m.allTruth.resize(g);
        std::iota(m.allTruth.begin(), m.allTruth.end(), 0);
        for (int p : m.order) {
            const int chosen = bestTruth(m, p, g, m.allTruth.data(), m.allTruth.data() + g, m_iou);
            if (chosen < 0)
                continue;
            m.truthTaken[std::size_t(chosen)] = 1;
            out[first + std::size_t(p)].pairedTruthCategory = truthCategory[chosen];
        }
    }
}

} // namespace kili::evaluation
