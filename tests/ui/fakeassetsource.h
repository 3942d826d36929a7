// An AssetPageSource answering from generated assets, for model and pager tests without a
// server: answers come from the event loop like the real ones, and every request is recorded.
#pragma once

#include "ui/assetpagesource.h"

#include <QTimer>
#include <set>

namespace kili::ui::testing {

class FakeAssetSource : public AssetPageSource {
    Q_OBJECT
public:
    explicit FakeAssetSource(int total, QObject* parent = nullptr)
        : AssetPageSource(parent)
        , m_total(total) {}

    struct PageRequest {
        quint64 ticket;
        int skip;
        int first;
    };

    void requestCount(quint64 ticket, const AssetQuery& query) override {
        ++m_requests;
        lastQuery = query;
        m_live.insert(ticket);
        QTimer::singleShot(0, this, [this, ticket] {
            if (m_live.erase(ticket))
                Q_EMIT countReady(ticket, m_total);
        });
    }

    void requestPage(quint64 ticket, const AssetQuery&, int skip, int first) override {
        ++m_requests;
        pages.append({ticket, skip, first});
        m_live.insert(ticket);
        if (holdPages)
            return;
        QTimer::singleShot(0, this, [this, ticket, skip, first] { answer(ticket, skip, first); });
    }

    void answer(quint64 ticket, int skip, int first) {
        if (!m_live.erase(ticket))
            return;
        if (failPages) {
            Q_EMIT requestFailed(ticket, QStringLiteral("Could not list the assets: test."));
            return;
        }
        QList<Asset> assets;
        for (int i = skip; i < std::min(m_total, skip + first); ++i)
            assets.append(makeAsset(i));
        Q_EMIT pageReady(ticket, assets);
    }

    void cancel(quint64 ticket) override {
        if (m_live.erase(ticket))
            ++cancelled;
    }
    int requestsSent() const override { return m_requests; }

    static Asset makeAsset(int i) {
        Asset asset;
        asset.id = QStringLiteral("asset-%1").arg(i);
        asset.externalId = QStringLiteral("img_%1.jpg").arg(i, 7, 10, QLatin1Char('0'));
        asset.status = QStringLiteral("LABELED");
        for (int l = 0; l < i % 3; ++l) {
            Label label;
            label.id = QStringLiteral("label-%1-%2").arg(i).arg(l);
            label.labelType = l == 0 ? LabelType::Default : LabelType::Prediction;
            label.modelName = l == 0 ? QString() : QStringLiteral("yolo");
            label.author.email = QStringLiteral("alice@example.com");
            label.assetId = asset.id;
            asset.labels.append(label);
        }
        return asset;
    }

    QList<PageRequest> pages;
    AssetQuery lastQuery;
    bool holdPages = false;
    bool failPages = false;
    int cancelled = 0;

private:
    int m_total;
    int m_requests = 0;
    std::set<quint64> m_live;
};

} // namespace kili::ui::testing
