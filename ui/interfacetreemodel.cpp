#include "interfacetreemodel.h"

#include "categorystyles.h"

namespace kili::ui {

namespace {
QStandardItem* readOnly(const QString& text) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}
} // namespace

InterfaceTreeModel::InterfaceTreeModel(QObject* parent)
    : QStandardItemModel(parent) {
    setHorizontalHeaderLabels(
        {tr("Job / category"), tr("ML task"), tr("Input"), tr("Tools"), tr("Required")});
}

void InterfaceTreeModel::setInterface(const Interface& interface) {
    m_interface = interface;
    removeRows(0, rowCount());
    for (const QString& name : interface.rootJobNames()) {
        if (const Job* job = interface.job(name))
            appendJob(invisibleRootItem(), *job, {});
    }
    // Child jobs that no category opens would otherwise be invisible.
    QStringList reachable = interface.rootJobNames();
    for (const QString& name : interface.rootJobNames())
        reachable += interface.descendantJobNames(name);
    for (const Job& job : interface.jobs()) {
        if (!reachable.contains(job.name))
            appendJob(invisibleRootItem(), job, {});
    }
}

void InterfaceTreeModel::appendJob(QStandardItem* parent, const Job& job, QStringList path) {
    auto* name = readOnly(job.name);
    name->setData(job.name, JobNameRole);
    name->setToolTip(job.instruction.isEmpty() ? job.name : job.instruction);
    if (!job.instruction.isEmpty() && job.instruction != job.name)
        name->setText(job.name + QStringLiteral(" — ") + job.instruction);
    QFont bold = name->font();
    bold.setBold(true);
    name->setFont(bold);
    auto* required = readOnly(job.required ? tr("required") : QString());
    parent->appendRow({name, readOnly(job.mlTask), readOnly(job.input),
                       readOnly(job.tools.join(QLatin1String(", "))), required});
    path.append(job.name);
    for (const Category& category : job.categories)
        appendCategory(name, job, category, path);
}

void InterfaceTreeModel::appendCategory(QStandardItem* jobItem, const Job& job,
                                        const Category& category, const QStringList& path) {
    auto* item =
        readOnly(category.name.isEmpty() || category.name == category.key
                     ? category.key
                     : category.name + QLatin1String(" (") + category.key + QLatin1Char(')'));
    item->setData(job.name, JobNameRole);
    item->setData(category.key, CategoryKeyRole);
    item->setData(CategoryStyles::swatch(CategoryStyles::colorOf(category)), Qt::DecorationRole);
    item->setToolTip(category.color);
    jobItem->appendRow({item, readOnly({}), readOnly({}), readOnly({}), readOnly({})});
    for (const QString& childName : category.children) {
        const Job* child = m_interface.job(childName);
        if (path.contains(childName)) {
            // A cycle in children: show it once, do not follow it.
            item->appendRow(readOnly(tr("%1 (cycle: already above)").arg(childName)));
            continue;
        }
        if (!child) {
            item->appendRow(readOnly(tr("%1 (missing from the interface)").arg(childName)));
            continue;
        }
        appendJob(item, *child, path);
    }
}

} // namespace kili::ui
