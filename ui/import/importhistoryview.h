// The imports of the project in view made from this computer (their journals), newest first,
// with what each did and what is left: Resume finishes one that stopped, Roll back deletes the
// labels one created. Undo stays for the last import; this is for every earlier one.
#pragma once

#include "predictions/importjournal.h"

#include <QWidget>

class QPushButton;
class QTreeWidget;

namespace kili::ui {

class ImportHistoryView : public QWidget {
    Q_OBJECT
public:
    enum Column { StartedColumn, ModelColumn, StateColumn, CreatedColumn, IdColumn, ColumnCount };

    explicit ImportHistoryView(QWidget* parent = nullptr);

    void setImports(QList<predictions::JournalSummary> imports);
    QTreeWidget* list() const { return m_list; }
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* rollbackButton() const { return m_rollback; }
    // While an import or a rollback runs, nothing else may start.
    void setBusy(bool busy);

    static bool canResume(const predictions::JournalSummary& summary);
    static bool canRollBack(const predictions::JournalSummary& summary);

Q_SIGNALS:
    void resumeRequested(const QString& importId);
    void rollbackRequested(const QString& importId);

private:
    const predictions::JournalSummary* selected() const;
    void updateButtons();

    QTreeWidget* m_list;
    QPushButton* m_resume;
    QPushButton* m_rollback;
    QList<predictions::JournalSummary> m_imports;
    bool m_busy = false;
};

} // namespace kili::ui
