// Assets at the top level, their labels as children, paged lazily: the row count comes from
// countAssets and is known at once; rows are placeholders until their page arrives, and pages
// can be released again to keep memory bounded. The model never asks for anything itself —
// AssetPager decides which pages to fetch and feeds them in with setPage()/releasePage(), and
// every change is announced exactly (dataChanged for asset rows, insert/remove for labels).
#pragma once

#include "domain/asset.h"

#include <QAbstractItemModel>
#include <QHash>

namespace kili::ui {

class AssetLabelModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        ExternalIdColumn,
        StatusColumn,
        CreatedColumn,
        TypeColumn,
        ByColumn,
        DurationColumn,
        HoneypotColumn,
        ConsensusColumn,
        SkippedColumn,
        ConfidenceColumn,
        ColumnCount
    };
    enum Role {
        AssetIdRole = Qt::UserRole + 1,
        LabelIdRole,
        LoadedRole,    // false on a placeholder row whose page has not arrived
        LabelTypeRole, // LabelType::Kind of a label row
    };

    explicit AssetLabelModel(int pageSize = 100, QObject* parent = nullptr);

    int pageSize() const { return m_pageSize; }
    int pageOf(int row) const { return row / m_pageSize; }
    int pageCount() const { return (m_rowCount + m_pageSize - 1) / m_pageSize; }

    // A new result set of `rows` assets (new project or new filter): everything dropped.
    void reset(int rows);
    // The count changed under the same filter: rows appended or removed at the end.
    void resize(int rows);
    // Fills rows [page * pageSize, …) with the assets of that page (extra assets are ignored,
    // missing ones stay placeholders).
    void setPage(int page, const QList<Asset>& assets);
    void releasePage(int page);
    bool isPageLoaded(int page) const { return m_pages.contains(page); }
    QList<int> loadedPages() const { return m_pages.keys(); }

    // nullptr for placeholders and out-of-range rows.
    const Asset* assetAt(int row) const;
    const Asset* assetOf(const QModelIndex& index) const;
    const Label* labelOf(const QModelIndex& index) const;
    QModelIndex indexOfAsset(int row, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // Tooltips say what each column holds and that the rows cannot be sorted (orderNote()).
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // The API has no orderBy: rows stay in the server's order (kili-api.md, paging).
    static QString orderNote();
    static QString columnDescription(int section);
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct LoadedAsset {
        Asset asset;
        QStringList labelConfidence; // per label, computed once when the page arrives
        qsizetype latestHuman = -1;  // the label Kili exports as the asset's (latestHumanLabel)
    };
    using Page = QList<LoadedAsset>;

    const LoadedAsset* loadedAt(int row) const;
    QVariant assetData(int row, const LoadedAsset* loaded, int column, int role) const;
    QVariant labelData(const LoadedAsset& loaded, int labelRow, int column, int role) const;
    void removeChildrenOf(int page);

    int m_pageSize;
    int m_rowCount = 0;
    QHash<int, Page> m_pages;
};

} // namespace kili::ui
