#include "assettreeview.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTimer>

namespace kili::ui {

AssetTreeView::AssetTreeView(QWidget* parent)
    : QTreeView(parent)
    , m_settle(new QTimer(this)) {
    // Uniform heights: the view then never asks the model about rows out of view.
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAllColumnsShowFocus(true);
    header()->setStretchLastSection(true);
    // The API has no orderBy and the model pages lazily, so sorting would only reorder the pages
    // loaded so far: the headers are not sortable, and their tooltips say so.
    setSortingEnabled(false);
    header()->setSortIndicatorShown(false);
    header()->setSectionsClickable(false);
    m_settle->setSingleShot(true);
    m_settle->setInterval(40);
    connect(m_settle, &QTimer::timeout, this, [this] {
        const auto [first, last] = visibleRows();
        if (first >= 0)
            Q_EMIT visibleRowsChanged(first, last);
    });
}

std::pair<int, int> AssetTreeView::visibleRows() const {
    if (!model() || model()->rowCount() == 0)
        return {-1, -1};
    const QRect area = viewport()->rect();
    QModelIndex top = indexAt(QPoint(1, area.top() + 1));
    QModelIndex bottom = indexAt(QPoint(1, area.bottom() - 1));
    const auto topLevel = [](QModelIndex index) {
        while (index.parent().isValid())
            index = index.parent();
        return index;
    };
    top = topLevel(top);
    bottom = topLevel(bottom);
    const int first = top.isValid() ? top.row() : 0;
    const int last = bottom.isValid() ? bottom.row() : model()->rowCount() - 1;
    return {first, std::max(first, last)};
}

void AssetTreeView::nextAsset() {
    moveToAsset(+1);
}

void AssetTreeView::previousAsset() {
    moveToAsset(-1);
}

void AssetTreeView::moveToAsset(int delta) {
    if (!model() || model()->rowCount() == 0)
        return;
    QModelIndex current = currentIndex();
    while (current.parent().isValid())
        current = current.parent();
    const int row =
        current.isValid() ? std::clamp(current.row() + delta, 0, model()->rowCount() - 1) : 0;
    const QModelIndex target = model()->index(row, 0);
    setCurrentIndex(target);
    scrollTo(target);
}

void AssetTreeView::scheduleReport() {
    m_settle->start();
}

void AssetTreeView::scrollContentsBy(int dx, int dy) {
    QTreeView::scrollContentsBy(dx, dy);
    if (dy != 0)
        scheduleReport();
}

void AssetTreeView::resizeEvent(QResizeEvent* event) {
    QTreeView::resizeEvent(event);
    scheduleReport();
}

void AssetTreeView::rowsInserted(const QModelIndex& parent, int start, int end) {
    QTreeView::rowsInserted(parent, start, end);
    if (!parent.isValid())
        scheduleReport();
}

void AssetTreeView::reset() {
    QTreeView::reset();
    scheduleReport();
}

} // namespace kili::ui
