// ImportBackend over kiliapi jobs on one Connection (its rate limit and retries apply to every
// call). Asset lookups ask for pages of 500 — one request per chunk of ids on servers that accept
// it — and fall back to Kili's documented 100 when the server refuses the larger page.
#pragma once

#include "predictions/importbackend.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace kili::api {
class BaseJob;
class Connection;
struct ApiError;
} // namespace kili::api

namespace kili::predictions {

class KiliApiBackend : public QObject, public ImportBackend {
    Q_OBJECT
public:
    static constexpr int kLargePage = 500;
    static constexpr int kSafePage = 100;

    explicit KiliApiBackend(kili::api::Connection* connection, QObject* parent = nullptr);
    ~KiliApiBackend() override;

    void setMaxInFlight(int count) { m_maxInFlight = qMax(1, count); }

    void fetchInterface(const QString& projectId, Callback<kili::Interface> done) override;
    void fetchAssets(const QString& projectId, const QStringList& externalIds,
                     const QStringList& assetIds, Callback<QList<kili::Asset>> done) override;
    void appendLabels(const AppendRequest& request, Callback<QStringList> done) override;
    void fetchLabels(const QString& projectId, const QStringList& assetIds,
                     kili::LabelType labelType, Callback<QList<kili::Label>> done) override;
    void deleteLabels(const QStringList& labelIds, Callback<QStringList> done) override;
    void cancelAll() override;

    // One id less than a page: the answer is then a short page, which ends the paging without
    // asking for an empty next page (a chunk of exactly one page would cost two requests).
    int assetChunkSize() const override { return m_pageSize - 1; }
    int maxInFlight() const override { return m_maxInFlight; }
    // A write's timeout: one the server had not finished within it gets as long again.
    std::chrono::milliseconds doubtGrace() const override;
    qint64 requestCount() const override;
    QString serverName() const override;

private:
    // Starts `job`; `onSuccess` runs on success, `onFailure` on failure, unless cancelAll() came
    // first. Counts its requests either way.
    void run(kili::api::BaseJob* job, std::function<void()> onSuccess,
             std::function<void(const kili::api::ApiError&)> onFailure);
    void fetchAssetsPaged(const QString& projectId, const QStringList& externalIds,
                          const QStringList& assetIds, const QList<kili::LabelType>& types,
                          Callback<QList<kili::Asset>> done, bool mayShrinkPage);

    kili::api::Connection* m_connection;
    QSet<kili::api::BaseJob*> m_running;
    quint64 m_generation = 0;
    qint64 m_finishedRequests = 0;
    int m_pageSize = kLargePage;
    int m_maxInFlight = 4;
};

} // namespace kili::predictions
