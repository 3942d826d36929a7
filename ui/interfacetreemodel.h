// The jsonInterface as a tree: jobs (mlTask, input, tools, required), their categories with
// colour swatches, and the child jobs a category opens nested beneath it.
#pragma once

#include "domain/interface.h"

#include <QStandardItemModel>

namespace kili::ui {

class InterfaceTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TaskColumn, InputColumn, ToolsColumn, RequiredColumn, ColumnCount };
    enum Role {
        JobNameRole = Qt::UserRole + 1, // on every row: the job it belongs to
        CategoryKeyRole,                // on category rows
    };

    explicit InterfaceTreeModel(QObject* parent = nullptr);

    void setInterface(const Interface& interface);
    const Interface& interface() const { return m_interface; }

private:
    void appendJob(QStandardItem* parent, const Job& job, QStringList path);
    void appendCategory(QStandardItem* jobItem, const Job& job, const Category& category,
                        const QStringList& path);

    Interface m_interface;
};

} // namespace kili::ui
