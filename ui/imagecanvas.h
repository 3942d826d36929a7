// The image of an asset scaled to fit, with the annotation layers drawn over it.
#pragma once

#include "previewlayer.h"

#include <QImage>
#include <QWidget>

namespace kili::ui {

class ImageCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ImageCanvas(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    void setLayers(const QList<PreviewLayer>& layers);
    // Shown in the middle when there is no image (loading, failed, not an image).
    void setMessage(const QString& message);

    const QImage& image() const { return m_image; }
    const QList<PreviewLayer>& layers() const { return m_layers; }

    // Where the image lands in a canvas of the given size: scaled to fit, aspect kept, centred.
    static QRectF fitRect(const QSizeF& image, const QSizeF& canvas);
    // Draws image and layers into any painter (the widget, or a QImage in tests).
    static void render(QPainter& painter, const QRectF& canvas, const QImage& image,
                       const QList<PreviewLayer>& layers);

    QSize sizeHint() const override { return {480, 360}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QList<PreviewLayer> m_layers;
    QString m_message;
};

} // namespace kili::ui
