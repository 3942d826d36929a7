#include "assetlabelmodel.h"

#include "labeltext.h"
#include "readablecolor.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <utility>

namespace kili::ui {

namespace {

// internalId: 0 for an asset row, asset row + 1 for a label row (no pointers into pages that
// may be released).
constexpr quintptr AssetRowId = 0;

QString mark(const std::optional<double>& value) {
    return value ? QString::number(*value, 'f', 2) : QString();
}

QString dateText(const QDateTime& when) {
    return when.isValid()
               ? QLocale().toString(when.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"))
               : QString();
}

QColor colourOf(LabelType::Kind kind) {
    switch (kind) {
    case LabelType::Prediction:
        return QColor(0x6a, 0x1b, 0x9a);
    case LabelType::Inference:
        return QColor(0x00, 0x69, 0x7c);
    case LabelType::Review:
        return QColor(0x2e, 0x7d, 0x32);
    case LabelType::Autosave:
        return QColor(0x75, 0x75, 0x75);
    case LabelType::Default:
    case LabelType::Unknown:
        break;
    }
    return {};
}

} // namespace

AssetLabelModel::AssetLabelModel(int pageSize, QObject* parent)
    : QAbstractItemModel(parent)
    , m_pageSize(std::max(1, pageSize)) {}

void AssetLabelModel::reset(int rows) {
    beginResetModel();
    m_pages.clear();
    m_rowCount = std::max(0, rows);
    endResetModel();
}

void AssetLabelModel::resize(int rows) {
    rows = std::max(0, rows);
    if (rows > m_rowCount) {
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        // Drop the pages that fall out entirely; a page cut in the middle is trimmed.
        const int lastPage = rows == 0 ? -1 : pageOf(rows - 1);
        for (const int page : m_pages.keys()) {
            if (page > lastPage)
                releasePage(page);
        }
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        if (lastPage >= 0 && m_pages.contains(lastPage)) {
            Page& page = m_pages[lastPage];
            const int keep = rows - lastPage * m_pageSize;
            if (page.size() > keep)
                page.resize(keep);
        }
        endRemoveRows();
    }
}

void AssetLabelModel::setPage(int page, const QList<Asset>& assets) {
    const int first = page * m_pageSize;
    if (page < 0 || first >= m_rowCount)
        return;
    const int fits = std::min(m_pageSize, m_rowCount - first);
    if (m_pages.contains(page))
        releasePage(page);

    // Stored without labels first: the children are announced one asset at a time below, and
    // until each insertion begins the view must see the asset childless.
    Page loaded;
    QList<QList<Label>> labels;
    loaded.reserve(std::min<qsizetype>(fits, assets.size()));
    for (const Asset& asset : assets) {
        if (loaded.size() == fits)
            break;
        LoadedAsset entry{asset, {}};
        labels.append(std::exchange(entry.asset.labels, {}));
        loaded.append(std::move(entry));
    }
    if (loaded.isEmpty())
        return;
    const int count = static_cast<int>(loaded.size());
    m_pages.insert(page, std::move(loaded));
    Q_EMIT dataChanged(index(first, 0), index(first + count - 1, ColumnCount - 1));
    Page& stored = m_pages[page];
    for (int i = 0; i < count; ++i) {
        if (labels[i].isEmpty())
            continue;
        beginInsertRows(index(first + i, 0), 0, static_cast<int>(labels[i].size()) - 1);
        LoadedAsset& entry = stored[i];
        entry.asset.labels = std::move(labels[i]);
        for (const Label& label : entry.asset.labels)
            entry.labelConfidence.append(LabelText::confidenceSummary(label));
        entry.latestHuman = latestHumanLabel(entry.asset.labels);
        endInsertRows();
    }
}

void AssetLabelModel::releasePage(int page) {
    if (!m_pages.contains(page))
        return;
    removeChildrenOf(page);
    const int count = static_cast<int>(m_pages.value(page).size());
    m_pages.remove(page);
    const int first = page * m_pageSize;
    if (count > 0)
        Q_EMIT dataChanged(index(first, 0), index(first + count - 1, ColumnCount - 1));
}

void AssetLabelModel::removeChildrenOf(int page) {
    Page& stored = m_pages[page];
    const int first = page * m_pageSize;
    for (int i = 0; i < stored.size(); ++i) {
        const int labels = static_cast<int>(stored[i].asset.labels.size());
        if (labels == 0)
            continue;
        const QModelIndex parent = index(first + i, 0);
        beginRemoveRows(parent, 0, labels - 1);
        stored[i].asset.labels.clear();
        stored[i].labelConfidence.clear();
        stored[i].latestHuman = -1;
        endRemoveRows();
    }
}

const AssetLabelModel::LoadedAsset* AssetLabelModel::loadedAt(int row) const {
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const auto it = m_pages.constFind(pageOf(row));
    if (it == m_pages.constEnd())
        return nullptr;
    const int offset = row - it.key() * m_pageSize;
    return offset < it->size() ? &it->at(offset) : nullptr;
}

const Asset* AssetLabelModel::assetAt(int row) const {
    const LoadedAsset* loaded = loadedAt(row);
    return loaded ? &loaded->asset : nullptr;
}

const Asset* AssetLabelModel::assetOf(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return assetAt(index.internalId() == AssetRowId ? index.row()
                                                    : static_cast<int>(index.internalId() - 1));
}

const Label* AssetLabelModel::labelOf(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this || index.internalId() == AssetRowId)
        return nullptr;
    const Asset* asset = assetAt(static_cast<int>(index.internalId() - 1));
    if (!asset || index.row() >= asset->labels.size())
        return nullptr;
    return &asset->labels.at(index.row());
}

QModelIndex AssetLabelModel::indexOfAsset(int row, int column) const {
    return index(row, column);
}

QModelIndex AssetLabelModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_rowCount ? createIndex(row, column, AssetRowId) : QModelIndex();
    if (parent.internalId() != AssetRowId || parent.model() != this)
        return {};
    const LoadedAsset* loaded = loadedAt(parent.row());
    if (!loaded || row >= loaded->asset.labels.size())
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex AssetLabelModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == AssetRowId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, AssetRowId);
}

int AssetLabelModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return m_rowCount;
    if (parent.internalId() != AssetRowId || parent.column() != 0)
        return 0;
    const LoadedAsset* loaded = loadedAt(parent.row());
    return loaded ? static_cast<int>(loaded->asset.labels.size()) : 0;
}

int AssetLabelModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

bool AssetLabelModel::hasChildren(const QModelIndex& parent) const {
    return rowCount(parent) > 0;
}

Qt::ItemFlags AssetLabelModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != AssetRowId)
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QVariant AssetLabelModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.model() != this)
        return {};
    if (index.internalId() == AssetRowId)
        return assetData(index.row(), loadedAt(index.row()), index.column(), role);
    const LoadedAsset* loaded = loadedAt(static_cast<int>(index.internalId() - 1));
    if (!loaded || index.row() >= loaded->asset.labels.size())
        return {};
    return labelData(*loaded, index.row(), index.column(), role);
}

QVariant AssetLabelModel::assetData(int row, const LoadedAsset* loaded, int column,
                                    int role) const {
    if (role == LoadedRole)
        return loaded != nullptr;
    if (!loaded) {
        if (role == Qt::DisplayRole && column == ExternalIdColumn)
            return tr("Loading row %1…").arg(row + 1);
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    const Asset& asset = loaded->asset;
    if (role == AssetIdRole)
        return asset.id;
    if (role == Qt::ToolTipRole && column == ExternalIdColumn)
        return asset.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case ExternalIdColumn:
        return asset.externalId;
    case StatusColumn:
        if (!asset.status.isEmpty())
            return asset.status;
        return asset.currentStepStatus.isEmpty()
                   ? asset.currentStepName
                   : asset.currentStepName + QLatin1String(" / ") + asset.currentStepStatus;
    case CreatedColumn:
        return dateText(asset.createdAt);
    case TypeColumn:
        return asset.labels.isEmpty()
                   ? QString()
                   : tr("%n label(s)", nullptr, static_cast<int>(asset.labels.size()));
    case HoneypotColumn:
        return asset.isHoneypot ? tr("yes %1").arg(mark(asset.honeypotMark)).trimmed()
                                : mark(asset.honeypotMark);
    case ConsensusColumn:
        return mark(asset.consensusMark);
    case SkippedColumn:
        return asset.skipped ? tr("skipped") : QString();
    case ConfidenceColumn:
        return asset.inferenceMark ? tr("model agreement %1").arg(mark(asset.inferenceMark))
                                   : QString();
    default:
        return {};
    }
}

QVariant AssetLabelModel::labelData(const LoadedAsset& loaded, int labelRow, int column,
                                    int role) const {
    const Label& label = loaded.asset.labels.at(labelRow);
    switch (role) {
    case LabelIdRole:
        return label.id;
    case AssetIdRole:
        return loaded.asset.id;
    case LoadedRole:
        return true;
    case LabelTypeRole:
        return static_cast<int>(label.labelType.kind());
    case Qt::ToolTipRole:
        return label.jsonResponseError.isEmpty() ? label.id : label.jsonResponseError;
    case Qt::ForegroundRole:
        if (column == TypeColumn) {
            const QColor colour = readableOn(colourOf(label.labelType.kind()), textBackground());
            return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
        }
        return {};
    case Qt::FontRole:
        if (column == TypeColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case ExternalIdColumn:
        // One per asset: its latest human label, what Kili exports (isLatestLabelForUser is per
        // person, so two people's labels would both say it).
        return labelRow == loaded.latestHuman ? tr("label (latest)") : tr("label");
    case CreatedColumn:
        return dateText(label.createdAt);
    case TypeColumn:
        return label.labelType.toString();
    case ByColumn:
        return LabelText::byline(label);
    case DurationColumn:
        return label.secondsToLabel ? LabelText::duration(*label.secondsToLabel) : QString();
    case HoneypotColumn:
        return mark(label.honeypotMark);
    case ConfidenceColumn:
        return loaded.labelConfidence.value(labelRow);
    default:
        return {};
    }
}

QString AssetLabelModel::orderNote() {
    return tr("Rows come in the server's order: assets by creation date, oldest first, and their "
              "labels the same way. The Kili API has no sort option, so the columns cannot be "
              "sorted; narrow the list with the filters instead.");
}

QVariant AssetLabelModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        const QString what = columnDescription(section);
        return what.isEmpty() ? orderNote() : what + QStringLiteral("\n\n") + orderNote();
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ExternalIdColumn:
        return tr("External ID");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case TypeColumn:
        return tr("Type");
    case ByColumn:
        return tr("By");
    case DurationColumn:
        return tr("Duration");
    case HoneypotColumn:
        return tr("Honeypot");
    case ConsensusColumn:
        return tr("Consensus");
    case SkippedColumn:
        return tr("Skipped");
    case ConfidenceColumn:
        return tr("Confidence");
    default:
        return {};
    }
}

QString AssetLabelModel::columnDescription(int section) {
    switch (section) {
    case ExternalIdColumn:
        return tr("The asset's external ID (the name it was imported with).");
    case StatusColumn:
        return tr("The asset's workflow status.");
    case CreatedColumn:
        return tr("When the asset or the label was created.");
    case TypeColumn:
        return tr("The label's type: DEFAULT, PREDICTION, REVIEW, INFERENCE or AUTOSAVE.");
    case ByColumn:
        return tr("The label's author (email), or the model name of a prediction.");
    case DurationColumn:
        return tr("Time spent on the label.");
    case HoneypotColumn:
        return tr("Whether the asset is a honeypot, and the honeypot mark (agreement with its "
                  "answer).");
    case ConsensusColumn:
        return tr("Consensus mark: agreement between labellers.");
    case SkippedColumn:
        return tr("Whether the asset was skipped.");
    case ConfidenceColumn:
        return tr("A label's confidence: the average (and lowest) of its annotations and "
                  "categories. An asset's: its agreement with the model (inference mark).");
    default:
        return {};
    }
}

} // namespace kili::ui
