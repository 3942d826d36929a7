#include "projectsview.h"

#include "projectlistmodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kili::ui {

ProjectsView::ProjectsView(ProjectListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_debounce(new QTimer(this)) {
    m_search->setPlaceholderText(tr("Search projects (Ctrl+P)"));
    m_search->setClearButtonEnabled(true);
    m_table->setModel(model);
    m_table->setObjectName(QStringLiteral("projectTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // Server order; the header's tooltip says why it does not sort.
    m_table->horizontalHeader()->setSectionsClickable(false);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(ProjectListModel::TitleColumn,
                                                      QHeaderView::Stretch);
    // Sized to the rows once they are there (ResizeToContents measured the empty list and cut
    // "IMAGE" to "IMA…"); the title takes the rest.
    const auto fitColumns = [this] {
        for (int column :
             {int(ProjectListModel::InputTypeColumn), int(ProjectListModel::AssetsColumn),
              int(ProjectListModel::ProgressColumn)})
            m_table->resizeColumnToContents(column);
    };
    connect(model, &QAbstractItemModel::modelReset, this, fitColumns);
    connect(model, &QAbstractItemModel::rowsInserted, this, fitColumns);
    connect(model, &QAbstractItemModel::dataChanged, this, fitColumns);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);

    // Other panels (the import's) take the width from the docks: the titles stay readable.
    setMinimumWidth(250);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this,
            [this] { Q_EMIT searchRequested(m_search->text().trimmed()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        Q_EMIT searchRequested(m_search->text().trimmed());
    });
    // Selection, not the current index: focusing the table makes a row current without
    // selecting it, and that must not open a project.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty() || m_selecting)
            return;
        const QString id = rows.first().data(ProjectListModel::ProjectIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT openRequested(id);
    });
}

void ProjectsView::selectProject(const QString& projectId) {
    const int row = m_model->rowOf(projectId);
    if (row < 0)
        return;
    // Not a request from the person: the project is open already.
    m_selecting = true;
    m_table->selectRow(row);
    m_selecting = false;
}

void ProjectsView::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace kili::ui
