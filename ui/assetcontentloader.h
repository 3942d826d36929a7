// Downloads asset content (images, texts) through the Connection — which sends the API key only
// to URLs under the API's own base — and keeps the recent ones in a bounded cache.
#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace kili::api {
class Connection;
}

namespace kili::ui {

class AssetContentLoader : public QObject {
    Q_OBJECT
public:
    enum class Kind { Image, Text };

    explicit AssetContentLoader(api::Connection* connection, QObject* parent = nullptr);
    ~AssetContentLoader() override;

    // Answers from the cache at once (still through the signals, from the event loop) or starts
    // a download; a new load cancels the previous one. `content` is a URL, or for TEXT assets
    // possibly the text itself.
    void load(const QString& assetId, const QString& content, Kind kind);
    void cancel();
    void setCacheLimitKiB(int kib) { m_images.setMaxCost(kib); }

Q_SIGNALS:
    void imageReady(const QString& assetId, const QImage& image);
    void textReady(const QString& assetId, const QString& text);
    // 0..100, or -1 when the size is unknown.
    void progress(const QString& assetId, int percent);
    void failed(const QString& assetId, const QString& message);

private:
    void onFinished(QNetworkReply* reply, const QString& assetId, Kind kind, const QUrl& url);

    api::Connection* m_connection;
    QPointer<QNetworkReply> m_reply;
    QCache<QString, QImage> m_images; // by URL; cost in KiB
    QCache<QString, QString> m_texts;
};

} // namespace kili::ui
