// bench_sandbox [assets=100000] [pages=400] [batches=150]
// Sustained throughput of kili-sandbox on a generated project: asset pages of 100 with their
// labels, and appendManyLabels batches of 100 predictions. The server runs in its own thread
// (EmbeddedSandbox, as in kili-desk --sandbox); the client keeps 4 requests in flight over
// loopback, like a QNetworkAccessManager-based client would. Prints RESULT lines (TEAM.md): wall
// clock figures, and the same per CPU-second of the process (client included) for a shared machine.
#include "sandbox/embeddedsandbox.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <cstdio>
#include <ctime>
#include <functional>

namespace {

constexpr int inFlight = 4;

// Sends `total` requests built by `body(i)`, `inFlight` at a time; returns elapsed ms, or -1 when
// a request failed.
qint64 drive(QNetworkAccessManager& network, const QUrl& url, const QByteArray& authorization,
             int total, const std::function<QByteArray(int)>& body, qint64* bytes) {
    QElapsedTimer timer;
    timer.start();
    int sent = 0;
    int done = 0;
    bool failed = false;
    QEventLoop loop;
    std::function<void()> sendOne = [&] {
        const int index = sent++;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
        QNetworkReply* reply = network.post(request, body(index));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const QByteArray answer = reply->readAll();
            *bytes += answer.size();
            if (reply->error() != QNetworkReply::NoError || answer.contains("\"errors\"")) {
                std::fprintf(stderr, "request failed: %s\n", answer.left(300).constData());
                failed = true;
            }
            reply->deleteLater();
            ++done;
            if (done == total || failed)
                loop.quit();
            else if (sent < total)
                sendOne();
        });
    };
    for (int i = 0; i < inFlight && i < total; ++i)
        sendOne();
    loop.exec();
    return failed ? -1 : timer.elapsed();
}

// Process CPU seconds (server thread + client), the figure that does not depend on how many other
// programs share the machine's cores.
double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

void result(const char* figure, double value, const char* unit, double target) {
    std::printf("RESULT\t%s\t%.0f %s\t%.0f %s (target)\t%.2f\n", figure, value, unit, target, unit,
                value / target);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int assets = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int pages = argc > 2 ? QByteArray(argv[2]).toInt() : 400;
    const int batches = argc > 3 ? QByteArray(argv[3]).toInt() : 150;

    kili::sandbox::SandboxOptions options;
    options.generateAssets = assets;
    kili::sandbox::EmbeddedSandbox sandbox(options);
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!sandbox.start(&error)) {
        std::fprintf(stderr, "bench_sandbox: %s\n", qUtf8Printable(error));
        return 1;
    }
    const double generateSecs = timer.elapsed() / 1000.0;
    std::printf("generated %d assets with labels in %.2f s\n", assets, generateSecs);
    // The bar: 1,000,000 assets in well under a minute.
    result("sandbox generate assets", assets / generateSecs, "assets/s", 1000000.0 / 60.0);

    const QString projectId = sandbox.createdProjectIds().constLast();
    const QByteArray authorization = QByteArrayLiteral("X-API-Key: ") + sandbox.apiKey().toUtf8();
    QNetworkAccessManager network;
    QRandomGenerator random(42);
    qint64 bytes = 0;
    double cpu = cpuSeconds();

    const QString pageQuery = QStringLiteral(
        "query assets($where: AssetWhere!, $first: PageSize!, $skip: Int!) {"
        " data: assets(where: $where, first: $first, skip: $skip) { content createdAt externalId id"
        " isHoneypot jsonMetadata skipped status labels { author { id email } createdAt id"
        " jsonResponse labelType modelName } } }");
    const QJsonObject where{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}},
        {QStringLiteral("label"), QJsonObject()},
        {QStringLiteral("issue"), QJsonObject()}};
    const qint64 pageMs = drive(
        network, sandbox.graphqlUrl(), authorization, pages,
        [&](int) {
            const int skip = static_cast<int>(random.bounded(qMax(1, assets - 100)));
            return QJsonDocument(QJsonObject{{QStringLiteral("query"), pageQuery},
                                             {QStringLiteral("variables"),
                                              QJsonObject{{QStringLiteral("where"), where},
                                                          {QStringLiteral("first"), 100},
                                                          {QStringLiteral("skip"), skip}}}})
                .toJson(QJsonDocument::Compact);
        },
        &bytes);
    if (pageMs < 0)
        return 1;
    std::printf("%d pages of 100 assets with labels in %lld ms (%.1f MB)\n", pages, pageMs,
                bytes / 1e6);
    result("sandbox asset pages of 100 with labels", pages * 1000.0 / pageMs, "pages/s", 50);
    result("sandbox asset pages of 100 with labels per CPU-second", pages / (cpuSeconds() - cpu),
           "pages/s", 50);

    // Asset ids to label: fetched once, as a client resolving its batch would.
    QStringList assetIds;
    {
        QNetworkRequest request(sandbox.graphqlUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"), authorization);
        QNetworkReply* reply = network.post(
            request, QJsonDocument(
                         QJsonObject{{QStringLiteral("query"),
                                      QStringLiteral("query($w: AssetWhere!) { data: assets(where: "
                                                     "$w, first: 500, skip: 0) { id } }")},
                                     {QStringLiteral("variables"),
                                      QJsonObject{{QStringLiteral("w"), where}}}})
                         .toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonArray found = QJsonDocument::fromJson(reply->readAll())
                                     .object()
                                     .value(QLatin1String("data"))
                                     .toObject()
                                     .value(QLatin1String("data"))
                                     .toArray();
        reply->deleteLater();
        for (const QJsonValue& asset : found)
            assetIds.append(asset.toObject().value(QLatin1String("id")).toString());
    }
    if (assetIds.size() < 100) {
        std::fprintf(stderr, "bench_sandbox: the generated project has too few assets\n");
        return 1;
    }
    const QString mutation = QStringLiteral(
        "mutation appendManyLabels($data: AppendManyLabelsData!, $where: AssetWhere!) {"
        " data: appendManyLabels(data: $data, where: $where) { id } }");
    bytes = 0;
    cpu = cpuSeconds();
    const qint64 appendMs = drive(
        network, sandbox.graphqlUrl(), authorization, batches,
        [&](int batch) {
            QJsonArray labels;
            QJsonArray ids;
            for (int i = 0; i < 100; ++i) {
                const QString id = assetIds.at((batch * 100 + i) % assetIds.size());
                ids.append(id);
                labels.append(
                    QJsonObject{{QStringLiteral("assetID"), id},
                                {QStringLiteral("authorID"), QJsonValue::Null},
                                {QStringLiteral("jsonResponse"),
                                 QStringLiteral("{\"CLASSIFICATION_JOB\":{\"categories\":[{"
                                                "\"name\":\"DOG\",\"confidence\":%1}]}}")
                                     .arg(50 + i % 50)},
                                {QStringLiteral("modelName"), QStringLiteral("bench-model")},
                                {QStringLiteral("secondsToLabel"), QJsonValue::Null}});
            }
            return QJsonDocument(
                       QJsonObject{
                           {QStringLiteral("query"), mutation},
                           {QStringLiteral("variables"),
                            QJsonObject{
                                {QStringLiteral("data"),
                                 QJsonObject{
                                     {QStringLiteral("labelType"), QStringLiteral("PREDICTION")},
                                     {QStringLiteral("overwrite"), false},
                                     {QStringLiteral("labelsData"), labels}}},
                                {QStringLiteral("where"),
                                 QJsonObject{{QStringLiteral("idIn"), ids},
                                             {QStringLiteral("project"),
                                              QJsonObject{{QStringLiteral("id"), projectId}}}}}}}})
                .toJson(QJsonDocument::Compact);
        },
        &bytes);
    if (appendMs < 0)
        return 1;
    std::printf("%d appendManyLabels batches of 100 in %lld ms\n", batches, appendMs);
    result("sandbox appendManyLabels predictions", batches * 100 * 1000.0 / appendMs, "pred/s",
           2000);
    result("sandbox appendManyLabels predictions per CPU-second",
           batches * 100 / (cpuSeconds() - cpu), "pred/s", 2000);
    sandbox.stop();
    return 0;
}
