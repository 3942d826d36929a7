#include "imagecanvas.h"

#include <QPainter>

namespace kili::ui {

ImageCanvas::ImageCanvas(QWidget* parent)
    : QWidget(parent) {
    setAutoFillBackground(false);
    setMinimumSize(160, 120);
}

void ImageCanvas::setImage(const QImage& image) {
    m_image = image;
    m_message.clear();
    update();
}

void ImageCanvas::setLayers(const QList<PreviewLayer>& layers) {
    m_layers = layers;
    update();
}

void ImageCanvas::setMessage(const QString& message) {
    m_message = message;
    if (!message.isEmpty())
        m_image = QImage();
    update();
}

QRectF ImageCanvas::fitRect(const QSizeF& image, const QSizeF& canvas) {
    if (image.isEmpty() || canvas.isEmpty())
        return {};
    const QSizeF scaled = image.scaled(canvas, Qt::KeepAspectRatio);
    return {QPointF((canvas.width() - scaled.width()) / 2, (canvas.height() - scaled.height()) / 2),
            scaled};
}

void ImageCanvas::render(QPainter& painter, const QRectF& canvas, const QImage& image,
                         const QList<PreviewLayer>& layers) {
    if (image.isNull())
        return;
    QRectF target = fitRect(image.size(), canvas.size());
    target.translate(canvas.topLeft());
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, image);
    CaptionLayout captions; // one for every layer, so that no caption covers another
    for (const PreviewLayer& layer : layers)
        AnnotationPainter::paint(painter, target, layer.annotations.shapes, layer.style, &captions);
}

void ImageCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    render(painter, QRectF(rect()), m_image, m_layers);
}

} // namespace kili::ui
