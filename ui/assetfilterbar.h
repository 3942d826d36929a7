// The filters of the asset tree, all applied on the server: one toggle per label type (with its
// count; keys 1…5 in the main window), label author, status, external id, created date range — and
// the model name, which narrows the labels shown. Emits queryChanged() after a short pause in
// typing.
#pragma once

#include "assetquery.h"

#include <QHash>
#include <QWidget>
#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;
class QToolButton;

namespace kili::ui {

class AssetFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit AssetFilterBar(QWidget* parent = nullptr);

    void setProjectId(const QString& projectId);
    // Workflow V1 statuses, or V2 step statuses.
    void setWorkflowVersion(const QString& version);
    // `labels` of the type on `assets` assets: the button shows the first, its tooltip both.
    void setLabelTypeCount(const LabelType& type, int labels, int assets);
    // (labels, assets) as last set; nullopt before the counts arrived.
    std::optional<std::pair<int, int>> labelTypeCount(LabelType::Kind kind) const;
    void resetCounts();

    AssetQuery query() const;
    void setLabelTypeChecked(LabelType::Kind kind, bool checked);
    bool isLabelTypeChecked(LabelType::Kind kind) const;
    QToolButton* labelTypeButton(LabelType::Kind kind) const { return m_typeButtons.value(kind); }
    QLineEdit* externalIdField() const { return m_externalId; }
    void clearFilters();

Q_SIGNALS:
    void queryChanged();

private:
    void scheduleChange(int delayMs);

    QString m_projectId;
    QString m_workflowVersion;
    static QString typeToolTip(const LabelType& type);

    QHash<int, QToolButton*> m_typeButtons;
    QHash<int, std::pair<int, int>> m_typeCounts; // kind → (labels, assets)
    QLineEdit* m_externalId;
    QLineEdit* m_modelName;
    QLineEdit* m_author;
    QComboBox* m_status;
    QCheckBox* m_dateEnabled;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QTimer* m_debounce;
};

} // namespace kili::ui
