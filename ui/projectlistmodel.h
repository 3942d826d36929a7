// The projects of the account: title, input type, number of assets, progress. Filled by
// ProjectCatalog as pages arrive (row insertions at the end).
#pragma once

#include "domain/project.h"

#include <QAbstractTableModel>

namespace kili::ui {

class ProjectListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TitleColumn, InputTypeColumn, AssetsColumn, ProgressColumn, ColumnCount };
    enum Role { ProjectIdRole = Qt::UserRole + 1, ProgressRole /* 0..1 as double */ };

    explicit ProjectListModel(QObject* parent = nullptr);

    void clear();
    void append(const QList<Project>& projects);
    const Project* projectAt(int row) const;
    int rowOf(const QString& projectId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Project> m_projects;
};

} // namespace kili::ui
