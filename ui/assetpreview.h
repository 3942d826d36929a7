// The asset with its labels drawn over it: an image with shapes, or a text with entity spans,
// plus a legend naming each overlaid label and its classification answers.
#pragma once

#include "previewlayer.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace kili {
class Interface;
struct Label;
} // namespace kili

namespace kili::ui {

class ImageCanvas;
class TextPreview;

class AssetPreview : public QWidget {
    Q_OBJECT
public:
    explicit AssetPreview(QWidget* parent = nullptr);

    // One layer per label, styled by label type: human labels solid and filled, predictions
    // dashed, inferences dotted — so that a prediction reads over the human label beneath.
    static QList<PreviewLayer> layersFor(const QList<Label>& labels, const Interface& interface);
    static OverlayStyle styleFor(const Label& label);

    void showImage(const QImage& image, const QList<PreviewLayer>& layers);
    void showText(const QString& text, const QList<PreviewLayer>& layers);
    void showMessage(const QString& message);
    // Keeps the content, replaces what is drawn over it.
    void setLayers(const QList<PreviewLayer>& layers);

    ImageCanvas* canvas() const { return m_canvas; }
    TextPreview* textView() const { return m_text; }
    QString legendText() const;

private:
    void updateLegend();

    QStackedWidget* m_stack;
    ImageCanvas* m_canvas;
    TextPreview* m_text;
    QLabel* m_legend;
    QString m_textContent;
    QList<PreviewLayer> m_layers;
};

} // namespace kili::ui
