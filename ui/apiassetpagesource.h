// AssetPageSource over the Kili API: countAssets and assets (first/skip) jobs on a Connection.
#pragma once

#include "assetpagesource.h"

#include <QHash>
#include <QPointer>

namespace kili::api {
class BaseJob;
class Connection;
} // namespace kili::api

namespace kili::ui {

class ApiAssetPageSource : public AssetPageSource {
    Q_OBJECT
public:
    explicit ApiAssetPageSource(api::Connection* connection, QObject* parent = nullptr);
    ~ApiAssetPageSource() override;

    void requestCount(quint64 ticket, const AssetQuery& query) override;
    void requestPage(quint64 ticket, const AssetQuery& query, int skip, int first) override;
    void cancel(quint64 ticket) override;
    int requestsSent() const override;

private:
    void track(quint64 ticket, api::BaseJob* job);

    api::Connection* m_connection;
    QHash<quint64, QPointer<api::BaseJob>> m_jobs;
    int m_finishedRequests = 0;
};

} // namespace kili::ui
