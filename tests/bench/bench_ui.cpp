// kili-desk's asset tree at scale, against the embedded sandbox (its own thread, a file database)
// with a generated project: time to first rows and requests made when opening a 1,000,000-asset
// project, jumping to its end, and scrolling through 10,000 assets; memory growth and peak RSS;
// then the real window opening the same project (every request it makes, not the pager's alone).
// Baselines are measured in the same run: the two direct jobs a lazy client cannot do without
// (count + first page), and an eager client reading the 10,000 assets in one job.
//
//   bench_ui [ASSETS=1000000] [SCROLL=10000]
#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/countjobs.h"
#include "sandbox/embeddedsandbox.h"
#include "ui/apiassetpagesource.h"
#include "ui/assetbrowser.h"
#include "ui/assetlabelmodel.h"
#include "ui/assetpager.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <cstring>

using namespace kili;

namespace {

double rssMiB(const char* field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(strlen(field)))
                       .trimmed()
                       .split(' ')
                       .first()
                       .toDouble()
                   / 1024.0;
    }
    return 0;
}

void result(const char* figure, const QString& value, const QString& baseline, double ratio) {
    std::printf("RESULT\t%s\t%s\t%s\t%s\n", figure, qPrintable(value), qPrintable(baseline),
                ratio > 0 ? qPrintable(QString::number(ratio, 'f', 2)) : "-");
    std::fflush(stdout);
}

bool waitFor(const std::function<bool()>& done, int timeoutMs = 120000) {
    return QTest::qWaitFor(done, timeoutMs);
}

// The real window opening the project as a person does: sign-in, the schema check, the project
// list, the project, its first page, counts and label counts, until no request is left to send.
bool benchWindow(sandbox::EmbeddedSandbox& server, const QString& projectId, qint64 floorMs) {
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    api::Connection connection(server.graphqlUrl(), server.apiKey());
    ui::MainWindow window(&connection);
    window.resize(1366, 768);
    window.show();
    QElapsedTimer timer;
    timer.start();
    window.start(projectId);
    ui::AssetLabelModel* model = window.assetBrowser()->model();
    if (!waitFor([&] {
            return window.currentProject().id == projectId && model->rowCount() > 0
                   && model->isPageLoaded(0);
        })) {
        std::fprintf(stderr, "the window never showed the project's first rows\n");
        return false;
    }
    const qint64 firstRowsMs = timer.elapsed();
    // Quiet for half a second: everything the opening asks for has been asked.
    int sent = -1;
    while (sent != connection.requestsSent()) {
        sent = connection.requestsSent();
        QTest::qWait(500);
    }
    result("ui: the window opens the 1M-asset project, time to first rows",
           QStringLiteral("%1 ms").arg(firstRowsMs),
           QStringLiteral("%1 ms (count + 1 page, direct)").arg(floorMs),
           floorMs > 0 ? double(firstRowsMs) / double(floorMs) : 0);
    result("ui: the window opens the 1M-asset project, requests",
           QStringLiteral("%1 requests").arg(sent), QStringLiteral("2 requests (minimum)"),
           sent / 2.0);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int total = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    const int scroll = argc > 2 ? std::atoi(argv[2]) : 10'000;

    QTemporaryDir dir;
    sandbox::SandboxOptions options;
    options.dbPath = dir.filePath(QStringLiteral("bench.sqlite"));
    options.generateAssets = total;
    QElapsedTimer timer;
    timer.start();
    sandbox::EmbeddedSandbox server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "sandbox did not start: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("generated %d assets in %lld ms\n", total, static_cast<long long>(timer.elapsed()));
    const QString projectId = server.createdProjectIds().constLast();
    api::Connection connection(server.graphqlUrl(), server.apiKey());
    api::AssetFilter filter;
    filter.projectId = projectId;

    // Baseline 1: the floor of a lazy client — one count and one page of 100, run directly.
    timer.restart();
    {
        api::CountAssetsJob count(&connection, filter);
        api::AssetsJob page(&connection, filter);
        page.setLimit(100);
        page.setPageSize(100);
        QSignalSpy countDone(&count, &api::BaseJob::finished);
        QSignalSpy pageDone(&page, &api::BaseJob::finished);
        count.start();
        page.start();
        waitFor([&] { return !countDone.isEmpty() && !pageDone.isEmpty(); });
    }
    const qint64 floorMs = timer.elapsed();

    // Open the project the way the window does.
    const double rssBefore = rssMiB("VmRSS:");
    ui::ApiAssetPageSource source(&connection);
    ui::AssetLabelModel model(100);
    ui::AssetPager pager(&source, &model);
    pager.showRows(0, 40);
    timer.restart();
    ui::AssetQuery query;
    query.filter = filter;
    pager.setQuery(query);
    if (!waitFor([&] { return model.isPageLoaded(0); })) {
        std::fprintf(stderr, "the first page never arrived\n");
        return 1;
    }
    const qint64 firstRowsMs = timer.elapsed();
    waitFor([&] { return !pager.isBusy(); });
    const int openRequests = source.requestsSent();
    result("ui: open 1M-asset project, time to first rows",
           QStringLiteral("%1 ms (%2 rows)").arg(firstRowsMs).arg(model.rowCount()),
           QStringLiteral("%1 ms (count + 1 page, direct)").arg(floorMs),
           floorMs > 0 ? double(firstRowsMs) / double(floorMs) : 0);
    result("ui: open 1M-asset project, requests", QStringLiteral("%1 requests").arg(openRequests),
           QStringLiteral("2 requests (minimum)"), openRequests / 2.0);

    // Drag the scroll bar to the end.
    timer.restart();
    const int before = source.requestsSent();
    pager.showRows(total - 40, total - 1);
    waitFor([&] { return model.isPageLoaded(model.pageOf(total - 1)) && !pager.isBusy(); });
    result("ui: jump to the last row of 1M", QStringLiteral("%1 ms").arg(timer.elapsed()),
           QStringLiteral("%1 ms (count + 1 page, direct)").arg(floorMs),
           floorMs > 0 ? double(timer.elapsed()) / double(floorMs) : 0);
    result("ui: jump to the last row of 1M, requests",
           QStringLiteral("%1 requests").arg(source.requestsSent() - before), QStringLiteral("-"),
           0);

    // Scroll through `scroll` assets a screenful (40 rows) at a time, from the start.
    int maxPages = 0;
    const int scrollStartRequests = source.requestsSent();
    timer.restart();
    for (int row = 0; row < scroll; row += 40) {
        const int last = std::min(row + 39, total - 1);
        pager.showRows(row, last);
        if (!waitFor([&] { return model.isPageLoaded(model.pageOf(last)); })) {
            std::fprintf(stderr, "row %d never arrived\n", last);
            return 1;
        }
        maxPages = std::max(maxPages, static_cast<int>(model.loadedPages().size()));
    }
    const qint64 scrollMs = timer.elapsed();
    const int scrollRequests = source.requestsSent() - scrollStartRequests;
    const double rssAfterScroll = rssMiB("VmRSS:");

    // Baseline 2: an eager client reading the same assets in one job, all kept in memory.
    const double rssBeforeEager = rssMiB("VmRSS:");
    timer.restart();
    qint64 eagerMs = 0;
    {
        api::AssetsJob all(&connection, filter);
        all.setLimit(scroll);
        all.setPageSize(100);
        all.setCollect(true);
        QSignalSpy done(&all, &api::BaseJob::finished);
        all.start();
        waitFor([&] { return !done.isEmpty(); }, 600000);
        eagerMs = timer.elapsed();
        const double rssEager = rssMiB("VmRSS:") - rssBeforeEager;
        result("ui: scroll through 10,000 assets", QStringLiteral("%1 ms").arg(scrollMs),
               QStringLiteral("%1 ms (one job reading them all)").arg(eagerMs),
               eagerMs > 0 ? double(scrollMs) / double(eagerMs) : 0);
        result("ui: scroll through 10,000 assets, requests",
               QStringLiteral("%1 requests").arg(scrollRequests),
               QStringLiteral("%1 requests (one job)").arg(all.requestCount()),
               all.requestCount() > 0 ? double(scrollRequests) / all.requestCount() : 0);
        result("ui: scroll through 10,000 assets, memory growth",
               QStringLiteral("%1 MiB (at most %2 pages held)")
                   .arg(std::max(0.0, rssAfterScroll - rssBefore), 0, 'f', 1)
                   .arg(maxPages),
               QStringLiteral("%1 MiB (all 10,000 held)").arg(std::max(0.0, rssEager), 0, 'f', 1),
               rssEager > 0 ? std::max(0.0, rssAfterScroll - rssBefore) / rssEager : 0);
    }
    if (!benchWindow(server, projectId, floorMs))
        return 1;
    result("ui: peak RSS of the whole run (sandbox included)",
           QStringLiteral("%1 MiB").arg(rssMiB("VmHWM:"), 0, 'f', 0), QStringLiteral("-"), 0);
    return 0;
}
