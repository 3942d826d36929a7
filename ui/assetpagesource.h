// Where AssetPager gets counts and pages from. The real one runs kiliapi jobs
// (ApiAssetPageSource); tests and benchmarks can put another behind the same signals.
#pragma once

#include "assetquery.h"
#include "domain/asset.h"

#include <QObject>

namespace kili::ui {

class AssetPageSource : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Each request carries a ticket; the answer comes back (asynchronously, never from inside
    // the call) with the same ticket, exactly once, unless cancelled.
    virtual void requestCount(quint64 ticket, const AssetQuery& query) = 0;
    virtual void requestPage(quint64 ticket, const AssetQuery& query, int skip, int first) = 0;
    virtual void cancel(quint64 ticket) = 0;
    // HTTP requests sent so far, retries included (for the benchmark and the status bar).
    virtual int requestsSent() const = 0;

Q_SIGNALS:
    void countReady(quint64 ticket, int count);
    void pageReady(quint64 ticket, const QList<kili::Asset>& assets);
    void requestFailed(quint64 ticket, const QString& message);
};

} // namespace kili::ui
