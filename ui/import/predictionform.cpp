#include "ui/import/predictionform.h"

#include "domain/label.h"
#include "predictions/importsettingsstore.h"
#include "predictions/kiliapibackend.h"
#include "ui/assetcontentloader.h"
#include "ui/assetpreview.h"
#include "ui/import/drawingcanvas.h"
#include "ui/import/jobeditors.h"
#include "ui/import/predictionsender.h"
#include "ui/import/responsecheck.h"
#include "ui/jsonhighlighter.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace kili::ui {

using predictions::ImportSettingsStore;

PredictionForm::PredictionForm(api::Connection* connection, QWidget* parent)
    : QWidget(parent)
    , m_backend(std::make_unique<predictions::KiliApiBackend>(connection))
    , m_sender(new PredictionSender(*m_backend, this))
    , m_target(new QLabel(this))
    , m_jobs(new QWidget(this))
    , m_jobsLayout(new QVBoxLayout(m_jobs))
    , m_json(new QPlainTextEdit(this))
    , m_problemsLabel(new QLabel(this))
    , m_modelName(new QLineEdit(this))
    , m_submit(new QPushButton(QStringLiteral("&Submit prediction"), this))
    , m_result(new QLabel(this))
    , m_content(new AssetContentLoader(connection, this)) {
    setObjectName(QStringLiteral("predictionForm"));
    m_target->setWordWrap(true);
    m_json->setObjectName(QStringLiteral("predictionJson"));
    m_json->setReadOnly(true);
    m_json->setAccessibleName(QStringLiteral("jsonResponse preview"));
    m_json->setFont(QFont(QStringLiteral("monospace")));
    new JsonHighlighter(m_json->document());
    m_problemsLabel->setObjectName(QStringLiteral("predictionProblems"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelName->setObjectName(QStringLiteral("predictionModelName"));
    m_modelName->setPlaceholderText(QStringLiteral("required, e.g. manual-v1"));
    m_submit->setObjectName(QStringLiteral("submitPrediction"));
    m_result->setWordWrap(true);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_jobs);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildDrawing());
    splitter->addWidget(scroll);
    splitter->addWidget(m_json);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);
    auto* submitRow = new QFormLayout;
    submitRow->addRow(QStringLiteral("&Model name:"), m_modelName);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problemsLabel);
    layout->addLayout(submitRow);
    layout->addWidget(m_submit, 0, Qt::AlignRight);
    layout->addWidget(m_result);

    connect(m_modelName, &QLineEdit::textChanged, this, &PredictionForm::updateSubmit);
    connect(m_submit, &QPushButton::clicked, this, &PredictionForm::submit);
    connect(m_sender, &PredictionSender::finished, this, [this](bool success) {
        QString message = success ? QStringLiteral("Created %1 prediction(s) of model \"%2\".")
                                        .arg(m_sender->createdLabelIds().size())
                                        .arg(m_modelName->text().trimmed())
                                  : QStringLiteral("Not every prediction was created: %1")
                                        .arg(m_sender->errors().join(QStringLiteral("; ")));
        if (m_sender->alreadyPresentCount() > 0)
            message += QStringLiteral(" %1 asset(s) already had this prediction: not sent again.")
                           .arg(m_sender->alreadyPresentCount());
        m_result->setText(message);
        updateSubmit();
        Q_EMIT submitted(success, message);
    });
    setAssets({});
}

PredictionForm::~PredictionForm() = default;

QWidget* PredictionForm::buildDrawing() {
    m_drawBox = new QWidget(this);
    m_drawBox->setObjectName(QStringLiteral("predictionDrawing"));
    m_drawJob = new QComboBox(m_drawBox);
    m_drawJob->setObjectName(QStringLiteral("drawJob"));
    m_drawJob->setAccessibleName(QStringLiteral("Job the drawn shapes go to"));
    m_drawTool = new QComboBox(m_drawBox);
    m_drawTool->setObjectName(QStringLiteral("drawTool"));
    m_drawTool->setAccessibleName(QStringLiteral("Drawing tool"));
    m_drawCategory = new QComboBox(m_drawBox);
    m_drawCategory->setObjectName(QStringLiteral("drawCategory"));
    m_drawCategory->setAccessibleName(QStringLiteral("Category of the drawn shapes"));
    m_canvas = new DrawingCanvas(m_drawBox);
    m_canvas->setMinimumHeight(200);
    auto* hint = new QLabel(QStringLiteral("Rectangle: drag. Polygon, polyline: click each "
                                           "vertex, double-click or Enter to finish, Esc to "
                                           "cancel. Point: click. Each shape becomes a row "
                                           "below, where its coordinates can be corrected."),
                            m_drawBox);
    hint->setWordWrap(true);
    auto* tools = new QHBoxLayout;
    tools->addWidget(new QLabel(QStringLiteral("Draw:"), m_drawBox));
    tools->addWidget(m_drawJob, 1);
    tools->addWidget(m_drawTool);
    tools->addWidget(new QLabel(QStringLiteral("as"), m_drawBox));
    tools->addWidget(m_drawCategory, 1);
    auto* layout = new QVBoxLayout(m_drawBox);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(hint);
    layout->addWidget(m_canvas, 1);

    connect(m_drawJob, &QComboBox::currentIndexChanged, this, &PredictionForm::onDrawJobChanged);
    connect(m_drawTool, &QComboBox::currentIndexChanged, this,
            [this] { m_canvas->setTool(m_drawTool->currentText()); });
    connect(m_canvas, &DrawingCanvas::shapeDrawn, this, &PredictionForm::onShapeDrawn);
    connect(m_content, &AssetContentLoader::imageReady, this,
            [this](const QString& assetId, const QImage& image) {
                if (assetId == m_imageAssetId)
                    m_canvas->setImage(image);
            });
    connect(m_content, &AssetContentLoader::failed, this,
            [this](const QString& assetId, const QString& message) {
                if (assetId == m_imageAssetId)
                    m_canvas->setMessage(
                        QStringLiteral("The image could not be loaded (%1); type the "
                                       "coordinates in the rows below instead.")
                            .arg(message));
            });
    m_drawBox->hide();
    return m_drawBox;
}

void PredictionForm::updateDrawingJobs() {
    const QSignalBlocker blocker(m_drawJob);
    m_drawJob->clear();
    for (JobEditor* editor : std::as_const(m_editors)) {
        if (qobject_cast<ObjectDetectionEditor*>(editor)) {
            QStringList drawable;
            for (const QString& tool : editor->job().tools) {
                if (DrawingCanvas::canDraw(tool))
                    drawable << tool;
            }
            if (!drawable.isEmpty() || editor->job().tools.isEmpty())
                m_drawJob->addItem(editor->job().name, editor->job().name);
        }
    }
    m_drawBox->setVisible(m_drawJob->count() > 0 && m_project.inputType != QLatin1String("TEXT"));
    onDrawJobChanged();
}

void PredictionForm::onDrawJobChanged() {
    const QSignalBlocker toolBlocker(m_drawTool);
    m_drawTool->clear();
    m_drawCategory->clear();
    if (const Job* job = m_interface.job(m_drawJob->currentData().toString())) {
        for (const QString& tool : job->tools) {
            if (DrawingCanvas::canDraw(tool))
                m_drawTool->addItem(tool);
        }
        if (job->tools.isEmpty())
            m_drawTool->addItem(QStringLiteral("rectangle"));
        for (const Category& category : job->categories)
            m_drawCategory->addItem(category.name.isEmpty() ? category.key : category.name,
                                    category.key);
    }
    m_canvas->setTool(m_drawTool->currentText());
}

void PredictionForm::onShapeDrawn(const QString& tool, const QList<QPointF>& points) {
    const QString job = m_drawJob->currentData().toString();
    auto* target = qobject_cast<ObjectDetectionEditor*>(editor(job));
    if (!target)
        return;
    const int index = target->addShape(tool, points);
    if (auto* category =
            target->findChild<QComboBox*>(job + QStringLiteral("/category/%1").arg(index))) {
        const int at = category->findData(m_drawCategory->currentData());
        if (at >= 0)
            category->setCurrentIndex(at);
    }
}

void PredictionForm::loadDrawingImage() {
    if (m_drawBox->isHidden())
        return;
    if (m_assets.isEmpty()) {
        m_imageAssetId.clear();
        m_content->cancel();
        m_canvas->setMessage(QStringLiteral("Select an asset in the tree to draw on its image."));
        return;
    }
    const Asset& first = m_assets.constFirst();
    if (first.id == m_imageAssetId && !m_canvas->image().isNull())
        return;
    m_imageAssetId = first.id;
    m_canvas->setMessage(QStringLiteral("Loading the image of %1…")
                             .arg(first.externalId.isEmpty() ? first.id : first.externalId));
    m_content->load(first.id, first.content, AssetContentLoader::Kind::Image);
}

void PredictionForm::setProject(const Project& project) {
    m_project = project;
    m_interface = project.interface();
    m_check = std::make_unique<ResponseCheck>(m_interface);
    m_modelName->setText(ImportSettingsStore(project.id).modelName());
    m_assets.clear();
    rebuild();
    setAssets({});
}

void PredictionForm::rebuild() {
    qDeleteAll(m_editors);
    m_editors.clear();
    while (QLayoutItem* item = m_jobsLayout->takeAt(0))
        delete item;
    for (const QString& name : m_interface.rootJobNames()) {
        const Job* job = m_interface.job(name);
        JobEditor* editor = JobEditor::create(m_interface, *job, m_jobs);
        m_jobsLayout->addWidget(editor);
        m_editors << editor;
        connect(editor, &JobEditor::changed, this, &PredictionForm::updatePreview);
    }
    m_jobsLayout->addStretch();
    updateDrawingJobs();
    updatePreview();
}

namespace {

QStringList idsOf(const QList<Asset>& assets) {
    QStringList ids;
    for (const Asset& asset : assets)
        ids << asset.id;
    return ids;
}

QString nameOf(const Asset& asset) {
    return asset.externalId.isEmpty() ? asset.id : asset.externalId;
}

} // namespace

void PredictionForm::setAssets(const QList<Asset>& assets) {
    // Shapes and entity spans were placed on the assets selected when they were drawn: on other
    // assets they would land on the wrong image or text, so they go (classifications stay).
    bool cleared = false;
    if (idsOf(assets) != idsOf(m_assets) && !m_assets.isEmpty()) {
        for (AnnotationListEditor* editor : findChildren<AnnotationListEditor*>())
            cleared = editor->clearRows() || cleared;
    }
    const QString previous = m_assets.isEmpty() ? QString() : nameOf(m_assets.constFirst());
    m_assets = assets;
    QStringList names;
    for (const Asset& asset : assets)
        names << nameOf(asset);
    if (names.size() > 5)
        names = names.mid(0, 5) << QStringLiteral("… (%1 in all)").arg(assets.size());
    m_target->setText(assets.isEmpty()
                          ? QStringLiteral("Select one or more assets in the tree: the "
                                           "prediction is created on each of them.")
                          : QStringLiteral("For %1 asset(s): %2")
                                .arg(assets.size())
                                .arg(names.join(QStringLiteral(", "))));
    m_result->setText(cleared ? QStringLiteral("The shapes and spans given for %1 were cleared: "
                                               "they belong to the asset they were drawn on.")
                                    .arg(previous)
                              : QString());
    loadDrawingImage();
    updateSubmit();
}

JobEditor* PredictionForm::editor(const QString& job) const {
    return findChild<JobEditor*>(QStringLiteral("job:") + job);
}

QJsonObject PredictionForm::response() const {
    QJsonObject response;
    for (const JobEditor* editor : m_editors) {
        const QJsonObject answer = editor->response();
        if (!answer.isEmpty())
            response.insert(editor->job().name, answer);
    }
    return response;
}

void PredictionForm::updatePreview() {
    const QJsonObject current = response();
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(current).toJson(QJsonDocument::Indented)));
    m_problems = m_check ? m_check->check(current) : QList<predictions::Problem>();
    // What the form holds is drawn over the image, as the preview draws a prediction.
    Label drawn;
    drawn.labelType = LabelType(LabelType::Prediction);
    drawn.jsonResponse = current;
    m_canvas->setLayers(current.isEmpty() ? QList<PreviewLayer>()
                                          : AssetPreview::layersFor({drawn}, m_interface));
    QStringList lines;
    for (const predictions::Problem& problem : std::as_const(m_problems)) {
        QString line = problem.job.isEmpty() ? problem.message
                                             : problem.job + QLatin1String(": ") + problem.message;
        if (!problem.source.pointer.isEmpty())
            line += QLatin1String(" (at ") + problem.source.pointer + QLatin1Char(')');
        lines << line;
    }
    if (current.isEmpty())
        m_problemsLabel->setText(QStringLiteral("Answer at least one job."));
    else
        m_problemsLabel->setText(lines.isEmpty()
                                     ? QStringLiteral("✔ The checks find nothing wrong.")
                                     : QStringLiteral("✘ ") + lines.join(QStringLiteral("\n✘ ")));
    updateSubmit();
}

void PredictionForm::updateSubmit() {
    bool errors = false;
    for (const predictions::Problem& problem : std::as_const(m_problems))
        errors = errors || problem.isError();
    const bool ready = !m_assets.isEmpty() && !m_modelName->text().trimmed().isEmpty()
                       && !response().isEmpty() && !errors && !m_sender->isRunning();
    m_submit->setEnabled(ready);
    m_submit->setText(m_assets.size() > 1
                          ? QStringLiteral("&Submit to %1 assets").arg(m_assets.size())
                          : QStringLiteral("&Submit prediction"));
}

bool PredictionForm::submit() {
    updatePreview();
    if (!m_submit->isEnabled())
        return false;
    const QString model = m_modelName->text().trimmed();
    ImportSettingsStore(m_project.id).setModelName(model);
    QList<OutgoingPrediction> outgoing;
    const QJsonObject current = response();
    for (const Asset& asset : std::as_const(m_assets))
        outgoing.append({asset.id, current});
    m_result->setText(QStringLiteral("Sending…"));
    const bool started =
        m_sender->send(m_project.id, model, LabelType(LabelType::Prediction), outgoing);
    updateSubmit();
    return started;
}

QStringList PredictionForm::createdLabelIds() const {
    return m_sender->createdLabelIds();
}

} // namespace kili::ui
