#include "labeldetailview.h"

#include "domain/label.h"
#include "jsonsourceview.h"
#include "jsontreemodel.h"
#include "labeltext.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace kili::ui {

LabelDetailView::LabelDetailView(QWidget* parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_model(new JsonTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_source(new JsonSourceView(this)) {
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto* tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->addTab(m_tree, tr("Tree"));
    tabs->addTab(m_source, tr("JSON"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(tabs, 1);
    clear();
}

void LabelDetailView::setLabel(const Label& label) {
    QString text =
        QStringLiteral("<b>%1</b> · %2 · %3")
            .arg(label.labelType.toString(), LabelText::byline(label).toHtmlEscaped(),
                 QLocale().toString(label.createdAt.toLocalTime(), QLocale::ShortFormat));
    if (!label.jsonResponseError.isEmpty())
        text += QStringLiteral("<br/><span style='color:#b00020'>%1</span>")
                    .arg(label.jsonResponseError.toHtmlEscaped());
    m_header->setText(text);
    m_model->setJson(label.jsonResponse);
    m_tree->expandToDepth(3);
    m_source->setJson(
        QString::fromUtf8(QJsonDocument(label.jsonResponse).toJson(QJsonDocument::Compact)));
}

void LabelDetailView::clear() {
    m_header->setText(tr("Select a label to see its jsonResponse."));
    m_model->setJson({});
    m_source->clear();
}

QString LabelDetailView::headline() const {
    return m_header->text();
}

} // namespace kili::ui
