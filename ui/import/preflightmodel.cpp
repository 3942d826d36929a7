#include "ui/import/preflightmodel.h"

#include "ui/readablecolor.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QSet>

namespace kili::ui {

namespace {

// Problems of one item share its file, line and id; the pointer tells where inside it.
QString itemKey(const predictions::Problem& problem) {
    return problem.source.file + QLatin1Char('\n') + QString::number(problem.source.line)
           + QLatin1Char('\n') + problem.externalId;
}

QString sourceText(const predictions::SourceLocation& source) {
    predictions::SourceLocation whole = source;
    whole.pointer.clear();
    return whole.toText();
}

} // namespace

PreflightModel::PreflightModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void PreflightModel::setPlan(const predictions::ImportPlan& plan) {
    beginResetModel();
    m_rows.clear();
    m_warnings.clear();
    std::fill(std::begin(m_counts), std::end(m_counts), 0);

    for (const predictions::PlannedItem& item : plan.toCreate) {
        PreflightRow row;
        row.status = item.overwrites ? Status::WillOverwrite : Status::Ready;
        row.externalId = item.externalId;
        row.assetId = item.assetId;
        row.source = sourceText(item.source);
        row.jsonResponse = item.jsonResponse;
        if (item.overwrites)
            row.problem = QStringLiteral("Replaces the earlier %1 of model \"%2\" on this asset.")
                              .arg(plan.settings.labelType.toString(), item.modelName);
        m_rows.append(row);
    }
    for (const predictions::PresentItem& item : plan.alreadyPresent) {
        PreflightRow row;
        row.status = Status::AlreadyPresent;
        row.externalId = item.externalId;
        row.assetId = item.assetId;
        row.labelId = item.labelId;
        row.problem = QStringLiteral("An identical prediction is already on this asset (label %1); "
                                     "it is not sent again.")
                          .arg(item.labelId);
        m_rows.append(row);
    }

    // One row per invalid item, however many problems it has; warnings alone make no row.
    const QSet<QString> unknown(plan.unknownIds.cbegin(), plan.unknownIds.cend());
    QHash<QString, int> rowOfItem;
    for (const predictions::Problem& problem : plan.problems) {
        if (!problem.isError()) {
            m_warnings << problem.toText();
            continue;
        }
        const QString key = itemKey(problem);
        // The sentence first: a narrow column shows what is wrong, not the job's name.
        QString sentence = problem.message;
        if (!problem.job.isEmpty() && !problem.source.pointer.isEmpty())
            sentence += QStringLiteral(" (%1, at %2)").arg(problem.job, problem.source.pointer);
        else if (!problem.job.isEmpty())
            sentence += QStringLiteral(" (%1)").arg(problem.job);
        else if (!problem.source.pointer.isEmpty())
            sentence += QLatin1String(" (at ") + problem.source.pointer + QLatin1Char(')');
        if (const auto found = rowOfItem.constFind(key); found != rowOfItem.cend()) {
            m_rows[*found].problem += QLatin1Char('\n') + sentence;
            continue;
        }
        PreflightRow row;
        const bool isUnknown = !problem.externalId.isEmpty() && unknown.contains(problem.externalId)
                               && problem.source.pointer.isEmpty();
        row.status = isUnknown ? Status::UnknownAsset : Status::Invalid;
        row.externalId = problem.externalId;
        row.source = sourceText(problem.source);
        row.problem = sentence;
        rowOfItem.insert(key, int(m_rows.size()));
        m_rows.append(row);
    }
    for (const PreflightRow& row : std::as_const(m_rows))
        ++m_counts[int(row.status)];
    endResetModel();
}

void PreflightModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_warnings.clear();
    std::fill(std::begin(m_counts), std::end(m_counts), 0);
    endResetModel();
}

QColor PreflightModel::statusColour(Status status) {
    switch (status) {
    case Status::Invalid:
    case Status::UnknownAsset:
        return QColor(0xb0, 0x20, 0x20);
    case Status::WillOverwrite:
        return QColor(0xa0, 0x60, 0x00);
    case Status::AlreadyPresent:
        return QColor(0x60, 0x60, 0x60);
    case Status::Ready:
        return QColor(0x1a, 0x7f, 0x37);
    }
    return {};
}

QString PreflightModel::statusText(Status status) {
    switch (status) {
    case Status::Ready:
        return QStringLiteral("ready");
    case Status::AlreadyPresent:
        return QStringLiteral("already present");
    case Status::WillOverwrite:
        return QStringLiteral("will overwrite");
    case Status::Invalid:
        return QStringLiteral("invalid");
    case Status::UnknownAsset:
        return QStringLiteral("unknown asset");
    }
    return {};
}

QList<PreflightModel::Status> PreflightModel::statuses() {
    return {Status::Ready, Status::AlreadyPresent, Status::WillOverwrite, Status::Invalid,
            Status::UnknownAsset};
}

QString PreflightModel::shortSource(const QString& source) {
    // "/long/folder/preds.json#/3/jsonResponse" → "preds.json#/3/jsonResponse": the pointer
    // holds slashes too, so the folder is cut before it.
    const qsizetype hash = source.indexOf(QLatin1Char('#'));
    const QString file = hash < 0 ? source : source.left(hash);
    const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? source : source.mid(slash + 1);
}

int PreflightModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PreflightModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PreflightModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PreflightRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return statusText(row.status);
        case ExternalIdColumn:
            return row.externalId;
        case SourceColumn:
            return shortSource(row.source);
        case ProblemColumn:
            return QString(
                row.problem.section(QLatin1Char('\n'), 0, 0)
                + (row.problem.contains(QLatin1Char('\n')) ? QStringLiteral(" …") : QString()));
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn)
            return row.source;
        return row.problem.isEmpty() ? QVariant() : QVariant(row.problem);
    case Qt::ForegroundRole:
        if (index.column() != StatusColumn)
            return {};
        return QBrush(readableOn(statusColour(row.status), textBackground()));
    case StatusRole:
        return int(row.status);
    case AssetIdRole:
        return row.assetId;
    case LabelIdRole:
        return row.labelId;
    }
    return {};
}

QVariant PreflightModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return QStringLiteral("Status");
    case ExternalIdColumn:
        return QStringLiteral("External ID");
    case SourceColumn:
        return QStringLiteral("Source");
    case ProblemColumn:
        return QStringLiteral("Problem");
    }
    return {};
}

PreflightFilter::PreflightFilter(QObject* parent)
    : QSortFilterProxyModel(parent) {}

void PreflightFilter::setStatus(std::optional<PreflightRow::Status> status) {
    if (m_status == status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

bool PreflightFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (!m_status)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(PreflightModel::StatusRole).toInt() == int(*m_status);
}

} // namespace kili::ui
