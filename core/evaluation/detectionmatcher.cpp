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

// One asset's matching at a time, its buffers kept from one asset to the next.
class AssetMatching {
public:
    // The asset's predictions (categories `predictedCategory`) and truth objects.
    void prepare(const std::vector<AnnotatedObject>& predicted, const int* predictedCategory,
                 const std::vector<AnnotatedObject>& truth, const int* truthCategory);
    // Marks the predictions beyond COCO's 100 most confident of their class as not ranked.
    void rank(KeptPrediction* kept, int categories);
    // Sets bit `bit` of each prediction that COCO's rule matches at `threshold` within its class.
    void matchInClass(KeptPrediction* kept, double threshold, int bit);
    // Pairs predictions and truth objects regardless of class, for the confusion matrix.
    void pairAcrossClasses(KeptPrediction* kept, double threshold);

private:
    int bestTruth(int p, const int* candidates, const int* candidatesEnd, double threshold) const;

    std::size_t m_truthCount = 0;
    const int* m_truthCategory = nullptr;
    std::vector<int> m_order;                  // prediction indices, most confident first (stable)
    std::vector<double> m_sim;                 // predictions × truth, in original indices
    std::vector<char> m_taken;                 // per truth object, at the threshold being matched
    std::vector<int> m_rank;                   // per category, predictions seen so far
    std::vector<int> m_candidates;             // per prediction p, the truth of its class:
    std::vector<std::size_t> m_candidateStart; // m_candidates[start[p]…start[p + 1])
    std::vector<int> m_allTruth;
    // Per prediction, its highest similarity within its class: at a higher threshold it can
    // match nothing, and is passed over.
    std::vector<double> m_bestInClass;
};

void AssetMatching::prepare(const std::vector<AnnotatedObject>& predicted,
                            const int* predictedCategory, const std::vector<AnnotatedObject>& truth,
                            const int* truthCategory) {
    const std::size_t d = predicted.size();
    const std::size_t g = truth.size();
    m_truthCount = g;
    m_truthCategory = truthCategory;
    sortByConfidence(predicted, m_order);
    m_sim.resize(d * g);
    for (std::size_t p = 0; p < d; ++p)
        for (std::size_t t = 0; t < g; ++t)
            m_sim[p * g + t] = similarity(predicted[p].shape, truth[t].shape);
    m_taken.resize(g);
    m_candidates.clear();
    m_candidateStart.resize(d + 1);
    m_bestInClass.assign(d, 0.0);
    for (std::size_t p = 0; p < d; ++p) {
        m_candidateStart[p] = m_candidates.size();
        for (std::size_t t = 0; t < g; ++t) {
            if (truthCategory[t] != predictedCategory[p])
                continue;
            m_candidates.push_back(int(t));
            m_bestInClass[p] = std::max(m_bestInClass[p], m_sim[p * g + t]);
        }
    }
    m_candidateStart[d] = m_candidates.size();
    m_allTruth.resize(g);
    std::iota(m_allTruth.begin(), m_allTruth.end(), 0);
}

void AssetMatching::rank(KeptPrediction* kept, int categories) {
    m_rank.assign(std::size_t(categories), 0);
    for (int p : m_order)
        kept[p].ranked = m_rank[std::size_t(kept[p].category)]++ < kMaxDetections;
}

// COCO's greedy step: the untaken truth object (of `candidates`) most similar to prediction
// `p`, at least `threshold`; later candidates win ties. -1 when there is none.
int AssetMatching::bestTruth(int p, const int* candidates, const int* candidatesEnd,
                             double threshold) const {
    double best = std::min(threshold, 1 - 1e-10);
    int chosen = -1;
    for (const int* at = candidates; at != candidatesEnd; ++at) {
        if (m_taken[std::size_t(*at)])
            continue;
        const double s = m_sim[std::size_t(p) * m_truthCount + std::size_t(*at)];
        // COCO's `if iou < best: continue`, written so that a NaN (coordinates too large to
        // multiply) never matches.
        if (!(s >= best))
            continue;
        best = s;
        chosen = *at;
    }
    return chosen;
}

void AssetMatching::matchInClass(KeptPrediction* kept, double threshold, int bit) {
    std::fill(m_taken.begin(), m_taken.end(), 0);
    const double floor = std::min(threshold, 1 - 1e-10);
    for (int p : m_order) {
        if (m_bestInClass[std::size_t(p)] < floor)
            continue;
        const int* candidates = m_candidates.data();
        const int chosen = bestTruth(p, candidates + m_candidateStart[std::size_t(p)],
                                     candidates + m_candidateStart[std::size_t(p) + 1], threshold);
        if (chosen < 0)
            continue;
        m_taken[std::size_t(chosen)] = 1;
        kept[p].matched |= quint16(1u << bit);
    }
}

void AssetMatching::pairAcrossClasses(KeptPrediction* kept, double threshold) {
    std::fill(m_taken.begin(), m_taken.end(), 0);
    for (int p : m_order) {
        const int chosen =
            bestTruth(p, m_allTruth.data(), m_allTruth.data() + m_truthCount, threshold);
        if (chosen < 0)
            continue;
        m_taken[std::size_t(chosen)] = 1;
        kept[p].pairedTruthCategory = m_truthCategory[chosen];
    }
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
    AssetMatching matching;
    for (std::size_t a = begin; a < end; ++a) {
        const std::vector<AnnotatedObject>& predicted = assets[a].prediction.objects;
        const int* predictedCategory = indexed.predictedCategory.data() + indexed.predictedStart[a];
        const std::size_t first = out.size();
        for (std::size_t p = 0; p < predicted.size(); ++p)
            out.push_back({predicted[p].confidence, int(a), predictedCategory[p], -1, 0, true});
        if (predicted.empty())
            continue;
        matching.prepare(predicted, predictedCategory, assets[a].truth.objects,
                         indexed.truthCategory.data() + indexed.truthStart[a]);
        KeptPrediction* kept = out.data() + first;
        matching.rank(kept, m_categories.size());
        for (std::size_t ti = 0; ti < m_thresholds.size(); ++ti)
            matching.matchInClass(kept, m_thresholds[ti], int(ti));
        matching.pairAcrossClasses(kept, m_iou);
    }
}

} // namespace kili::evaluation
