#include "assetcontentloader.h"

#include "api/connection.h"

#include <QNetworkReply>
#include <QTimer>

namespace kili::ui {

namespace {
bool isUrl(const QString& content) {
    return content.startsWith(QLatin1String("http://"))
           || content.startsWith(QLatin1String("https://"));
}
} // namespace

AssetContentLoader::AssetContentLoader(api::Connection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_images(256 * 1024)
    , m_texts(64) {}

AssetContentLoader::~AssetContentLoader() {
    cancel();
}

void AssetContentLoader::cancel() {
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void AssetContentLoader::load(const QString& assetId, const QString& content, Kind kind) {
    cancel();
    if (kind == Kind::Text && !isUrl(content)) {
        QTimer::singleShot(0, this,
                           [this, assetId, content] { Q_EMIT textReady(assetId, content); });
        return;
    }
    const QUrl url(content);
    if (!url.isValid() || url.scheme().isEmpty()) {
        QTimer::singleShot(0, this, [this, assetId] {
            Q_EMIT failed(assetId, tr("The asset's content is not a URL this window can show."));
        });
        return;
    }
    if (kind == Kind::Image && m_images.contains(content)) {
        const QImage image = *m_images.object(content);
        QTimer::singleShot(0, this, [this, assetId, image] { Q_EMIT imageReady(assetId, image); });
        return;
    }
    if (kind == Kind::Text && m_texts.contains(content)) {
        const QString text = *m_texts.object(content);
        QTimer::singleShot(0, this, [this, assetId, text] { Q_EMIT textReady(assetId, text); });
        return;
    }
    QNetworkReply* reply = m_connection->get(url);
    m_reply = reply;
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, assetId](qint64 received, qint64 total) {
                Q_EMIT progress(assetId, total > 0 ? static_cast<int>(received * 100 / total) : -1);
            });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, assetId, kind, url] { onFinished(reply, assetId, kind, url); });
}

void AssetContentLoader::onFinished(QNetworkReply* reply, const QString& assetId, Kind kind,
                                    const QUrl& url) {
    reply->deleteLater();
    if (m_reply == reply)
        m_reply = nullptr;
    const QString where = url.host().isEmpty() ? url.toDisplayString() : url.host();
    if (reply->error() != QNetworkReply::NoError) {
        Q_EMIT failed(assetId, tr("Could not download the asset's content from %1: %2. Check the "
                                  "connection, then select the asset again.")
                                   .arg(where, m_connection->redacted(reply->errorString())));
        return;
    }
    const QByteArray body = reply->readAll();
    if (kind == Kind::Text) {
        const QString text = QString::fromUtf8(body);
        m_texts.insert(url.toString(), new QString(text));
        Q_EMIT textReady(assetId, text);
        return;
    }
    QImage image;
    if (!image.loadFromData(body)) {
        Q_EMIT failed(assetId, tr("The content downloaded from %1 is not an image this window can "
                                  "read (%2 bytes).")
                                   .arg(where)
                                   .arg(body.size()));
        return;
    }
    m_images.insert(url.toString(), new QImage(image),
                    static_cast<int>(std::max<qsizetype>(1, image.sizeInBytes() / 1024)));
    Q_EMIT imageReady(assetId, image);
}

} // namespace kili::ui
