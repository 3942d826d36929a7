#include "ui/import/preflightview.h"

#include "ui/assetcontentloader.h"
#include "ui/assetpreview.h"
#include "ui/import/preflightmodel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace kili::ui {

PreflightView::PreflightView(predictions::ImportBackend& backend, api::Connection* connection,
                             QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(new PreflightModel(this))
    , m_filter(new PreflightFilter(this))
    , m_status(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_preview(new AssetPreview(this))
    , m_detail(new QLabel(this))
    , m_content(new AssetContentLoader(connection, this)) {
    m_filter->setSourceModel(m_model);
    m_status->setObjectName(QStringLiteral("preflightStatus"));
    m_status->setAccessibleName(QStringLiteral("Show predictions with status"));
    m_table->setObjectName(QStringLiteral("preflightTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    // One line per row: the problem's other lines are in the tooltip and under the table.
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(PreflightModel::SourceColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(QStringLiteral("Pre-flight table"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setMinimumWidth(220);
    updateCounts();

    auto* filterLabel = new QLabel(QStringLiteral("&Show:"), this);
    filterLabel->setBuddy(m_status);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_status, 1);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_detail);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("preflightSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_preview);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant status = m_status->currentData();
        m_filter->setStatus(status.isValid() ? std::optional(PreflightRow::Status(status.toInt()))
                                             : std::nullopt);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showRow(m_filter->mapToSource(current).row());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PreflightView::updateCounts);
    connect(m_content, &AssetContentLoader::imageReady, this,
            [this](const QString& assetId, const QImage& image) {
                if (assetId != m_assetId)
                    return;
                m_preview->showImage(image, AssetPreview::layersFor(m_layers, m_interface));
                Q_EMIT previewShown(assetId);
            });
    connect(m_content, &AssetContentLoader::textReady, this,
            [this](const QString& assetId, const QString& text) {
                if (assetId != m_assetId)
                    return;
                m_preview->showText(text, AssetPreview::layersFor(m_layers, m_interface));
                Q_EMIT previewShown(assetId);
            });
    connect(m_content, &AssetContentLoader::failed, this,
            [this](const QString& assetId, const QString& message) {
                if (assetId == m_assetId)
                    m_preview->showMessage(message);
            });
}

void PreflightView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // Side by side the table needs ~420 px and the preview ~260 px to be readable.
    const Qt::Orientation wanted = width() < 720 ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() != wanted) {
        m_splitter->setOrientation(wanted);
        m_preview->setMinimumWidth(wanted == Qt::Horizontal ? 220 : 0);
        m_preview->setMinimumHeight(wanted == Qt::Vertical ? 120 : 0);
        // The table first: it is what a person reads; the preview shows the chosen row.
        const int length = wanted == Qt::Vertical ? height() : width();
        m_splitter->setSizes({length * 3 / 5, length * 2 / 5});
    }
}

PreflightView::~PreflightView() = default;

void PreflightView::setContext(const QString& projectId, const Interface& interface,
                               bool textAssets, const QString& modelName,
                               const LabelType& labelType) {
    m_textAssets = textAssets;
    m_projectId = projectId;
    m_interface = interface;
    m_modelName = modelName;
    m_labelType = labelType;
}

void PreflightView::updateCounts() {
    const QVariant current = m_status->currentData();
    const QSignalBlocker blocker(m_status);
    m_status->clear();
    m_status->addItem(QStringLiteral("All (%1)").arg(m_model->rowCount()));
    for (PreflightRow::Status status : PreflightModel::statuses()) {
        m_status->addItem(QStringLiteral("%1 (%2)")
                              .arg(PreflightModel::statusText(status))
                              .arg(m_model->count(status)),
                          int(status));
    }
    m_status->setCurrentIndex(current.isValid() ? qMax(0, m_status->findData(current)) : 0);
}

void PreflightView::showRow(int sourceRow) {
    const PreflightRow& row = m_model->row(sourceRow);
    m_detail->setText(row.problem.isEmpty()
                          ? QStringLiteral("%1 %2: ready to send.").arg(row.externalId, row.source)
                          : row.problem);
    m_assetId = row.assetId;
    if (row.assetId.isEmpty()) {
        m_preview->showMessage(
            row.status == PreflightRow::Status::UnknownAsset
                ? QStringLiteral("This prediction names no asset of the project, so there is "
                                 "nothing to show.")
                : QStringLiteral("This prediction is invalid (the problem is above), so it is "
                                 "not drawn and will not be sent."));
        return;
    }
    m_layers.clear();
    if (!row.jsonResponse.isEmpty()) {
        Label prediction;
        prediction.labelType = m_labelType;
        prediction.modelName = m_modelName + QStringLiteral(" (to import)");
        prediction.jsonResponse = QJsonDocument::fromJson(row.jsonResponse).object();
        prediction.assetId = row.assetId;
        m_layers << prediction;
    }
    m_preview->showMessage(QStringLiteral("Loading %1…").arg(row.externalId));
    QPointer<PreflightView> self(this);
    const QString assetId = row.assetId;
    m_backend.fetchAssets(
        m_projectId, {}, {assetId},
        [self, assetId](QList<Asset> assets, std::optional<predictions::BackendFailure> failure) {
            if (!self || self->m_assetId != assetId)
                return;
            if (failure || assets.isEmpty()) {
                self->m_preview->showMessage(failure ? failure->message
                                                     : QStringLiteral("The asset was not found."));
                return;
            }
            self->onAsset(assets.first());
        });
}

void PreflightView::onAsset(const Asset& asset) {
    // Existing labels under the prediction, so that it reads over what is already there.
    QList<Label> layers = asset.labels;
    layers << m_layers;
    m_layers = layers;
    m_content->load(asset.id, asset.content,
                    m_textAssets ? AssetContentLoader::Kind::Text
                                 : AssetContentLoader::Kind::Image);
}

} // namespace kili::ui
