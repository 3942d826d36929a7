#include "ui/import/importpanel.h"

#include "predictions/importjournal.h"
#include "predictions/importrollback.h"
#include "predictions/importsettingsstore.h"
#include "predictions/kiliapibackend.h"
#include "predictions/predictionformat.h"
#include "ui/import/categorymappingmodel.h"
#include "ui/import/confidencehistogram.h"
#include "ui/import/importhistoryview.h"
#include "ui/import/preflightmodel.h"
#include "ui/import/preflightview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace kili::ui {

using predictions::ImportSettingsStore;

using predictions::PredictionImport;

namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString durationText(double seconds) {
    if (seconds < 90)
        return QStringLiteral("%1 s").arg(qMax(1, qRound(seconds)));
    if (seconds < 5400)
        return QStringLiteral("%1 min").arg(qRound(seconds / 60));
    return QStringLiteral("%1 h").arg(seconds / 3600, 0, 'f', 1);
}

} // namespace

QString uploadProgressText(const predictions::UploadProgress& progress) {
    QString text = QStringLiteral("%1 of %2 predictions").arg(progress.done).arg(progress.total);
    if (progress.itemsPerSecond > 0)
        text += QStringLiteral(" · %1/s").arg(progress.itemsPerSecond, 0, 'f', 1);
    if (progress.etaSeconds >= 0 && progress.done < progress.total)
        text += QStringLiteral(" · about %1 left").arg(durationText(progress.etaSeconds));
    return text;
}

QByteArray reportCsv(const predictions::ImportReport& report) {
    QStringList lines{QStringLiteral("kind,externalId,file,line,job,message,labelId")};
    for (const QString& id : report.labelIds)
        lines << QStringLiteral("created,,,,,,") + csvField(id);
    for (const QJsonValue& value : report.invalid) {
        const QJsonObject problem = value.toObject();
        const QJsonValue line = problem.value(QLatin1String("line"));
        lines << QStringList{QStringLiteral("invalid"),
                             csvField(problem.value(QLatin1String("externalId")).toString()),
                             csvField(problem.value(QLatin1String("file")).toString()),
                             line.isDouble() ? QString::number(line.toInteger()) : QString(),
                             csvField(problem.value(QLatin1String("job")).toString()),
                             csvField(problem.value(QLatin1String("message")).toString()),
                             QString()}
                     .join(QLatin1Char(','));
    }
    for (const QString& id : report.unknownIds)
        lines << QStringLiteral("unknown asset,") + csvField(id) + QStringLiteral(",,,,,");
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

ImportPanel::ImportPanel(api::Connection* connection, QWidget* parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_backend(std::make_unique<predictions::KiliApiBackend>(connection)) {
    setObjectName(QStringLiteral("importPanel"));
    setAcceptDrops(true);

    m_resumeBar = new QFrame(this);
    m_resumeBar->setFrameShape(QFrame::StyledPanel);
    m_resumeText = new QLabel(m_resumeBar);
    m_resumeText->setWordWrap(true);
    m_resume = new QPushButton(QStringLiteral("&Resume"), m_resumeBar);
    m_resume->setObjectName(QStringLiteral("resumeImport"));
    auto* dismiss = new QPushButton(QStringLiteral("Not now"), m_resumeBar);
    auto* resumeLayout = new QHBoxLayout(m_resumeBar);
    resumeLayout->addWidget(m_resumeText, 1);
    resumeLayout->addWidget(m_resume);
    resumeLayout->addWidget(dismiss);
    m_resumeBar->hide();
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (!m_resumable.isEmpty())
            resume(m_resumable.first());
    });
    connect(dismiss, &QPushButton::clicked, m_resumeBar, &QWidget::hide);

    m_preflight = new PreflightView(*m_backend, connection, this);
    m_histogram = new ConfidenceHistogramView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("importTabs"));
    m_tabs->addTab(m_preflight, QStringLiteral("&Pre-flight"));
    m_tabs->addTab(m_histogram, QStringLiteral("C&onfidence"));
    m_tabs->addTab(buildMapping(), QStringLiteral("Category &mapping"));
    m_history = new ImportHistoryView(this);
    m_tabs->addTab(m_history, QStringLiteral("&History"));
    connect(m_history, &ImportHistoryView::resumeRequested, this, &ImportPanel::resume);
    connect(m_history, &ImportHistoryView::rollbackRequested, this, &ImportPanel::rollBack);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_status->setFrameShape(QFrame::StyledPanel);
    m_status->setMargin(6);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    // Files and settings above, what the check found below; the splitter lets a person give
    // the table more room, and never squeezes the settings below their size.
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_resumeBar);
    topLayout->addWidget(buildInputs());
    topLayout->addWidget(m_status);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("importSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    m_tabs->setMinimumHeight(340);

    // The files, settings and plan scroll when the dock is short (a 768-pixel screen); the
    // progress and the Upload, Cancel and Undo buttons below them stay in sight.
    auto* body = new QWidget;
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(splitter);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("importScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buildProgress());

    connect(m_histogram, &ConfidenceHistogramView::minimumConfidenceChanged, this, [this] {
        // The plan on show was made with the old minimum: say what makes the new one count.
        static const QString kRecheck =
            QStringLiteral("\nThe minimum confidence changed: check again to apply it.");
        if (m_import && m_import->stage() == PredictionImport::Stage::Planned
            && !m_status->text().endsWith(kRecheck))
            setStatus(m_status->text() + kRecheck);
        updateButtons();
    });
    setStatus(QStringLiteral("Drop prediction files or folders here, or add them with the "
                             "buttons above."));
    updateButtons();
}

ImportPanel::~ImportPanel() {
    // The import and rollback talk to the backend: they go first.
    m_import.reset();
    m_rollback.reset();
}

QWidget* ImportPanel::buildInputs() {
    auto* box = new QWidget(this);
    m_files = new QTreeWidget(box);
    m_files->setObjectName(QStringLiteral("importFiles"));
    m_files->setHeaderLabels({QStringLiteral("File"), QStringLiteral("Format")});
    m_files->setRootIsDecorated(false);
    m_files->setMaximumHeight(120);
    m_files->setAccessibleName(QStringLiteral("Files to import"));
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* addFiles = new QPushButton(QStringLiteral("Add &files…"), box);
    auto* addFolder = new QPushButton(QStringLiteral("Add fol&der…"), box);
    auto* clear = new QPushButton(QStringLiteral("C&lear"), box);
    connect(addFiles, &QPushButton::clicked, this, [this] {
        addInputs(QFileDialog::getOpenFileNames(this, QStringLiteral("Prediction files"), {},
                                                QStringLiteral("Predictions (*.json *.jsonl "
                                                               "*.ndjson *.txt *.yaml *.yml "
                                                               "*.names);;All files (*)")));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, QStringLiteral("Folder of predictions"));
        if (!folder.isEmpty())
            addInputs({folder});
    });
    connect(clear, &QPushButton::clicked, this, &ImportPanel::clearInputs);
    auto* fileButtons = new QVBoxLayout;
    fileButtons->addWidget(addFiles);
    fileButtons->addWidget(addFolder);
    fileButtons->addWidget(clear);
    fileButtons->addStretch();
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_files, 1);
    fileRow->addLayout(fileButtons);

    m_modelName = new QLineEdit(box);
    m_modelName->setObjectName(QStringLiteral("importModelName"));
    m_modelName->setPlaceholderText(QStringLiteral("required, e.g. yolo-v8-run3"));
    m_labelType = new QComboBox(box);
    m_labelType->setObjectName(QStringLiteral("importLabelType"));
    m_labelType->addItem(QStringLiteral("PREDICTION — pre-annotations labelers start from"),
                         QStringLiteral("PREDICTION"));
    m_labelType->addItem(QStringLiteral("INFERENCE — model output kept for comparison"),
                         QStringLiteral("INFERENCE"));
    m_overwrite = new QCheckBox(QStringLiteral("&Overwrite earlier labels of this model"), box);
    m_overwrite->setObjectName(QStringLiteral("importOverwrite"));
    m_overwriteText = new QLabel(box);
    m_overwriteText->setWordWrap(true);
    // Two lines always: a word-wrapped label's minimum is one line, and the form layout gave it
    // that, drawing the second over the checkbox above.
    m_overwriteText->setMinimumHeight(2 * m_overwriteText->fontMetrics().lineSpacing() + 2);
    m_scaleConfidence =
        new QCheckBox(QStringLiteral("&Scale 0–1 confidences to Kili's 0–100"), box);
    m_scaleConfidence->setObjectName(QStringLiteral("importScaleConfidence"));
    m_scaleConfidence->setToolTip(QStringLiteral(
        "For models that write probabilities: 0.87 becomes 87. Without it, a fractional "
        "confidence is a problem (Kili would store 0.87 as 1 %)."));
    m_targetJob = new QComboBox(box);
    m_targetJob->setObjectName(QStringLiteral("importTargetJob"));
    m_check = new QPushButton(QStringLiteral("&Check predictions"), box);
    m_check->setObjectName(QStringLiteral("checkPredictions"));
    m_check->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("&Model name:"), m_modelName);
    form->addRow(QStringLiteral("Label &type:"), m_labelType);
    form->addRow(m_overwrite);
    form->addRow(m_overwriteText);
    form->addRow(m_scaleConfidence);
    form->addRow(QStringLiteral("Tar&get job (YOLO, COCO, VOC):"), m_targetJob);
    m_targetJobLabel = qobject_cast<QLabel*>(form->labelForField(m_targetJob));

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fileRow);
    layout->addLayout(form);
    layout->addWidget(m_check, 0, Qt::AlignRight);

    connect(m_modelName, &QLineEdit::textChanged, this, [this] {
        updateOverwriteText();
        updateButtons();
    });
    connect(m_modelName, &QLineEdit::returnPressed, this, &ImportPanel::check);
    connect(m_labelType, &QComboBox::currentIndexChanged, this, &ImportPanel::updateOverwriteText);
    connect(m_overwrite, &QCheckBox::toggled, this, &ImportPanel::updateOverwriteText);
    connect(m_check, &QPushButton::clicked, this, &ImportPanel::check);
    updateOverwriteText();
    return box;
}

QWidget* ImportPanel::buildMapping() {
    auto* page = new QWidget(this);
    m_mapping = new CategoryMappingModel(this);
    m_mappingTable = new QTableView(page);
    m_mappingTable->setObjectName(QStringLiteral("categoryMapping"));
    m_mappingTable->setModel(m_mapping);
    m_mappingTable->setItemDelegateForColumn(CategoryMappingModel::CategoryColumn,
                                             new CategoryKeyDelegate(m_mappingTable));
    m_mappingTable->horizontalHeader()->setStretchLastSection(true);
    m_mappingTable->verticalHeader()->hide();
    auto* hint = new QLabel(QStringLiteral("Names in the files that are not category keys of the "
                                           "interface. Map each to a category (F2 edits), then "
                                           "check again. The mapping is kept for this project."),
                            page);
    hint->setWordWrap(true);
    auto* apply = new QPushButton(QStringLiteral("&Save mapping and check again"), page);
    apply->setObjectName(QStringLiteral("saveMappingAndCheck"));
    connect(apply, &QPushButton::clicked, this, [this] {
        saveMapping();
        check();
    });
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(hint);
    layout->addWidget(m_mappingTable, 1);
    layout->addWidget(apply, 0, Qt::AlignRight);
    return page;
}

QWidget* ImportPanel::buildProgress() {
    auto* box = new QWidget(this);
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setTextVisible(true);
    m_progressText = new QLabel(box);
    m_progressText->setObjectName(QStringLiteral("importProgressText"));
    m_upload = new QPushButton(QStringLiteral("&Upload"), box);
    m_upload->setObjectName(QStringLiteral("uploadPredictions"));
    m_cancel = new QPushButton(QStringLiteral("Cancel"), box);
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_export = new QPushButton(QStringLiteral("E&xport report…"), box);
    m_undo = new QPushButton(QStringLiteral("U&ndo import"), box);
    m_undo->setObjectName(QStringLiteral("undoImport"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progressText, 1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_upload);
    m_createdLink = new QLabel(box);
    m_createdLink->setObjectName(QStringLiteral("importCreatedLink"));
    m_createdLink->setTextFormat(Qt::RichText);
    m_createdLink->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                           | Qt::LinksAccessibleByKeyboard);
    m_createdLink->setToolTip(QStringLiteral("Filters the asset tree to the labels of this model "
                                             "and selects the ones this import created"));
    m_createdLink->hide();
    connect(m_createdLink, &QLabel::linkActivated, this, &ImportPanel::showCreated);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_createdLink);
    layout->addLayout(buttons);
    connect(m_upload, &QPushButton::clicked, this, &ImportPanel::upload);
    connect(m_cancel, &QPushButton::clicked, this, &ImportPanel::cancel);
    connect(m_undo, &QPushButton::clicked, this, &ImportPanel::undo);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, QStringLiteral("Export import report"),
                                         QStringLiteral("import-%1.json").arg(m_lastImportId),
                                         QStringLiteral("JSON (*.json);;CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportReport(path, &error))
            setStatus(error);
    });
    return box;
}

void ImportPanel::setProject(const Project& project) {
    if (isBusy())
        cancel();
    m_project = project;
    m_interface = project.interface();
    ImportSettingsStore store(project.id);
    m_modelName->setText(store.modelName());
    m_labelType->setCurrentIndex(qMax(0, m_labelType->findData(store.labelType())));
    m_mapping->setInterface(m_interface);
    m_mapping->setProblems({}, store.categoryMapping());
    m_targetJob->clear();
    for (const Job& job : m_interface.jobs()) {
        if (job.mlTask == QLatin1String("OBJECT_DETECTION") && !job.isChild)
            m_targetJob->addItem(job.name);
    }
    clearResults();
    m_report = {};
    m_lastImportId.clear();
    refreshResumeOffer();
    updateFileList();
    updateButtons();
}

void ImportPanel::addInputs(const QStringList& paths) {
    if (isBusy())
        return; // the files of a running import stay what they are
    const qsizetype before = m_inputs.size();
    for (const QString& path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (!path.isEmpty() && !m_inputs.contains(absolute))
            m_inputs << absolute;
    }
    if (m_inputs.size() != before)
        forgetPlan();
    updateFileList();
    updateButtons();
}

void ImportPanel::addInputsAndCheck(const QStringList& paths) {
    addInputs(paths);
    if (isBusy() || m_inputs.isEmpty())
        return;
    if (m_modelName->text().trimmed().isEmpty()) {
        setStatus(QStringLiteral("Which model made these predictions? Enter its name, then "
                                 "press Enter to check them."));
        m_modelName->setFocus(Qt::OtherFocusReason);
        return;
    }
    check();
}

void ImportPanel::clearInputs() {
    if (isBusy())
        return;
    m_inputs.clear();
    forgetPlan();
    updateFileList();
    updateButtons();
}

void ImportPanel::forgetPlan() {
    if (m_import && m_import->stage() == PredictionImport::Stage::Planned)
        m_import.reset();
    clearResults();
    m_histogram->setValues({});
    setStatus(QString());
}

void ImportPanel::clearResults() {
    m_preflight->model()->clear();
    m_progress->reset();
    m_progressText->clear();
    m_createdLink->hide();
}

QStringList ImportPanel::localPaths(const QMimeData* mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}

void ImportPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImportPanel::dropEvent(QDropEvent* event) {
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addInputsAndCheck(paths);
}

void ImportPanel::updateFileList() {
    m_files->clear();
    const predictions::InputFiles inputs = predictions::collectInputs(m_inputs);
    bool shapes = false;
    for (const QString& file : inputs.files) {
        const predictions::PredictionFormat format = predictions::detectFormat(file);
        QString formatText;
        if (file == inputs.classesFile || predictions::looksLikeYoloClassesFile(file))
            formatText = QStringLiteral("YOLO classes");
        else if (format == predictions::PredictionFormat::Auto)
            formatText = QStringLiteral("not a prediction file (skipped)");
        else if (predictions::isYolo(format))
            formatText = QStringLiteral("YOLO labels");
        else if (predictions::isCocoResultsList(file))
            formatText = QStringLiteral("COCO results");
        else
            formatText = predictions::formatName(format);
        // the formats that describe shapes go into the object-detection job chosen here
        shapes = shapes || predictions::isYolo(format)
                 || format == predictions::PredictionFormat::Coco
                 || format == predictions::PredictionFormat::Voc;
        auto* item = new QTreeWidgetItem(m_files, {QFileInfo(file).fileName(), formatText});
        item->setToolTip(0, file);
    }
    for (const QString& error : inputs.errors)
        new QTreeWidgetItem(m_files, {error, QStringLiteral("not found")});
    m_targetJob->setVisible(shapes);
    if (m_targetJobLabel)
        m_targetJobLabel->setVisible(shapes);
}

QString ImportPanel::cocoDatasetForInputs() {
    const predictions::InputFiles inputs = predictions::collectInputs(m_inputs);
    const bool needed =
        std::any_of(inputs.files.cbegin(), inputs.files.cend(),
                    [](const QString& file) { return predictions::isCocoResultsList(file); });
    if (!needed)
        return {};
    ImportSettingsStore store(m_project.id);
    QString dataset = store.cocoDataset();
    if (!dataset.isEmpty() && QFileInfo::exists(dataset))
        return dataset;
    dataset =
        m_chooseCocoDataset
            ? m_chooseCocoDataset(this)
            : QFileDialog::getOpenFileName(this, QStringLiteral("COCO dataset of the results list"),
                                           {}, QStringLiteral("COCO dataset (*.json)"));
    // Declined: the check goes on, and the table says what the results list lacks.
    if (!dataset.isEmpty())
        store.setCocoDataset(dataset);
    return dataset;
}

void ImportPanel::updateOverwriteText() {
    const QString type = m_labelType->currentData().toString();
    const QString model = m_modelName->text().trimmed().isEmpty()
                              ? QStringLiteral("this model")
                              : QStringLiteral("model \"%1\"").arg(m_modelName->text().trimmed());
    m_overwriteText->setText(
        m_overwrite->isChecked()
            ? QStringLiteral(
                  "Earlier %1 labels of %2 on these assets are replaced by the new ones.")
                  .arg(type, model)
            : QStringLiteral("New %1 labels are added beside any earlier ones of %2; nothing is "
                             "replaced.")
                  .arg(type, model));
}

bool ImportPanel::isBusy() const {
    return (m_import && m_import->stage() != PredictionImport::Stage::Done
            && m_import->stage() != PredictionImport::Stage::Planned)
           || m_rollback;
}

void ImportPanel::updateButtons() {
    const bool busy = isBusy();
    const bool hasModel = !m_modelName->text().trimmed().isEmpty();
    const bool planned = m_import && m_import->stage() == PredictionImport::Stage::Planned;
    m_check->setEnabled(!busy && !m_inputs.isEmpty() && hasModel && !m_project.id.isEmpty());
    m_check->setToolTip(hasModel ? QString()
                                 : QStringLiteral("Enter a model name first: Kili needs one "
                                                  "for PREDICTION labels."));
    const int ready = m_preflight->model()->count(PreflightRow::Status::Ready)
                      + m_preflight->model()->count(PreflightRow::Status::WillOverwrite);
    m_upload->setEnabled(planned && ready > 0);
    m_upload->setText(ready > 0 ? QStringLiteral("&Upload %1 prediction%2")
                                      .arg(ready)
                                      .arg(ready == 1 ? QString() : QStringLiteral("s"))
                                : QStringLiteral("&Upload"));
    m_cancel->setEnabled(busy || planned);
    m_export->setEnabled(!busy && !m_report.importId.isEmpty());
    m_undo->setEnabled(!busy && !m_lastImportId.isEmpty() && !m_report.labelIds.isEmpty());
    m_modelName->setEnabled(!busy);
    m_labelType->setEnabled(!busy);
    m_overwrite->setEnabled(!busy);
    m_scaleConfidence->setEnabled(!busy);
    if (m_history)
        m_history->setBusy(busy);
}

void ImportPanel::setStatus(const QString& text) {
    m_status->setText(text);
}

QString ImportPanel::statusText() const {
    return m_status->text();
}

void ImportPanel::refreshResumeOffer() {
    m_resumable.clear();
    QString text;
    QList<predictions::JournalSummary> ofThisProject;
    for (const predictions::JournalSummary& summary : predictions::ImportJournal::list()) {
        // Another server may have a project of the same id: only this server's imports.
        if (summary.projectId != m_project.id || summary.server != m_backend->serverName())
            continue;
        ofThisProject << summary;
        // "planned" too: a run cancelled before its first answer left only its plan and doubts.
        if (summary.state == QLatin1String("complete")
            || summary.state == QLatin1String("rolled back"))
            continue;
        if (m_import && summary.importId == m_import->importId() && isBusy())
            continue;
        m_resumable << summary.importId;
        if (text.isEmpty())
            text = QStringLiteral("An import of model \"%1\" (%2) stopped after %3 of %4 "
                                  "predictions. Resume it: nothing already sent is sent twice.")
                       .arg(summary.modelName, QLocale().toString(summary.createdAt.toLocalTime(),
                                                                  QLocale::ShortFormat))
                       .arg(summary.created)
                       .arg(summary.items);
    }
    if (m_resumable.size() > 1)
        text += QStringLiteral(" (%1 more interrupted imports)").arg(m_resumable.size() - 1);
    m_resumeText->setText(text);
    m_resumeBar->setVisible(!m_resumable.isEmpty());
    m_history->setImports(ofThisProject);
}

std::unique_ptr<PredictionImport> ImportPanel::newImport() {
    auto import = std::make_unique<PredictionImport>(*m_backend);
    connect(import.get(), &PredictionImport::stageChanged, this, &ImportPanel::onStage);
    connect(import.get(), &PredictionImport::readProgress, this, [this](qint64 read) {
        setStatus(QStringLiteral("Reading and checking… %1 predictions so far.").arg(read));
    });
    connect(import.get(), &PredictionImport::matchProgress, this, [this](int done, int total) {
        setStatus(QStringLiteral("Looking up assets… %1 of %2 ids.").arg(done).arg(total));
    });
    connect(import.get(), &PredictionImport::planReady, this, &ImportPanel::onPlanReady);
    connect(import.get(), &PredictionImport::uploadProgress, this,
            [this](const predictions::UploadProgress& progress) {
                m_progress->setMaximum(int(qMax<qint64>(1, progress.total)));
                m_progress->setValue(int(progress.done));
                m_progressText->setText(uploadProgressText(progress));
            });
    connect(import.get(), &PredictionImport::finished, this, &ImportPanel::onFinished);
    return import;
}

void ImportPanel::check() {
    if (isBusy() || m_inputs.isEmpty() || m_project.id.isEmpty())
        return;
    const QString model = m_modelName->text().trimmed();
    if (model.isEmpty()) {
        setStatus(QStringLiteral("Enter a model name: Kili needs one for PREDICTION labels."));
        m_modelName->setFocus();
        return;
    }
    ImportSettingsStore store(m_project.id);
    store.setModelName(model);
    store.setLabelType(m_labelType->currentData().toString());

    predictions::ImportRequest request;
    request.settings.projectId = m_project.id;
    request.settings.modelName = model;
    request.settings.labelType = LabelType::fromString(m_labelType->currentData().toString());
    request.settings.overwrite = m_overwrite->isChecked();
    request.inputs = m_inputs;
    request.scan.targetJob = m_targetJob->currentText();
    request.scan.cocoDataset = cocoDatasetForInputs();
    request.scan.scaleConfidence = m_scaleConfidence->isChecked();
    request.confirmBeforeUpload = true;
    // Invalid items are shown in the table; the valid ones may still be sent.
    request.skipInvalid = true;
    // The mapping renames the file's classes before the checks; the minimum drops what is
    // below it (counted in the plan's summary).
    request.scan.categoryMap = store.categoryMapping();
    request.scan.minConfidence = m_histogram->minimumConfidence();

    m_preflight->setContext(m_project.id, m_interface, m_project.inputType == QLatin1String("TEXT"),
                            model, request.settings.labelType);
    clearResults();
    m_report = {};
    m_lastImportId.clear();
    m_uploading = false;
    m_import = newImport();
    m_import->start(request);
    updateButtons();
}

void ImportPanel::onStage(PredictionImport::Stage stage) {
    switch (stage) {
    case PredictionImport::Stage::ReadingInterface:
        setStatus(QStringLiteral("Reading the project's interface…"));
        break;
    case PredictionImport::Stage::Reading:
        setStatus(QStringLiteral("Reading and checking the files…"));
        break;
    case PredictionImport::Stage::Matching:
        setStatus(QStringLiteral("Looking up the assets…"));
        break;
    case PredictionImport::Stage::Verifying:
        setStatus(QStringLiteral("Checking on the server what an interrupted run already sent…"));
        break;
    case PredictionImport::Stage::Uploading:
        setStatus(QStringLiteral("Sending… the window stays usable; Cancel stops after the "
                                 "batches in flight."));
        break;
    default:
        break;
    }
    updateButtons();
}

void ImportPanel::onPlanReady() {
    const predictions::ImportPlan& plan = m_import->plan();
    m_preflight->model()->setPlan(plan);
    ConfidenceValues values;
    for (const predictions::PlannedItem& item : plan.toCreate)
        values.add(QJsonDocument::fromJson(item.jsonResponse).object());
    m_histogram->setValues(values);
    m_mapping->setProblems(plan.problems, ImportSettingsStore(m_project.id).categoryMapping());
    QString text = plan.summaryText().trimmed();
    const bool unknownNames = std::any_of(
        plan.problems.cbegin(), plan.problems.cend(), [](const predictions::Problem& problem) {
            return !CategoryMappingModel::unknownCategoryOf(problem).isEmpty();
        });
    if (unknownNames) // not the saved mapping's rows: names this file uses and no category has
        text += QStringLiteral("\nSome names are not categories of the interface: see "
                               "Category mapping.");
    if (plan.confidence.looksLikeProbabilities())
        text += QStringLiteral("\nThe confidences look like probabilities (0–1); Kili expects "
                               "0–100: tick \"Scale 0–1 confidences\" and check again.");
    setStatus(text);
    updateButtons();
    Q_EMIT checked();
}

void ImportPanel::upload() {
    if (!m_import || m_import->stage() != PredictionImport::Stage::Planned)
        return;
    m_uploading = true;
    m_cancelRequested = false;
    m_progress->setValue(0);
    m_import->confirmUpload();
    updateButtons();
}

void ImportPanel::cancel() {
    // Before the upload nothing was sent; during it the batches in flight end in the journal
    // (in doubt at worst) and the import can be resumed.
    if (m_import && m_import->stage() != PredictionImport::Stage::Done) {
        m_cancelRequested = true;
        m_import->cancel();
    }
}

void ImportPanel::resume(const QString& importId) {
    if (isBusy())
        return;
    m_resumeBar->hide();
    m_createdLink->hide();
    m_cancelRequested = false;
    m_uploading = true;
    m_report = {};
    m_lastImportId.clear();
    m_import = newImport();
    m_import->resume(importId);
    updateButtons();
}

void ImportPanel::onFinished() {
    const PredictionImport& import = *m_import;
    m_report = import.report();
    m_lastImportId = import.importId();
    m_lastModelName = import.settings().modelName;
    m_lastLabelType = import.settings().labelType;
    const bool sent = m_uploading;
    m_uploading = false;
    if (!import.errorString().isEmpty()) {
        setStatus(QStringLiteral("The import did not run: %1.").arg(import.errorString()));
        Q_EMIT failed(QStringLiteral("The import did not run: %1.").arg(import.errorString()),
                      m_lastImportId.isEmpty() ? Retry::CheckAgain : Retry::Resume);
    } else if (sent) {
        QString text =
            m_report.summaryText(QStringLiteral("Resume (above) finishes them")).trimmed();
        if (import.exitCode() == PredictionImport::BatchesFailed) {
            const QString notSent =
                QStringLiteral("%1 predictions were not sent (%2); Resume finishes the import "
                               "without sending anything twice.")
                    .arg(m_report.remaining)
                    .arg(m_report.errors.value(0, QStringLiteral("the upload was stopped")));
            text += QLatin1Char('\n') + notSent;
            if (!m_cancelRequested)
                Q_EMIT failed(notSent, Retry::Resume);
        }
        setStatus(text);
        if (m_report.planned > 0 || m_report.created > 0) {
            m_progress->setMaximum(qMax(1, m_report.planned));
            m_progress->setValue(m_report.created);
        }
        const qsizetype created = m_report.labelIds.size();
        if (created > 0) {
            m_createdLink->setText(
                QStringLiteral("<a href=\"#created\">%1 prediction%2 created "
                               "— show %3 in the tree</a>")
                    .arg(created)
                    .arg(created == 1 ? QString() : QStringLiteral("s"))
                    .arg(created == 1 ? QStringLiteral("it") : QStringLiteral("them")));
            m_createdLink->show();
        }
    } else {
        // The plan had nothing to send (everything present or invalid).
        m_report.importId.clear();
    }
    refreshResumeOffer();
    updateButtons();
    if (sent)
        Q_EMIT labelsChanged();
    Q_EMIT idle();
}

void ImportPanel::undo() {
    if (!m_lastImportId.isEmpty())
        rollBack(m_lastImportId);
}

void ImportPanel::rollBack(const QString& importId) {
    if (isBusy() || importId.isEmpty())
        return;
    QString error;
    m_undoJournal = predictions::ImportJournal::open(importId, &error);
    if (m_undoJournal)
        error = m_undoJournal->otherServerError(m_backend->serverName());
    if (!error.isEmpty()) {
        m_undoJournal.reset();
        setStatus(QStringLiteral("Cannot undo import %1: %2.").arg(importId, error));
        return;
    }
    // Undo (and its Retry) act on the import being rolled back.
    m_lastImportId = importId;
    m_rollback = std::make_unique<predictions::ImportRollback>(*m_undoJournal, *m_backend);
    connect(m_rollback.get(), &predictions::ImportRollback::progress, this,
            [this](int deleted, int total) {
                m_progress->setMaximum(qMax(1, total));
                m_progress->setValue(deleted);
                m_progressText->setText(
                    QStringLiteral("Deleting… %1 of %2 labels").arg(deleted).arg(total));
            });
    connect(m_rollback.get(), &predictions::ImportRollback::finished, this, [this](bool success) {
        const int deleted = m_rollback->deletedCount();
        setStatus(success ? QStringLiteral("Undone: the %1 labels this import created were "
                                           "deleted.")
                                .arg(deleted)
                          : QStringLiteral("Undo stopped after deleting %1 labels: %2. Try Undo "
                                           "again.")
                                .arg(deleted)
                                .arg(m_rollback->errors().join(QStringLiteral("; "))));
        if (!success)
            Q_EMIT failed(statusText(), Retry::Undo);
        m_rollback.release()->deleteLater();
        m_undoJournal.reset();
        if (success) {
            m_report.labelIds.clear();
            m_createdLink->hide();
        }
        refreshResumeOffer();
        updateButtons();
        Q_EMIT labelsChanged();
        Q_EMIT idle();
    });
    setStatus(QStringLiteral("Deleting the labels import %1 created…").arg(importId));
    m_rollback->start();
    updateButtons();
}

bool ImportPanel::exportReport(const QString& path, QString* error) const {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("Cannot write the report to %1: %2. Choose another place.")
                         .arg(path, file.errorString());
        return false;
    }
    const QByteArray data = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
                                ? reportCsv(m_report)
                                : QJsonDocument(m_report.toJson()).toJson();
    if (file.write(data) != data.size()) {
        if (error)
            *error =
                QStringLiteral("Cannot write the report to %1: %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ImportPanel::showCreated() {
    if (m_report.labelIds.isEmpty() || m_lastModelName.isEmpty())
        return;
    Q_EMIT showCreatedRequested(m_lastModelName, m_lastLabelType, m_report.labelIds);
}

void ImportPanel::saveMapping() {
    ImportSettingsStore(m_project.id).setCategoryMapping(m_mapping->mapping());
}

} // namespace kili::ui
