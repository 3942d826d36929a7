#include "interfaceview.h"

#include "domain/interface.h"
#include "domain/project.h"
#include "interfacetreemodel.h"
#include "jsonsourceview.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace kili::ui {

InterfaceView::InterfaceView(QWidget* parent)
    : QWidget(parent)
    , m_model(new InterfaceTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_source(new JsonSourceView(this)) {
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    // Sized once per project in setProject(): the names to their contents but at most
    // MaxNameWidth, so that the task, input, tools and required columns stay in sight.
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("interfaceSplitter"));
    splitter->addWidget(m_tree);
    splitter->addWidget(m_source);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Selecting a job or category finds its key in the raw JSON.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QModelIndex name = current.siblingAtColumn(InterfaceTreeModel::NameColumn);
                QString key = name.data(InterfaceTreeModel::CategoryKeyRole).toString();
                if (key.isEmpty())
                    key = name.data(InterfaceTreeModel::JobNameRole).toString();
                if (!key.isEmpty())
                    m_source->searchField()->setText(QLatin1Char('"') + key + QLatin1Char('"'));
            });
}

void InterfaceView::setProject(const Project& project) {
    QString error;
    const Interface interface = Interface::parse(project.jsonInterface.toUtf8(), &error);
    m_model->setInterface(interface);
    m_tree->expandToDepth(2);
    for (int column = 0; column < InterfaceTreeModel::ColumnCount; ++column)
        m_tree->resizeColumnToContents(column);
    constexpr int MaxNameWidth = 280;
    if (m_tree->columnWidth(InterfaceTreeModel::NameColumn) > MaxNameWidth)
        m_tree->setColumnWidth(InterfaceTreeModel::NameColumn, MaxNameWidth);
    m_source->searchField()->clear();
    m_source->setJson(project.jsonInterface);
}

void InterfaceView::clear() {
    m_model->setInterface({});
    m_source->clear();
}

} // namespace kili::ui
