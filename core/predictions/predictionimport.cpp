#include "predictions/predictionimport.h"

#include "predictions/assetmatcher.h"
#include "predictions/responsevalidator.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace kili::predictions {

namespace {

// The mapping's entries that renamed nothing ("JOB: name → KEY"), so that a typo in a mapping
// file is seen.
QStringList unusedMappings(const CategoryMap& map, const QHash<QString, qint64>& renamed) {
    QSet<QString> usedNames; // "name → KEY", whatever the job
    for (auto it = renamed.cbegin(); it != renamed.cend(); ++it)
        usedNames.insert(it.key().section(QStringLiteral(": "), 1));
    QStringList unused;
    for (auto job = map.cbegin(); job != map.cend(); ++job) {
        for (auto name = job->cbegin(); name != job->cend(); ++name) {
            const QString entry = name.key() + QStringLiteral(" → ") + name.value();
            if (name.key() != name.value() && !usedNames.contains(entry))
                unused << (job.key() == kAnyJob ? QStringLiteral("any job") : job.key())
                              + QStringLiteral(": ") + entry;
        }
    }
    unused.sort();
    return unused;
}

QJsonObject optionsJson(const ScanOptions& scan) {
    QJsonObject options{{QStringLiteral("format"), formatName(scan.format)},
                        {QStringLiteral("scaleConfidence"), scan.scaleConfidence}};
    if (!scan.targetJob.isEmpty())
        options.insert(QStringLiteral("targetJob"), scan.targetJob);
    if (scan.minConfidence)
        options.insert(QStringLiteral("minConfidence"), *scan.minConfidence);
    QJsonObject classes;
    for (auto it = scan.classMinimums.cbegin(); it != scan.classMinimums.cend(); ++it)
        classes.insert(it.key(), it.value());
    if (!classes.isEmpty())
        options.insert(QStringLiteral("classMinimums"), classes);
    QJsonObject map;
    for (auto job = scan.categoryMap.cbegin(); job != scan.categoryMap.cend(); ++job) {
        QJsonObject names;
        for (auto name = job->cbegin(); name != job->cend(); ++name)
            names.insert(name.key(), name.value());
        map.insert(job.key(), names);
    }
    if (!map.isEmpty())
        options.insert(QStringLiteral("categoryMap"), map);
    return options;
}

} // namespace

PredictionImport::PredictionImport(ImportBackend& backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_cancelScan(std::make_shared<std::atomic_bool>(false)) {
    qRegisterMetaType<kili::predictions::UploadProgress>();
    qRegisterMetaType<kili::predictions::UploadOutcome>();
}

PredictionImport::~PredictionImport() {
    m_cancelScan->store(true);
    if (m_stage != Stage::Done && m_stage != Stage::Idle)
        m_backend.cancelAll();
}

void PredictionImport::setStage(Stage stage) {
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void PredictionImport::start(const ImportRequest& request) {
    m_request = request;
    if (m_request.settings.modelName.isEmpty()
        && m_request.settings.labelType.kind() == kili::LabelType::Prediction) {
        fail(QStringLiteral("a PREDICTION import needs a model name (--model NAME)"),
             UsageOrConnection);
        return;
    }
    setStage(Stage::ReadingInterface);
    QPointer<PredictionImport> self(this);
    m_backend.fetchInterface(
        m_request.settings.projectId,
        [self](kili::Interface interface, std::optional<BackendFailure> failure) {
            if (!self)
                return;
            if (failure)
                self->fail(failure->message, UsageOrConnection);
            else
                self->onInterface(interface);
        });
}

void PredictionImport::onInterface(const kili::Interface& interface) {
    if (m_cancelled)
        return;
    if (interface.isEmpty()) {
        fail(QStringLiteral("project %1 has no jobs in its interface; predictions cannot be "
                            "checked against it")
                 .arg(m_request.settings.projectId),
             UsageOrConnection);
        return;
    }
    m_interface = interface;
    setStage(Stage::Reading);
    auto* watcher = new QFutureWatcher<ScanResult>(this);
    const auto cancel = m_cancelScan;
    const ScanOptions options = m_request.scan;
    const QStringList inputs = m_request.inputs;
    QPointer<PredictionImport> self(this);
    connect(watcher, &QFutureWatcher<ScanResult>::finished, this, [this, watcher] {
        ScanResult result = watcher->result();
        watcher->deleteLater();
        onScanned(std::move(result));
    });
    watcher->setFuture(QtConcurrent::run([interface, options, inputs, cancel, self] {
        PredictionScanner scanner(interface, options);
        scanner.setCancelFlag(cancel.get());
        scanner.setProgressCallback([self](qint64 read) {
            // queued to the import's thread
            QMetaObject::invokeMethod(
                self.data(),
                [self, read] {
                    if (self)
                        Q_EMIT self->readProgress(read);
                },
                Qt::QueuedConnection);
        });
        scanner.scan(inputs);
        return scanner.takeResult();
    }));
}

void PredictionImport::onScanned(ScanResult result) {
    if (m_cancelled || result.cancelled) {
        fail(QStringLiteral("the import was cancelled before anything was sent"),
             UsageOrConnection);
        return;
    }
    m_scan = std::move(result);
    setStage(Stage::Matching);
    m_matcher = std::make_unique<AssetMatcher>(m_backend, m_request.settings.projectId);
    connect(m_matcher.get(), &AssetMatcher::progress, this, &PredictionImport::matchProgress);
    connect(m_matcher.get(), &AssetMatcher::finished, this, &PredictionImport::onMatched);
    m_matcher->start(m_scan.items);
}

// NER offsets can only be checked against the text once the assets are known. Only assets whose
// content is the text itself are checked: a URL content would cost one API call per asset.
void PredictionImport::checkEntitiesAgainstInlineTexts() {
    const InterfaceRules rules(m_interface);
    ResponseValidator validator(rules);
    const AssetIndex& assets = m_matcher->assets();
    m_scan.invalidItems += validator.checkAgainstTexts(
        m_scan.items,
        [&assets](const PredictionItem& item) -> const QString* {
            const QString id = item.assetId.isEmpty() ? assets.idByExternalId.value(item.externalId)
                                                      : item.assetId;
            const auto it = assets.byId.constFind(id);
            return it == assets.byId.constEnd() ? nullptr
                                                : ResponseValidator::inlineText(it->content);
        },
        m_scan.problems);
}

void PredictionImport::onMatched(bool success) {
    if (!success) {
        fail(m_matcher->errorString(), UsageOrConnection);
        return;
    }
    checkEntitiesAgainstInlineTexts();
    m_plan = ImportPlanner::plan(std::move(m_scan), m_matcher->assets(), m_request.settings);
    m_plan.minConfidence = m_request.scan.minConfidence;
    m_plan.classMinimums = m_request.scan.classMinimums;
    m_plan.unusedMappings =
        unusedMappings(m_request.scan.categoryMap, m_plan.droppedBelowConfidence.renamed);
    m_scan = {};
    m_report = ImportReport::fromPlan(m_plan);
    if (const ConfidenceDrops& drops = m_plan.droppedBelowConfidence; drops.total() > 0)
        m_report.warnings << QStringLiteral(
                                 "%1 annotation(s) and %2 categorie(s) below the minimum "
                                 "confidence were dropped; %3 prediction(s) had "
                                 "nothing left and were not sent")
                                 .arg(drops.annotations)
                                 .arg(drops.categories)
                                 .arg(drops.emptied);
    setStage(Stage::Planned);
    Q_EMIT planReady();
    if (m_request.dryRun || (m_plan.hasErrors() && !m_request.skipInvalid)) {
        finish(m_plan.hasErrors() ? InvalidItems : Success);
        return;
    }
    if (m_plan.toCreate.empty()) {
        m_report.dryRun = false;
        finish(m_plan.hasErrors() ? InvalidItems : Success);
        return;
    }
    if (!m_request.confirmBeforeUpload)
        beginUpload();
}

void PredictionImport::confirmUpload() {
    if (m_stage == Stage::Planned && !m_journal)
        beginUpload();
}

void PredictionImport::beginUpload() {
    JournalHeader header;
    header.importId = ImportJournal::newImportId();
    header.projectId = m_request.settings.projectId;
    header.server = m_backend.serverName();
    header.settings = m_request.settings;
    header.createdAt = QDateTime::currentDateTimeUtc();
    header.inputs = m_request.inputs;
    header.options = optionsJson(m_request.scan);
    QString error;
    m_journal = ImportJournal::create(header, m_plan, 100, &error);
    if (!m_journal) {
        fail(error, UsageOrConnection);
        return;
    }
    m_importId = header.importId;
    m_plan.toCreate.clear(); // the journal holds the payloads now
    m_plan.toCreate.shrink_to_fit();
    m_uploader = std::make_unique<PredictionUploader>(*m_journal, m_backend);
    connect(m_uploader.get(), &PredictionUploader::verifying, this,
            [this] { setStage(Stage::Verifying); });
    connect(m_uploader.get(), &PredictionUploader::progress, this,
            [this](const UploadProgress& progress) {
                if (m_stage == Stage::Verifying || m_stage == Stage::Planned)
                    setStage(Stage::Uploading);
                Q_EMIT uploadProgress(progress);
            });
    connect(m_uploader.get(), &PredictionUploader::finished, this, &PredictionImport::onUploaded);
    setStage(Stage::Uploading);
    m_uploader->start();
}

void PredictionImport::resume(const QString& importId) {
    QString error;
    m_journal = ImportJournal::open(importId, &error);
    if (m_journal)
        error = m_journal->otherServerError(m_backend.serverName());
    if (!error.isEmpty()) {
        fail(error, UsageOrConnection);
        return;
    }
    m_importId = importId;
    m_request.settings = m_journal->header().settings;
    m_uploader = std::make_unique<PredictionUploader>(*m_journal, m_backend);
    connect(m_uploader.get(), &PredictionUploader::verifying, this,
            [this] { setStage(Stage::Verifying); });
    connect(m_uploader.get(), &PredictionUploader::progress, this,
            &PredictionImport::uploadProgress);
    connect(m_uploader.get(), &PredictionUploader::finished, this, &PredictionImport::onUploaded);
    setStage(Stage::Uploading);
    m_uploader->start();
}

void PredictionImport::onUploaded(const UploadOutcome& outcome) {
    const QStringList warnings = m_report.warnings;
    const QStringList unusedMappings = m_report.unusedMappings;
    m_report = ImportReport::fromJournal(*m_journal);
    m_report.warnings = warnings;
    m_report.unusedMappings = unusedMappings;
    m_report.errors = outcome.errors;
    if (!outcome.complete())
        finish(BatchesFailed);
    else
        finish(m_report.invalidItems > 0 ? InvalidItems : Success);
}

void PredictionImport::cancel() {
    if (m_stage == Stage::Done || m_stage == Stage::Idle)
        return;
    m_cancelled = true;
    m_cancelScan->store(true);
    if (m_uploader && m_uploader->isRunning()) {
        m_uploader->cancel(); // finished() → onUploaded reports what is left
        return;
    }
    if (m_stage != Stage::Reading) { // the scan ends by itself and reports the cancel
        m_backend.cancelAll();
        fail(QStringLiteral("the import was cancelled before anything was sent"),
             UsageOrConnection);
    }
}

void PredictionImport::fail(const QString& message, int exitCode) {
    m_error = message;
    finish(exitCode);
}

void PredictionImport::finish(int exitCode) {
    if (m_stage == Stage::Done)
        return;
    m_exitCode = exitCode;
    if (m_journal)
        m_journal->close();
    setStage(Stage::Done);
    Q_EMIT finished();
}

} // namespace kili::predictions
