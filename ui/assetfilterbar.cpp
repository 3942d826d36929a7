#include "assetfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace kili::ui {

namespace {
const QStringList V1Statuses = {QStringLiteral("TODO"), QStringLiteral("ONGOING"),
                                QStringLiteral("LABELED"), QStringLiteral("TO_REVIEW"),
                                QStringLiteral("REVIEWED")};
const QStringList V2Statuses = {QStringLiteral("TO_DO"),          QStringLiteral("DOING"),
                                QStringLiteral("PARTIALLY_DONE"), QStringLiteral("REDO"),
                                QStringLiteral("DONE"),           QStringLiteral("SKIPPED")};
} // namespace

AssetFilterBar::AssetFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_externalId(new QLineEdit(this))
    , m_modelName(new QLineEdit(this))
    , m_author(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_dateEnabled(new QCheckBox(tr("Created"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_debounce(new QTimer(this)) {
    m_debounce->setSingleShot(true);
    connect(m_debounce, &QTimer::timeout, this, &AssetFilterBar::queryChanged);

    auto* types = new QHBoxLayout;
    types->setContentsMargins(0, 0, 0, 0);
    types->addWidget(new QLabel(tr("Labels:"), this));
    for (const LabelType& type : LabelType::known()) {
        auto* button = new QToolButton(this);
        button->setCheckable(true);
        button->setText(type.toString());
        button->setToolTip(typeToolTip(type));
        button->setObjectName(QLatin1String("labelType_") + type.toString());
        connect(button, &QToolButton::toggled, this, [this] { scheduleChange(0); });
        m_typeButtons.insert(type.kind(), button);
        types->addWidget(button);
    }
    types->addStretch(1);

    m_externalId->setPlaceholderText(tr("External ID contains…"));
    m_externalId->setClearButtonEnabled(true);
    m_modelName->setObjectName(QStringLiteral("modelNameFilter"));
    m_modelName->setPlaceholderText(tr("Model name (labels shown)"));
    // Honest about its reach: the API cannot filter on it (LabelWhere has no modelName).
    m_modelName->setToolTip(
        tr("Shows only the labels whose model name contains this text, under the assets the "
           "other filters list. The Kili API cannot filter by model name, so it does not narrow "
           "which assets are listed (nor their count): an asset with no such label stays in "
           "the list, with no label under it."));
    m_externalId->setToolTip(tr("Assets whose external ID contains this text (on the server; "
                                "Ctrl+E)."));
    m_modelName->setClearButtonEnabled(true);
    m_author->setPlaceholderText(tr("Author (first or last name)"));
    m_author->setToolTip(tr("Assets with a label by this author, and only those labels (on the "
                            "server: first name, last name or both)."));
    m_author->setClearButtonEnabled(true);
    m_status->addItem(tr("Any status"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setDate(QDate::currentDate().addMonths(-1));
    m_to->setDate(QDate::currentDate());
    m_from->setEnabled(false);
    m_to->setEnabled(false);

    // Two rows of fields: in one, the centre of a 1400-pixel window squeezed every field to a
    // few letters of its placeholder.
    for (QLineEdit* edit : {m_externalId, m_modelName, m_author})
        edit->setMinimumWidth(120);
    auto* fields = new QHBoxLayout;
    fields->setContentsMargins(0, 0, 0, 0);
    fields->addWidget(m_externalId, 2);
    fields->addWidget(m_status);
    fields->addWidget(m_dateEnabled);
    fields->addWidget(m_from);
    fields->addWidget(new QLabel(QStringLiteral("–"), this));
    fields->addWidget(m_to);
    auto* labelFields = new QHBoxLayout;
    labelFields->setContentsMargins(0, 0, 0, 0);
    labelFields->addWidget(m_author, 1);
    labelFields->addWidget(m_modelName, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(types);
    layout->addLayout(fields);
    layout->addLayout(labelFields);

    for (QLineEdit* edit : {m_externalId, m_modelName, m_author}) {
        connect(edit, &QLineEdit::textChanged, this, [this] { scheduleChange(350); });
        connect(edit, &QLineEdit::returnPressed, this, [this] { scheduleChange(0); });
    }
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] { scheduleChange(0); });
    connect(m_dateEnabled, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        scheduleChange(0);
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] { scheduleChange(350); });
    connect(m_to, &QDateEdit::dateChanged, this, [this] { scheduleChange(350); });
    setWorkflowVersion(QStringLiteral("V1"));
}

void AssetFilterBar::scheduleChange(int delayMs) {
    m_debounce->start(delayMs);
}

void AssetFilterBar::setProjectId(const QString& projectId) {
    m_projectId = projectId;
}

void AssetFilterBar::setWorkflowVersion(const QString& version) {
    if (version == m_workflowVersion)
        return;
    m_workflowVersion = version;
    const QSignalBlocker blocker(m_status);
    m_status->clear();
    m_status->addItem(tr("Any status"));
    m_status->addItems(version == QLatin1String("V2") ? V2Statuses : V1Statuses);
}

QString AssetFilterBar::typeToolTip(const LabelType& type) {
    return tr("Only assets with a %1 label, and only those labels (key %2)")
        .arg(type.toString())
        .arg(LabelType::known().indexOf(type) + 1);
}

void AssetFilterBar::setLabelTypeCount(const LabelType& type, int labels, int assets) {
    QToolButton* button = m_typeButtons.value(type.kind());
    if (!button)
        return;
    const QLocale locale;
    // The button counts labels, the tree assets: both are said, the assets where there is room.
    button->setText(QStringLiteral("%1 (%2)").arg(type.toString(), locale.toString(labels)));
    const QString counts =
        tr("%1 %2 label(s) on %3 asset(s)")
            .arg(locale.toString(labels), type.toString(), locale.toString(assets));
    button->setToolTip(counts + QStringLiteral(". ") + typeToolTip(type));
    button->setAccessibleDescription(counts);
    m_typeCounts.insert(type.kind(), {labels, assets});
}

std::optional<std::pair<int, int>> AssetFilterBar::labelTypeCount(LabelType::Kind kind) const {
    const auto found = m_typeCounts.constFind(kind);
    if (found == m_typeCounts.cend())
        return std::nullopt;
    return *found;
}

void AssetFilterBar::resetCounts() {
    m_typeCounts.clear();
    for (const LabelType& type : LabelType::known()) {
        m_typeButtons.value(type.kind())->setText(type.toString());
        m_typeButtons.value(type.kind())->setToolTip(typeToolTip(type));
    }
}

void AssetFilterBar::setLabelTypeChecked(LabelType::Kind kind, bool checked) {
    if (QToolButton* button = m_typeButtons.value(kind))
        button->setChecked(checked);
}

bool AssetFilterBar::isLabelTypeChecked(LabelType::Kind kind) const {
    const QToolButton* button = m_typeButtons.value(kind);
    return button && button->isChecked();
}

void AssetFilterBar::clearFilters() {
    for (QToolButton* button : std::as_const(m_typeButtons))
        button->setChecked(false);
    m_externalId->clear();
    m_modelName->clear();
    m_author->clear();
    m_status->setCurrentIndex(0);
    m_dateEnabled->setChecked(false);
}

AssetQuery AssetFilterBar::query() const {
    AssetQuery query;
    query.filter.projectId = m_projectId;
    for (const LabelType& type : LabelType::known()) {
        if (isLabelTypeChecked(type.kind()))
            query.filter.labelTypes.append(type);
    }
    const QString externalId = m_externalId->text().trimmed();
    if (!externalId.isEmpty())
        query.filter.externalIdContains = {externalId};
    const QString author = m_author->text().trimmed();
    if (!author.isEmpty())
        query.filter.labelAuthors = {author};
    if (m_status->currentIndex() > 0) {
        if (m_workflowVersion == QLatin1String("V2"))
            query.filter.stepStatuses = {m_status->currentText()};
        else
            query.filter.statuses = {m_status->currentText()};
    }
    if (m_dateEnabled->isChecked()) {
        query.filter.createdAtGte = m_from->date();
        query.filter.createdAtLte = m_to->date();
    }
    query.modelName = m_modelName->text().trimmed();
    return query;
}

} // namespace kili::ui
