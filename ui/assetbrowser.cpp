#include "assetbrowser.h"

#include "assetfilterbar.h"
#include "assetlabelmodel.h"
#include "assetpager.h"
#include "assettreeview.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace kili::ui {

AssetBrowser::AssetBrowser(AssetPageSource* source, QWidget* parent)
    : QWidget(parent)
    , m_filters(new AssetFilterBar(this))
    , m_model(new AssetLabelModel(100, this))
    , m_pager(new AssetPager(source, m_model, this))
    , m_view(new AssetTreeView(this))
    , m_status(new QLabel(this)) {
    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("assetTree"));
    QHeaderView* header = m_view->header();
    header->resizeSection(AssetLabelModel::ExternalIdColumn, 220);
    header->resizeSection(AssetLabelModel::StatusColumn, 90);
    header->resizeSection(AssetLabelModel::CreatedColumn, 130);
    header->resizeSection(AssetLabelModel::TypeColumn, 100);
    header->resizeSection(AssetLabelModel::ByColumn, 170);
    header->resizeSection(AssetLabelModel::DurationColumn, 70);
    header->resizeSection(AssetLabelModel::HoneypotColumn, 70);
    header->resizeSection(AssetLabelModel::ConsensusColumn, 80);
    header->resizeSection(AssetLabelModel::SkippedColumn, 65);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    m_status->setContentsMargins(6, 2, 6, 2);

    connect(m_filters, &AssetFilterBar::queryChanged, this, [this] {
        m_pager->setQuery(m_filters->query());
        updateStatus();
    });
    connect(m_view, &AssetTreeView::visibleRowsChanged, m_pager, &AssetPager::showRows);
    connect(m_pager, &AssetPager::failed, this, &AssetBrowser::failed);
    connect(m_pager, &AssetPager::totalChanged, this, &AssetBrowser::updateStatus);
    connect(m_pager, &AssetPager::busyChanged, this, &AssetBrowser::updateStatus);
    connect(m_pager, &AssetPager::pageLoaded, this, [this] {
        updateStatus();
        // The current row was a placeholder whose page may just have arrived: show it.
        if (m_currentAssetId.isEmpty() && m_view->currentIndex().isValid())
            onCurrentChanged(m_view->currentIndex());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    updateStatus();
}

void AssetBrowser::setProject(const Project& project) {
    m_projectId = project.id;
    m_currentAssetId.clear();
    m_filters->setProjectId(project.id);
    m_filters->setWorkflowVersion(project.workflowVersion);
    m_pager->setQuery(m_filters->query());
    updateStatus();
    Q_EMIT selectionCleared();
}

void AssetBrowser::refresh() {
    if (!m_projectId.isEmpty())
        m_pager->refresh();
}

void AssetBrowser::retry() {
    m_pager->retry();
}

void AssetBrowser::onCurrentChanged(const QModelIndex& current) {
    const Asset* asset = m_model->assetOf(current);
    if (!asset) {
        m_currentAssetId.clear();
        if (!current.isValid())
            Q_EMIT selectionCleared();
        return; // a placeholder: its page is on its way (pageLoaded calls back)
    }
    m_currentAssetId = asset->id;
    if (const Label* label = m_model->labelOf(current))
        Q_EMIT labelSelected(*asset, *label);
    else
        Q_EMIT assetSelected(*asset);
}

QString AssetBrowser::statusText() const {
    return m_status->text();
}

void AssetBrowser::updateStatus() {
    if (m_projectId.isEmpty()) {
        m_status->setText(tr("Open a project from the list on the left (Ctrl+P to search it)."));
        return;
    }
    const QLocale locale;
    if (m_pager->total() == 0) {
        // An empty tree says why: nothing in the project, or which filters left nothing.
        const QStringList filters = m_pager->query().describeAssetFilters();
        m_status->setText(filters.isEmpty()
                              ? tr("This project has no assets.")
                              : tr("No asset matches %1. Clear the filters with Ctrl+Shift+X.")
                                    .arg(filters.join(QStringLiteral("; "))));
        return;
    }
    QString text = m_pager->total() < 0 ? tr("Counting assets…")
                                        : tr("%1 assets · %2 of %3 pages in memory · %4 requests")
                                              .arg(locale.toString(m_pager->total()))
                                              .arg(m_model->loadedPages().size())
                                              .arg(locale.toString(m_model->pageCount()))
                                              .arg(locale.toString(m_pager->requestsSent()));
    if (!m_pager->query().modelName.isEmpty())
        text += tr(" · model name narrows the labels shown, not the assets");
    if (m_pager->isBusy())
        text += tr(" · loading…");
    m_status->setText(text);
}

} // namespace kili::ui
