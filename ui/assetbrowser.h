// The assets of the open project as a lazily paged tree with its filter bar: wires
// AssetFilterBar → AssetPager → AssetLabelModel ← AssetTreeView, and reports what is selected.
#pragma once

#include "domain/asset.h"
#include "domain/project.h"

#include <QWidget>

class QLabel;

namespace kili::ui {

class AssetFilterBar;
class AssetLabelModel;
class AssetPageSource;
class AssetPager;
class AssetTreeView;

class AssetBrowser : public QWidget {
    Q_OBJECT
public:
    // The source is not owned (the window shares it with nothing else but may replace it).
    explicit AssetBrowser(AssetPageSource* source, QWidget* parent = nullptr);

    void setProject(const Project& project);
    void refresh();
    void retry();

    AssetFilterBar* filterBar() const { return m_filters; }
    AssetLabelModel* model() const { return m_model; }
    AssetPager* pager() const { return m_pager; }
    AssetTreeView* view() const { return m_view; }
    QString statusText() const;

Q_SIGNALS:
    // The asset (with the labels shown) and, when a label row is current, that label.
    void assetSelected(const kili::Asset& asset);
    void labelSelected(const kili::Asset& asset, const kili::Label& label);
    void selectionCleared();
    void failed(const QString& message);

private:
    void onCurrentChanged(const QModelIndex& current);
    void updateStatus();

    AssetFilterBar* m_filters;
    AssetLabelModel* m_model;
    AssetPager* m_pager;
    AssetTreeView* m_view;
    QLabel* m_status;
    QString m_projectId;
    QString m_currentAssetId;
};

} // namespace kili::ui
