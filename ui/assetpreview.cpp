#include "assetpreview.h"

#include "categorystyles.h"
#include "domain/interface.h"
#include "domain/label.h"
#include "imagecanvas.h"
#include "labeltext.h"
#include "textpreview.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace kili::ui {

AssetPreview::AssetPreview(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_canvas(new ImageCanvas(this))
    , m_text(new TextPreview(this))
    , m_legend(new QLabel(this)) {
    m_stack->addWidget(m_canvas);
    m_stack->addWidget(m_text);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_legend);
    showMessage(tr("Select an asset to preview it."));
}

OverlayStyle AssetPreview::styleFor(const Label& label) {
    OverlayStyle style;
    switch (label.labelType.kind()) {
    case LabelType::Prediction:
        style = OverlayStyle::dashed();
        style.penWidth = 2.5;
        break;
    case LabelType::Inference:
        style = OverlayStyle::dotted();
        break;
    case LabelType::Autosave: // a person's work in progress
        style = OverlayStyle::dotted();
        style.showConfidence = false;
        break;
    case LabelType::Default:
    case LabelType::Review:
    case LabelType::Unknown:
        style.showConfidence = false;
        break;
    }
    return style;
}

QList<PreviewLayer> AssetPreview::layersFor(const QList<Label>& labels,
                                            const Interface& interface) {
    const AnnotationExtractor extractor(CategoryStyles::lookupFor(interface));
    QList<PreviewLayer> layers;
    for (const Label& label : labels) {
        PreviewLayer layer{LabelText::title(label), extractor.extract(label.jsonResponse),
                           styleFor(label)};
        // With several labels overlaid the captions say whose each box is: the model's name, or
        // the type of a person's label (DEFAULT, REVIEW), as the legend below names them.
        if (labels.size() > 1)
            layer.style.captionPrefix =
                label.modelName.isEmpty() ? label.labelType.toString() : label.modelName;
        layers.append(layer);
    }
    return layers;
}

void AssetPreview::showImage(const QImage& image, const QList<PreviewLayer>& layers) {
    m_textContent.clear();
    m_canvas->setImage(image);
    m_stack->setCurrentWidget(m_canvas);
    setLayers(layers);
}

void AssetPreview::showText(const QString& text, const QList<PreviewLayer>& layers) {
    m_textContent = text;
    m_stack->setCurrentWidget(m_text);
    setLayers(layers);
}

void AssetPreview::showMessage(const QString& message) {
    m_textContent.clear();
    m_canvas->setMessage(message);
    m_stack->setCurrentWidget(m_canvas);
    m_layers.clear();
    m_canvas->setLayers({});
    updateLegend();
}

void AssetPreview::setLayers(const QList<PreviewLayer>& layers) {
    m_layers = layers;
    if (m_stack->currentWidget() == m_text)
        m_text->setContent(m_textContent, layers);
    else
        m_canvas->setLayers(layers);
    updateLegend();
}

QString AssetPreview::legendText() const {
    return m_legend->text();
}

void AssetPreview::updateLegend() {
    QStringList lines;
    for (const PreviewLayer& layer : m_layers) {
        const QString stroke = layer.style.penStyle == Qt::SolidLine  ? QStringLiteral("━━")
                               : layer.style.penStyle == Qt::DashLine ? QStringLiteral("╍╍")
                                                                      : QStringLiteral("┈┈");
        QString line = stroke + QLatin1Char(' ') + layer.title.toHtmlEscaped();
        QStringList answers;
        for (const ClassificationAnswer& answer : layer.annotations.classifications) {
            QString text = QStringLiteral("<span style='color:%1'>■</span> %2")
                               .arg(answer.color.name(), answer.caption.toHtmlEscaped());
            if (answer.confidence && layer.style.showConfidence)
                text += QLatin1Char(' ') + QString::number(qRound(*answer.confidence))
                        + QLatin1Char('%');
            answers.append(text);
        }
        for (const QString& transcription : layer.annotations.transcriptions)
            answers.append(transcription.toHtmlEscaped());
        if (!answers.isEmpty())
            line += QStringLiteral(" — ") + answers.join(QLatin1String(", "));
        lines.append(line);
    }
    m_legend->setText(lines.join(QLatin1String("<br/>")));
    m_legend->setVisible(!lines.isEmpty());
}

} // namespace kili::ui
