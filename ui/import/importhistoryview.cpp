#include "ui/import/importhistoryview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace kili::ui {

ImportHistoryView::ImportHistoryView(QWidget* parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_resume(new QPushButton(QStringLiteral("&Resume"), this))
    , m_rollback(new QPushButton(QStringLiteral("Roll &back"), this)) {
    m_list->setObjectName(QStringLiteral("importHistory"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({QStringLiteral("Started"), QStringLiteral("Model"),
                             QStringLiteral("State"), QStringLiteral("Created"),
                             QStringLiteral("Import")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_resume->setObjectName(QStringLiteral("historyResume"));
    m_rollback->setObjectName(QStringLiteral("historyRollback"));
    m_resume->setToolTip(QStringLiteral("Send what this import has not sent yet; nothing already "
                                        "on the server is sent twice."));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_rollback);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &ImportHistoryView::updateButtons);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const auto* summary = selected())
            Q_EMIT resumeRequested(summary->importId);
    });
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        if (const auto* summary = selected())
            Q_EMIT rollbackRequested(summary->importId);
    });
    updateButtons();
}

bool ImportHistoryView::canResume(const predictions::JournalSummary& summary) {
    return summary.state == QLatin1String("incomplete")
           || summary.state == QLatin1String("planned");
}

bool ImportHistoryView::canRollBack(const predictions::JournalSummary& summary) {
    return summary.created > 0 && summary.state != QLatin1String("rolled back")
           && summary.state != QLatin1String("damaged");
}

void ImportHistoryView::setImports(QList<predictions::JournalSummary> imports) {
    std::sort(imports.begin(), imports.end(),
              [](const auto& a, const auto& b) { return a.createdAt > b.createdAt; });
    const QString current = selected() ? selected()->importId : QString();
    m_imports = std::move(imports);
    m_list->clear();
    const QLocale locale;
    for (const predictions::JournalSummary& summary : std::as_const(m_imports)) {
        auto* item = new QTreeWidgetItem(
            m_list,
            {locale.toString(summary.createdAt.toLocalTime(), QLocale::ShortFormat),
             summary.modelName, summary.state,
             QStringLiteral("%1 of %2").arg(summary.created).arg(summary.items), summary.importId});
        item->setData(IdColumn, Qt::UserRole, summary.importId);
        if (summary.importId == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
}

void ImportHistoryView::setBusy(bool busy) {
    m_busy = busy;
    updateButtons();
}

const predictions::JournalSummary* ImportHistoryView::selected() const {
    const QTreeWidgetItem* item = m_list->currentItem();
    if (!item)
        return nullptr;
    const QString id = item->data(IdColumn, Qt::UserRole).toString();
    for (const predictions::JournalSummary& summary : m_imports) {
        if (summary.importId == id)
            return &summary;
    }
    return nullptr;
}

void ImportHistoryView::updateButtons() {
    const predictions::JournalSummary* summary = selected();
    m_resume->setEnabled(!m_busy && summary && canResume(*summary));
    m_rollback->setEnabled(!m_busy && summary && canRollBack(*summary));
    m_rollback->setText(
        summary && canRollBack(*summary)
            ? QStringLiteral("Roll &back (delete its %1 labels)").arg(summary->created)
            : QStringLiteral("Roll &back"));
}

} // namespace kili::ui
