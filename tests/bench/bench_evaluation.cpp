// bench_evaluation [assets=100000]
// 1. Match and derive every figure for N assets × 10 truth and 10 predicted objects (three
//    classes; misses, wrong classes and false alarms), all boxes, then one in ten a polygon:
//    target ≤ 2 s on 2 cores. Baseline: the IoU of every same-asset pair computed once on one
//    thread, the least any matching does.
// 2. Every figure again from the kept matches of 100,000 predicted objects, at a new confidence
//    threshold each time (what a slider asks): target ≤ 100 ms. Baseline: matching those objects
//    again.
// Prints RESULT lines (TEAM.md).
#include "evaluation/detectionmatches.h"
#include "evaluation/similarity.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <cstdio>

using namespace kili::evaluation;

namespace {

void result(const char* name, const QString& value, const QString& baseline, const QString& ratio) {
    std::printf("RESULT\t%s\t%s\t%s\t%s\n", name, qPrintable(value), qPrintable(baseline),
                qPrintable(ratio));
    std::fflush(stdout);
}

const QStringList kClasses{QStringLiteral("CAR"), QStringLiteral("PEDESTRIAN"),
                           QStringLiteral("TRAFFIC_SIGN")};

Shape shapeAt(double x, double y, double w, double h, bool polygon) {
    if (!polygon)
        return Shape::box(x, y, x + w, y + h);
    Shape shape;
    shape.kind = Shape::Kind::Polygon;
    shape.rings = {{{x, y}, {x + w, y}, {x + w, y + h}, {x + w / 2, y + h * 1.2}, {x, y + h}}};
    return shape;
}

std::vector<EvaluatedAsset> generate(int count, quint32 seed, int polygonShare) {
    QRandomGenerator random(seed);
    auto uniform = [&](double low, double high) {
        return low + random.generateDouble() * (high - low);
    };
    std::vector<EvaluatedAsset> assets(static_cast<std::size_t>(count));
    for (int a = 0; a < count; ++a) {
        EvaluatedAsset& asset = assets[std::size_t(a)];
        asset.assetId = QStringLiteral("asset-%1").arg(a);
        asset.externalId = asset.assetId;
        asset.hasPrediction = true;
        for (int i = 0; i < 10; ++i) {
            const double x = uniform(0, 0.85), y = uniform(0, 0.85);
            const double w = uniform(0.03, 0.15), h = uniform(0.03, 0.15);
            const bool polygon = polygonShare > 0 && int(random.bounded(100)) < polygonShare;
            const QString category = kClasses[int(random.bounded(3))];
            asset.truth.objects.push_back({category, 100, shapeAt(x, y, w, h, polygon)});
            const int roll = int(random.bounded(100));
            if (roll < 10) { // a false alarm instead of this object
                asset.prediction.objects.push_back(
                    {category, double(random.bounded(101)),
                     shapeAt(uniform(0, 0.85), uniform(0, 0.85), w, h, false)});
                continue;
            }
            const QString said = roll < 18 ? kClasses[int(random.bounded(3))] : category;
            const double j = 0.01;
            asset.prediction.objects.push_back(
                {said, double(random.bounded(101)),
                 shapeAt(x + uniform(-j, j), y + uniform(-j, j), w * uniform(0.85, 1.15),
                         h * uniform(0.85, 1.15), polygon)});
        }
    }
    return assets;
}

// Every same-asset IoU once, on one thread: the floor under any matching.
double pairwiseIouMs(const std::vector<EvaluatedAsset>& assets, double* sink) {
    QElapsedTimer timer;
    timer.start();
    double sum = 0;
    for (const EvaluatedAsset& asset : assets)
        for (const AnnotatedObject& p : asset.prediction.objects)
            for (const AnnotatedObject& t : asset.truth.objects)
                sum += similarity(p.shape, t.shape);
    *sink += sum;
    return double(timer.nsecsElapsed()) / 1e6;
}

void benchMatching(int count, int polygonShare) {
    const std::vector<EvaluatedAsset> assets = generate(count, 7, polygonShare);
    double sink = 0;
    const double baseline = pairwiseIouMs(assets, &sink);
    QElapsedTimer timer;
    timer.start();
    const DetectionMatches matches =
        DetectionMatcher(EvaluationKind::ObjectDetection, kClasses, 0.5).match(assets);
    const EvaluationReport report = matches.report(0);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    const QString shapes = polygonShare > 0
                               ? QStringLiteral("boxes, %1 % polygons").arg(polygonShare)
                               : QStringLiteral("boxes");
    std::printf("matching %d assets (%s): %.0f ms (threads: %d), mAP %.3f, pairwise IoU %.0f ms "
                "(checksum %.1f)\n",
                count, qPrintable(shapes), ms, QThread::idealThreadCount(), report.map.value_or(-1),
                baseline, sink);
    result(
        qPrintable(QStringLiteral("evaluation: match + every figure, %L1 assets × 10 objects (%2)")
                       .arg(count)
                       .arg(shapes)),
        QStringLiteral("%1 ms (target 2,000 ms: %2)")
            .arg(ms, 0, 'f', 0)
            .arg(ms <= 2000 ? QStringLiteral("met") : QStringLiteral("missed")),
        QStringLiteral("every same-asset IoU once, one thread: %1 ms").arg(baseline, 0, 'f', 0),
        QString::number(ms / baseline, 'f', 2));
}

void benchRecompute() {
    const std::vector<EvaluatedAsset> assets = generate(10000, 11, 10); // 100,000 predicted objects
    QElapsedTimer timer;
    timer.start();
    const DetectionMatches matches =
        DetectionMatcher(EvaluationKind::ObjectDetection, kClasses, 0.5).match(assets);
    const double matchMs = double(timer.nsecsElapsed()) / 1e6;
    constexpr int kThresholds = 20;
    double sum = 0;
    timer.restart();
    for (int t = 0; t < kThresholds; ++t)
        sum += matches.report(t * 5.0).overall.tp;
    const double ms = double(timer.nsecsElapsed()) / 1e6 / kThresholds;
    std::printf("recompute from %zu kept predictions: %.1f ms each (checksum %.0f)\n",
                matches.predictions().size(), ms, sum);
    result("evaluation: every figure from kept matches, 100,000 objects",
           QStringLiteral("%1 ms (target 100 ms: %2)")
               .arg(ms, 0, 'f', 1)
               .arg(ms <= 100 ? QStringLiteral("met") : QStringLiteral("missed")),
           QStringLiteral("matching again: %1 ms").arg(matchMs, 0, 'f', 1),
           QString::number(ms / matchMs, 'f', 3));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int count = arguments.size() > 1 ? arguments[1].toInt() : 100000;
    benchMatching(count > 0 ? count : 100000, 0);
    benchMatching(count > 0 ? count : 100000, 10);
    benchRecompute();
    return 0;
}
