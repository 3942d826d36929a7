// Maps the class names a file uses (YOLO names, other spellings) to the category keys of the
// interface, one row per (job, name) the checks did not recognise. The mapping is kept per
// project (ImportSettingsStore) and handed to the scan stage of the next check.
#pragma once

#include "domain/interface.h"
#include "predictions/importsettingsstore.h"
#include "predictions/predictionitem.h"

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

namespace kili::ui {

using predictions::CategoryMapping;

class CategoryMappingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { JobColumn, FileNameColumn, CategoryColumn, ColumnCount };
    enum Role { CategoryKeysRole = Qt::UserRole + 1 };

    explicit CategoryMappingModel(QObject* parent = nullptr);

    void setInterface(const Interface& interface) { m_interface = interface; }
    // Rows for every name the mapping already knows and every unknown category in `problems`.
    void setProblems(const QList<predictions::Problem>& problems, const CategoryMapping& saved);
    // Only the rows mapped to a category.
    CategoryMapping mapping() const;

    // The category name an "is not a category of this job" problem complains about.
    static QString unknownCategoryOf(const predictions::Problem& problem);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString job;
        QString name;
        QString key; // empty: not mapped
    };
    QList<Row> m_rows;
    Interface m_interface;
};

// A combo box of the job's category keys for the Category column.
class CategoryKeyDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
};

} // namespace kili::ui
