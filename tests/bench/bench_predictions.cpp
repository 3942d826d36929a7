// bench_predictions [check=1000000] [import=20000] [checkBytes=1000000000] [coco=1000000]
// 0. Check a COCO results list of `coco` box annotations (10 per image) against its dataset →
//    annotations/s and peak memory (targets ≥ 200,000/s, < 300 MB); first, so that its peak is
//    its own.
// 1. Check N classification predictions (JSONL generated into a temp dir): read + validate
//    against the interface → predictions/s and peak memory (targets ≥ 200,000/s, < 300 MB); then
//    the same for a file of `checkBytes` (1 GB).
// 2. Import M predictions end to end into a sandbox with 150 ms latency and a 500 calls/min
//    limit (own thread, as in kili-desk --sandbox): our pipeline (bulk resolution with pages of
//    500, batches of 100, 4 in flight) against Kili's SDK pattern (one request at a time,
//    resolution pages of 100, batches of 100), each on a fresh identical sandbox so neither eats
//    the other's rate-limit window. Prints API calls per 1,000 predictions, predictions/s, the
//    share of the rate-limit ceiling reached and the ratio between the two.
// Prints RESULT lines (TEAM.md).
#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/labeljobs.h"
#include "api/ratelimiter.h"
#include "domain/interface.h"
#include "predictions/kiliapibackend.h"
#include "predictions/predictionimport.h"
#include "predictions/predictionscanner.h"
#include "sandbox/embeddedsandbox.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

using namespace kili::predictions;

namespace {

constexpr int kLatencyMs = 150;
constexpr int kRateLimit = 500;

void result(const char* name, const QString& value, const QString& baseline, const QString& ratio) {
    std::printf("RESULT\t%s\t%s\t%s\t%s\n", name, qPrintable(value), qPrintable(baseline),
                qPrintable(ratio));
    std::fflush(stdout);
}

double peakMegabytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

const char* kInterface =
    R"({"jobs":{"CLASSIFICATION_JOB":{"mlTask":"CLASSIFICATION","required":1,"isChild":false,)"
    R"("content":{"input":"radio","categories":{"CAT":{"name":"Cat","children":["COLOR"]},)"
    R"("DOG":{"name":"Dog","children":[]},"BIRD":{"name":"Bird","children":[]}}}},)"
    R"("COLOR":{"mlTask":"CLASSIFICATION","required":0,"isChild":true,"content":{"input":"checkbox",)"
    R"("categories":{"BLACK":{"name":"Black"},"WHITE":{"name":"White"},"GINGER":{"name":"Ginger"}}}},)"
    R"("WEATHER_JOB":{"mlTask":"CLASSIFICATION","required":0,"isChild":false,"content":{"input":"checkbox",)"
    R"("categories":{"SUNNY":{"name":"Sunny"},"CLOUDY":{"name":"Cloudy"},"RAINY":{"name":"Rainy"}}}}}})";

// Writes predictions to `path` until there are `count` of them or the file holds `minBytes`
// (whichever is asked: the other is 0); returns how many were written.
qint64 writePredictions(const QString& path, qint64 count, qint64 minBytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    QByteArray chunk;
    qint64 written = 0;
    qint64 bytes = 0;
    for (qint64 i = 0; count > 0 ? i < count : bytes < minBytes; ++i) {
        const qint64 before = chunk.size();
        chunk += "{\"externalId\":\"asset-" + QByteArray::number(i)
                 + "\",\"modelName\":\"resnet-50-finetuned-2024-06\",\"jsonResponse\":"
                   "{\"CLASSIFICATION_JOB\":{\"categories\":[{\"name\":\"CAT\",\"confidence\":"
                 + QByteArray::number(40 + i % 60)
                 + ",\"children\":{\"COLOR\":{\"categories\":[{\"name\":\"BLACK\",\"confidence\":"
                   "71},{\"name\":\"WHITE\",\"confidence\":22},{\"name\":\"GINGER\","
                   "\"confidence\":7}]}}}]},\"WEATHER_JOB\":{\"categories\":[{\"name\":\"SUNNY\","
                   "\"confidence\":64},{\"name\":\"CLOUDY\",\"confidence\":30},{\"name\":"
                   "\"RAINY\",\"confidence\":6}]}}}\n";
        bytes += chunk.size() - before;
        ++written;
        if (chunk.size() > (1 << 22)) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return written;
}

// The check alone (read + validate + duplicate detection) of a generated JSONL file: `count`
// predictions, or as many as make `minBytes`. Peak memory is the process's, so the larger run
// goes last.
void benchCheck(qint64 count, qint64 minBytes = 0) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("predictions.jsonl"));
    count = writePredictions(path, count, minBytes);
    const qint64 bytes = QFileInfo(path).size();
    const kili::Interface interface = kili::Interface::parse(kInterface);
    ScanOptions options;
    options.keepItems = false;
    PredictionScanner scanner(interface, options);
    QElapsedTimer timer;
    timer.start();
    scanner.scan({path});
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const ScanResult& scanned = scanner.result();
    if (scanned.invalidItems != 0 || scanned.itemsRead != count) {
        std::fprintf(stderr, "check: %lld invalid of %lld read\n", qint64(scanned.invalidItems),
                     qint64(scanned.itemsRead));
    }
    const double perSecond = double(count) / seconds;
    std::printf("check: %lld predictions, %.0f MB of JSONL in %.2f s\n", count, double(bytes) / 1e6,
                seconds);
    const QString what = minBytes > 0 ? QStringLiteral("check a %1 GB JSONL (%2 predictions)")
                                            .arg(double(bytes) / 1e9, 0, 'f', 1)
                                            .arg(count)
                                      : QStringLiteral("check %1 predictions").arg(count);
    result(qPrintable(what), QStringLiteral("%1 pred/s").arg(perSecond, 0, 'f', 0),
           QStringLiteral("200000 pred/s (target)"), QString::number(perSecond / 200000.0, 'f', 2));
    const double peak = peakMegabytes();
    result(qPrintable(what + QStringLiteral(", peak memory")),
           QStringLiteral("%1 MB").arg(peak, 0, 'f', 0), QStringLiteral("300 MB (target)"),
           QString::number(peak / 300.0, 'f', 2));
}

const char* kDetectionInterface =
    R"({"jobs":{"DETECTION":{"mlTask":"OBJECT_DETECTION","tools":["rectangle"],"required":1,)"
    R"("isChild":false,"content":{"input":"radio","categories":{"CAR":{"name":"Car"},)"
    R"("PEDESTRIAN":{"name":"Pedestrian"},"TRAFFIC_LIGHT":{"name":"Traffic light"}}}}}})";

// A dataset of count/10 images of alternating sizes and its results list of `count` boxes.
void writeCoco(const QString& datasetPath, const QString& resultsPath, qint64 count) {
    const qint64 images = qMax<qint64>(1, count / 10);
    QFile dataset(datasetPath);
    if (!dataset.open(QIODevice::WriteOnly))
        return;
    dataset.write(R"({"categories":[{"id":1,"name":"car"},{"id":2,"name":"pedestrian"},)"
                  R"({"id":3,"name":"traffic light"}],"images":[)");
    for (qint64 i = 0; i < images; ++i) {
        dataset.write((i ? ",{\"id\":" : "{\"id\":") + QByteArray::number(i)
                      + ",\"file_name\":\"asset-" + QByteArray::number(i)
                      + (i % 2 ? ".jpg\",\"width\":1280,\"height\":720}"
                               : ".jpg\",\"width\":640,\"height\":480}"));
    }
    dataset.write("],\"annotations\":[]}");
    QFile results(resultsPath);
    if (!results.open(QIODevice::WriteOnly))
        return;
    QByteArray chunk = "[";
    for (qint64 i = 0; i < count; ++i) {
        chunk += (i ? ",\n{\"image_id\":" : "{\"image_id\":") + QByteArray::number(i % images)
                 + ",\"category_id\":" + QByteArray::number(1 + i % 3) + ",\"bbox\":["
                 + QByteArray::number(10 + i % 300) + ",20.5,100.25,50],\"score\":0."
                 + QByteArray::number(100 + i % 900) + "}";
        if (chunk.size() > (1 << 22)) {
            results.write(chunk);
            chunk.clear();
        }
    }
    results.write(chunk + "]\n");
}

void benchCoco(qint64 count) {
    QTemporaryDir dir;
    const QString dataset = dir.filePath(QStringLiteral("instances.json"));
    const QString results = dir.filePath(QStringLiteral("detections.json"));
    writeCoco(dataset, results, count);
    const kili::Interface interface = kili::Interface::parse(kDetectionInterface);
    ScanOptions options;
    options.keepItems = false;
    options.targetJob = QStringLiteral("DETECTION");
    options.cocoDataset = dataset;
    PredictionScanner scanner(interface, options);
    QElapsedTimer timer;
    timer.start();
    scanner.scan({results});
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const ScanResult& scanned = scanner.result();
    if (scanned.invalidItems != 0)
        std::fprintf(stderr, "coco: %lld invalid of %lld read: %s\n", qint64(scanned.invalidItems),
                     qint64(scanned.itemsRead), qPrintable(scanned.problems.value(0).toText()));
    const double perSecond = double(count) / seconds;
    std::printf("coco: %lld annotations (%lld images), %.0f MB in %.2f s\n", count,
                qint64(scanned.itemsRead), double(QFileInfo(results).size()) / 1e6, seconds);
    const QString what = QStringLiteral("check a %1 annotation COCO results file").arg(count);
    result(qPrintable(what), QStringLiteral("%1 annotations/s").arg(perSecond, 0, 'f', 0),
           QStringLiteral("200000 annotations/s (target)"),
           QString::number(perSecond / 200000.0, 'f', 2));
    const double peak = peakMegabytes();
    result(qPrintable(what + QStringLiteral(", peak memory")),
           QStringLiteral("%1 MB").arg(peak, 0, 'f', 0), QStringLiteral("300 MB (target)"),
           QString::number(peak / 300.0, 'f', 2));
}

struct Run {
    double seconds = 0;
    qint64 calls = 0;
    int created = 0;
};

kili::sandbox::SandboxOptions sandboxOptions(int assets) {
    kili::sandbox::SandboxOptions options;
    options.generateAssets = assets;
    options.latencyMs = kLatencyMs;
    options.rateLimitPerMinute = kRateLimit;
    return options;
}

QString writeImportFile(const QTemporaryDir& dir, int count) {
    const QString path = dir.filePath(QStringLiteral("import.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    for (int i = 1; i <= count; ++i) {
        file.write("{\"externalId\":\"photo-" + QByteArray::number(i).rightJustified(7, '0')
                   + "\",\"jsonResponse\":{\"CLASSIFICATION_JOB\":{\"categories\":[{\"name\":\""
                   + (i % 2 ? "CAT" : "DOG")
                   + "\",\"confidence\":" + QByteArray::number(50 + i % 50) + "}]}}}\n");
    }
    return path;
}

Run runPipeline(const QString& file, int count) {
    kili::sandbox::EmbeddedSandbox sandbox(sandboxOptions(count));
    QString error;
    if (!sandbox.start(&error)) {
        std::fprintf(stderr, "sandbox: %s\n", qPrintable(error));
        return {};
    }
    kili::api::Connection connection(sandbox.graphqlUrl(), sandbox.apiKey());
    KiliApiBackend backend(&connection);
    PredictionImport import(backend);
    ImportRequest request;
    request.settings.projectId = sandbox.createdProjectIds().first();
    request.settings.modelName = QStringLiteral("bench-pipeline");
    request.inputs = {file};
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QObject::connect(&import, &PredictionImport::finished, &loop, &QEventLoop::quit);
    import.start(request);
    loop.exec();
    Run run;
    run.seconds = double(timer.elapsed()) / 1000.0;
    run.calls = backend.requestCount();
    run.created = import.report().created;
    if (import.exitCode() != 0)
        std::fprintf(stderr, "pipeline: exit %d %s\n%s\n", import.exitCode(),
                     qPrintable(import.errorString()),
                     qPrintable(import.report().errors.join(QLatin1Char('\n'))));
    return run;
}

// Kili's SDK: resolve external ids 100 per page, then appendManyLabels 100 per call, one request
// at a time.
Run runSdkPattern(int count) {
    kili::sandbox::EmbeddedSandbox sandbox(sandboxOptions(count));
    QString error;
    if (!sandbox.start(&error))
        return {};
    kili::api::Connection connection(sandbox.graphqlUrl(), sandbox.apiKey());
    const QString projectId = sandbox.createdProjectIds().first();
    QElapsedTimer timer;
    timer.start();
    Run run;
    auto wait = [&](kili::api::BaseJob& job) {
        QEventLoop loop;
        QObject::connect(&job, &kili::api::BaseJob::finished, &loop, &QEventLoop::quit);
        job.start();
        loop.exec();
        run.calls += job.requestCount();
        return job.state() == kili::api::BaseJob::State::Succeeded;
    };
    QHash<QString, QString> ids;
    for (int first = 1; first <= count; first += 1000) {
        kili::api::AssetFilter filter;
        filter.projectId = projectId;
        for (int i = first; i < first + 1000 && i <= count; ++i)
            filter.externalIdsStrictlyIn
                << QStringLiteral("photo-%1").arg(i, 7, 10, QLatin1Char('0'));
        kili::api::AssetsJob job(&connection, filter);
        job.setIncludeLabels(false);
        job.setCollect(true);
        job.setPageSize(100);
        if (!wait(job))
            return run;
        for (const kili::Asset& asset : job.assets())
            ids.insert(asset.externalId, asset.id);
    }
    for (int first = 1; first <= count; first += 100) {
        QList<kili::api::LabelInput> labels;
        for (int i = first; i < first + 100 && i <= count; ++i) {
            kili::api::LabelInput input;
            input.assetId = ids.value(QStringLiteral("photo-%1").arg(i, 7, 10, QLatin1Char('0')));
            input.jsonResponse =
                QJsonDocument::fromJson(
                    "{\"CLASSIFICATION_JOB\":{\"categories\":[{\"name\":\"CAT\"}]}}")
                    .object();
            labels << input;
        }
        kili::api::AppendManyLabelsJob job(&connection, projectId, kili::LabelType::Prediction,
                                           QStringLiteral("bench-sdk"), labels);
        if (!wait(job))
            return run;
        run.created += int(job.createdLabelIds().size());
    }
    run.seconds = double(timer.elapsed()) / 1000.0;
    return run;
}

void benchImport(int count) {
    QTemporaryDir dir;
    const QString file = writeImportFile(dir, count);
    const Run ours = runPipeline(file, count);
    const Run sdk = runSdkPattern(count);
    std::printf("import: pipeline %d created in %.1f s with %lld calls; SDK pattern %d in %.1f s "
                "with %lld calls\n",
                ours.created, ours.seconds, ours.calls, sdk.created, sdk.seconds, sdk.calls);
    if (ours.created != count || sdk.created != count || ours.seconds <= 0 || sdk.seconds <= 0)
        return;
    const double oursPer1000 = double(ours.calls) * 1000.0 / count;
    const double sdkPer1000 = double(sdk.calls) * 1000.0 / count;
    result("API calls per 1000 predictions", QString::number(oursPer1000, 'f', 1),
           QStringLiteral("%1 (SDK pattern)").arg(sdkPer1000, 0, 'f', 1),
           QString::number(sdkPer1000 / oursPer1000, 'f', 2));
    // The ceiling: every call the limit allows carries 100 predictions, minus the calls that
    // resolution needs (our pattern) — predictions per second at 500 calls per minute.
    const double ceiling = double(count) / (double(ours.calls) * 60.0 / kRateLimit);
    const double oursRate = count / ours.seconds;
    const double sdkRate = count / sdk.seconds;
    result(qPrintable(QStringLiteral("import %1 predictions, 150 ms, 500/min").arg(count)),
           QStringLiteral("%1 pred/s").arg(oursRate, 0, 'f', 0),
           QStringLiteral("%1 pred/s (SDK pattern)").arg(sdkRate, 0, 'f', 0),
           QString::number(oursRate / sdkRate, 'f', 2));
    result("import share of the rate-limit ceiling",
           QStringLiteral("%1 %").arg(100.0 * oursRate / ceiling, 0, 'f', 0),
           QStringLiteral("%1 pred/s ceiling").arg(ceiling, 0, 'f', 0),
           QString::number(oursRate / ceiling, 'f', 2));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    const qint64 checkCount = arguments.size() > 1 ? arguments.at(1).toLongLong() : 1000000;
    const int importCount = arguments.size() > 2 ? arguments.at(2).toInt() : 20000;
    const qint64 checkBytes =
        arguments.size() > 3 ? arguments.at(3).toLongLong() : qint64(1000) * 1000 * 1000;
    const qint64 cocoCount = arguments.size() > 4 ? arguments.at(4).toLongLong() : 1000000;
    if (cocoCount > 0)
        benchCoco(cocoCount);
    if (checkCount > 0)
        benchCheck(checkCount);
    if (checkBytes > 0)
        benchCheck(0, checkBytes);
    if (importCount > 0)
        benchImport(importCount);
    return 0;
}
