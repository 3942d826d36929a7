// The asset/label tree. Tells which top-level rows are in view (after the scrolling settles for
// a moment) so that only those pages are fetched; J/K move to the next/previous asset.
#pragma once

#include <QTreeView>

class QTimer;

namespace kili::ui {

class AssetTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit AssetTreeView(QWidget* parent = nullptr);

    // First and last top-level rows at least partly visible (-1, -1 when empty).
    std::pair<int, int> visibleRows() const;

public Q_SLOTS:
    void nextAsset();
    void previousAsset();

Q_SIGNALS:
    void visibleRowsChanged(int first, int last);

protected:
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void reset() override;

private:
    void moveToAsset(int delta);
    void scheduleReport();

    QTimer* m_settle;
};

} // namespace kili::ui
