#include "ui/import/categorymappingmodel.h"

#include <QComboBox>
#include <QRegularExpression>
#include <QSet>

namespace kili::ui {

CategoryMappingModel::CategoryMappingModel(QObject* parent)
    : QAbstractTableModel(parent) {}

QString CategoryMappingModel::unknownCategoryOf(const predictions::Problem& problem) {
    static const QRegularExpression pattern(
        QStringLiteral("^\"(.*)\" is not a category of this job"));
    const QRegularExpressionMatch match = pattern.match(problem.message);
    return match.hasMatch() ? match.captured(1) : QString();
}

void CategoryMappingModel::setProblems(const QList<predictions::Problem>& problems,
                                       const CategoryMapping& saved) {
    beginResetModel();
    m_rows.clear();
    QSet<QString> seen;
    for (auto job = saved.cbegin(); job != saved.cend(); ++job) {
        for (auto name = job->cbegin(); name != job->cend(); ++name) {
            m_rows.append({job.key(), name.key(), name.value()});
            seen.insert(job.key() + QLatin1Char('\n') + name.key());
        }
    }
    for (const predictions::Problem& problem : problems) {
        const QString name = unknownCategoryOf(problem);
        if (name.isEmpty() || problem.job.isEmpty())
            continue;
        const QString id = problem.job + QLatin1Char('\n') + name;
        if (seen.contains(id))
            continue;
        seen.insert(id);
        m_rows.append({problem.job, name, {}});
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.job, a.name) < std::tie(b.job, b.name);
    });
    endResetModel();
}

CategoryMapping CategoryMappingModel::mapping() const {
    CategoryMapping mapping;
    for (const Row& row : m_rows) {
        if (!row.key.isEmpty())
            mapping[row.job].insert(row.name, row.key);
    }
    return mapping;
}

int CategoryMappingModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CategoryMappingModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CategoryMappingModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    if (role == CategoryKeysRole) {
        QStringList keys;
        if (const Job* job = m_interface.job(row.job)) {
            for (const Category& category : job->categories)
                keys << category.key;
        }
        return keys;
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case JobColumn:
        return row.job;
    case FileNameColumn:
        return row.name;
    case CategoryColumn:
        if (role == Qt::DisplayRole && row.key.isEmpty())
            return QStringLiteral("(not mapped)");
        return row.key;
    }
    return {};
}

bool CategoryMappingModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != CategoryColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString key = value.toString();
    if (!key.isEmpty() && !index.data(CategoryKeysRole).toStringList().contains(key))
        return false;
    m_rows[index.row()].key = key;
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

Qt::ItemFlags CategoryMappingModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == CategoryColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant CategoryMappingModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case JobColumn:
        return QStringLiteral("Job");
    case FileNameColumn:
        return QStringLiteral("Name in the file");
    case CategoryColumn:
        return QStringLiteral("Category of the interface");
    }
    return {};
}

QWidget* CategoryKeyDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                           const QModelIndex& index) const {
    auto* combo = new QComboBox(parent);
    combo->addItem(QStringLiteral("(not mapped)"), QString());
    for (const QString& key : index.data(CategoryMappingModel::CategoryKeysRole).toStringList())
        combo->addItem(key, key);
    return combo;
}

void CategoryKeyDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* combo = static_cast<QComboBox*>(editor);
    combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole).toString())));
}

void CategoryKeyDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                       const QModelIndex& index) const {
    model->setData(index, static_cast<QComboBox*>(editor)->currentData().toString());
}

} // namespace kili::ui
