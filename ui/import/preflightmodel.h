// The pre-flight table of an import: one row per prediction of the plan, before anything is sent —
// what will happen to it (ready, already present, will overwrite, invalid, unknown asset) and, when
// something is wrong, the sentence that says what. PreflightFilter shows one status at a time.
#pragma once

#include "predictions/importplan.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <optional>

namespace kili::ui {

struct PreflightRow {
    enum class Status { Ready, AlreadyPresent, WillOverwrite, Invalid, UnknownAsset };
    Status status = Status::Ready;
    QString externalId;
    QString assetId;         // empty for unknown assets and unreadable items
    QString source;          // "preds.jsonl:4"
    QString problem;         // sentences, one per line; empty when nothing is wrong
    QByteArray jsonResponse; // compact JSON of what would be sent (ready, will overwrite)
    QString labelId;         // the identical label already on the server (already present)
};

class PreflightModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using Status = PreflightRow::Status;
    enum Column { StatusColumn, ExternalIdColumn, SourceColumn, ProblemColumn, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1, AssetIdRole, LabelIdRole };
    static constexpr int kStatusCount = 5;

    explicit PreflightModel(QObject* parent = nullptr);

    // Rows for every planned, present, invalid and unknown item of `plan` (call before the
    // upload starts: the import hands the payloads to its journal then).
    void setPlan(const predictions::ImportPlan& plan);
    void clear();

    const PreflightRow& row(int row) const { return m_rows.at(row); }
    int count(Status status) const { return m_counts[int(status)]; }
    // Warnings that belong to no row (e.g. confidences that look like probabilities).
    QStringList warnings() const { return m_warnings; }

    static QString statusText(Status status);
    // The status's colour as designed for a light background (made readable where it is shown).
    static QColor statusColour(Status status);
    // The source without its folder (the full one is the tooltip).
    static QString shortSource(const QString& source);
    static QList<Status> statuses();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<PreflightRow> m_rows;
    QStringList m_warnings;
    int m_counts[kStatusCount] = {};
};

// Keeps the rows of one status (or all of them).
class PreflightFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PreflightFilter(QObject* parent = nullptr);
    void setStatus(std::optional<PreflightRow::Status> status);
    std::optional<PreflightRow::Status> status() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<PreflightRow::Status> m_status;
};

} // namespace kili::ui
