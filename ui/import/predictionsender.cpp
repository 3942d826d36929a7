#include "ui/import/predictionsender.h"

#include "predictions/importjournal.h"
#include "predictions/predictionimport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace kili::ui {

using predictions::PredictionImport;

namespace {

// Writes the predictions as JSONL ({"assetId", "jsonResponse"} per line), readable by the user
// only; the path, or empty with *error.
QString writeSource(const QList<OutgoingPrediction>& predictions, const QString& source,
                    QString* error) {
    const QString dir = PredictionSender::sourceDirectory();
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create the folder %1; check its permissions").arg(dir);
        return {};
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile file(dir + QLatin1Char('/') + predictions::ImportJournal::newImportId() + QLatin1Char('-')
               + source + QStringLiteral(".jsonl"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("cannot write %1 (%2)").arg(file.fileName(), file.errorString());
        return {};
    }
    for (const OutgoingPrediction& prediction : predictions) {
        const QByteArray line =
            QJsonDocument(QJsonObject{{QStringLiteral("assetId"), prediction.assetId},
                                      {QStringLiteral("jsonResponse"), prediction.jsonResponse}})
                .toJson(QJsonDocument::Compact)
            + '\n';
        if (file.write(line) != line.size()) {
            *error =
                QStringLiteral("cannot write %1 (%2)").arg(file.fileName(), file.errorString());
            file.remove();
            return {};
        }
    }
    return file.fileName();
}

} // namespace

PredictionSender::PredictionSender(predictions::ImportBackend& backend, QObject* parent)
    : QObject(parent)
    , m_backend(backend) {}

PredictionSender::~PredictionSender() = default;

QString PredictionSender::sourceDirectory() {
    return predictions::ImportJournal::directory() + QStringLiteral("/sources");
}

bool PredictionSender::isRunning() const {
    return m_import && m_import->stage() != PredictionImport::Stage::Done;
}

bool PredictionSender::send(const QString& projectId, const QString& modelName, LabelType labelType,
                            const QList<OutgoingPrediction>& predictions, const QString& source) {
    if (isRunning() || predictions.isEmpty())
        return false;
    m_created.clear();
    m_errors.clear();
    m_importId.clear();
    m_alreadyPresent = 0;
    QString error;
    const QString path = writeSource(predictions, source, &error);
    if (path.isEmpty()) {
        m_errors << error;
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(false); }, Qt::QueuedConnection);
        return true;
    }
    predictions::ImportRequest request;
    request.settings.projectId = projectId;
    request.settings.modelName = modelName;
    request.settings.labelType = labelType;
    request.inputs = {path};
    request.scan.format = predictions::PredictionFormat::Jsonl;
    m_import = std::make_unique<PredictionImport>(m_backend);
    connect(m_import.get(), &PredictionImport::uploadProgress, this,
            [this](const predictions::UploadProgress& progress) {
                Q_EMIT this->progress(int(progress.done), int(progress.total));
            });
    connect(m_import.get(), &PredictionImport::finished, this, &PredictionSender::onFinished);
    m_import->start(request);
    return true;
}

void PredictionSender::onFinished() {
    const predictions::ImportReport& report = m_import->report();
    m_created = report.labelIds;
    m_alreadyPresent = report.alreadyPresent;
    m_importId = m_import->importId();
    if (!m_import->errorString().isEmpty())
        m_errors << m_import->errorString();
    for (const predictions::Problem& problem : m_import->plan().problems) {
        if (problem.isError())
            m_errors << (problem.job.isEmpty()
                             ? problem.message
                             : problem.job + QStringLiteral(": ") + problem.message);
    }
    m_errors << report.errors;
    Q_EMIT finished(m_import->exitCode() == PredictionImport::Success);
}

} // namespace kili::ui
