#include "projectlistmodel.h"

#include <QLocale>

namespace kili::ui {

ProjectListModel::ProjectListModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void ProjectListModel::clear() {
    if (m_projects.isEmpty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_projects.size()) - 1);
    m_projects.clear();
    endRemoveRows();
}

void ProjectListModel::append(const QList<Project>& projects) {
    if (projects.isEmpty())
        return;
    const int first = static_cast<int>(m_projects.size());
    beginInsertRows({}, first, first + static_cast<int>(projects.size()) - 1);
    m_projects += projects;
    endInsertRows();
}

const Project* ProjectListModel::projectAt(int row) const {
    return row >= 0 && row < m_projects.size() ? &m_projects.at(row) : nullptr;
}

int ProjectListModel::rowOf(const QString& projectId) const {
    for (int row = 0; row < m_projects.size(); ++row) {
        if (m_projects.at(row).id == projectId)
            return row;
    }
    return -1;
}

int ProjectListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_projects.size());
}

int ProjectListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectListModel::data(const QModelIndex& index, int role) const {
    const Project* project = projectAt(index.row());
    if (!project || index.parent().isValid())
        return {};
    switch (role) {
    case ProjectIdRole:
        return project->id;
    case ProgressRole:
        return project->progress();
    case Qt::ToolTipRole:
        if (index.column() == ProgressColumn)
            return tr("%1 of %2 assets done (%3 still to label), %4 reviewed")
                .arg(QLocale().toString(project->numberOfAssets - project->numberOfRemainingAssets))
                .arg(QLocale().toString(project->numberOfAssets))
                .arg(QLocale().toString(project->numberOfRemainingAssets))
                .arg(QLocale().toString(project->numberOfReviewedAssets));
        return project->description.isEmpty()
                   ? project->id
                   : project->description + QLatin1Char('\n') + project->id;
    case Qt::TextAlignmentRole:
        if (index.column() == AssetsColumn || index.column() == ProgressColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TitleColumn:
        return project->archived ? tr("%1 (archived)").arg(project->title) : project->title;
    case InputTypeColumn:
        return project->inputType;
    case AssetsColumn:
        return QLocale().toString(project->numberOfAssets);
    case ProgressColumn:
        // Short, so that the list fits its dock; the tooltip has the counts.
        return tr("%1%").arg(qRound(project->progress() * 100));
    default:
        return {};
    }
}

QVariant ProjectListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return tr("Projects in the server's order (by creation). The Kili API has no sort option, "
                  "so the columns cannot be sorted; search narrows the list.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Project");
    case InputTypeColumn:
        return tr("Input");
    case AssetsColumn:
        return tr("Assets");
    case ProgressColumn:
        return tr("Progress");
    default:
        return {};
    }
}

} // namespace kili::ui
