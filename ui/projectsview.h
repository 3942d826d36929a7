// The searchable list of projects. Selecting one (click, Enter) asks to open it.
#pragma once

#include <QWidget>

class QLineEdit;
class QTableView;
class QTimer;

namespace kili::ui {

class ProjectListModel;

class ProjectsView : public QWidget {
    Q_OBJECT
public:
    explicit ProjectsView(ProjectListModel* model, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return m_search; }
    QTableView* table() const { return m_table; }
    // Selects the project's row without asking to open it again.
    void selectProject(const QString& projectId);

public Q_SLOTS:
    void focusSearch();

Q_SIGNALS:
    void searchRequested(const QString& text);
    void openRequested(const QString& projectId);

private:
    ProjectListModel* m_model;
    QLineEdit* m_search;
    QTableView* m_table;
    QTimer* m_debounce;
    bool m_selecting = false;
};

} // namespace kili::ui
