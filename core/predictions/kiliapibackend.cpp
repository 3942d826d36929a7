#include "predictions/kiliapibackend.h"

#include "api/assetjobs.h"
#include "api/connection.h"
#include "api/labeljobs.h"
#include "api/projectjobs.h"

#include <QJsonDocument>

namespace kili::predictions {

KiliApiBackend::KiliApiBackend(kili::api::Connection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection) {}

KiliApiBackend::~KiliApiBackend() {
    cancelAll();
}

qint64 KiliApiBackend::requestCount() const {
    qint64 count = m_finishedRequests;
    for (const auto* job : m_running)
        count += job->requestCount();
    return count;
}

QString KiliApiBackend::serverName() const {
    return m_connection->serverName();
}

void KiliApiBackend::run(kili::api::BaseJob* job, std::function<void()> onSuccess,
                         std::function<void(const kili::api::ApiError&)> onFailure) {
    const quint64 generation = m_generation;
    m_running.insert(job);
    connect(job, &kili::api::BaseJob::finished, this,
            [this, job, generation, onSuccess, onFailure] {
                m_finishedRequests += job->requestCount();
                m_running.remove(job);
                job->deleteLater();
                if (generation != m_generation)
                    return; // cancelled: nobody waits for this answer any more
                if (job->state() == kili::api::BaseJob::State::Succeeded)
                    onSuccess();
                else
                    onFailure(job->error());
            });
    job->start();
}

void KiliApiBackend::cancelAll() {
    ++m_generation;
    const auto running = m_running;
    for (auto* job : running)
        job->cancel();
}

void KiliApiBackend::fetchInterface(const QString& projectId, Callback<kili::Interface> done) {
    auto* job = kili::api::ProjectsJob::forProject(m_connection, projectId, this);
    run(
        job,
        [job, done, projectId] {
            const QList<kili::Project> projects = job->projects();
            if (projects.isEmpty()) {
                done({}, BackendFailure{QStringLiteral("project %1 does not exist or you do not "
                                                       "have access to it")
                                            .arg(projectId)});
                return;
            }
            QString error;
            const kili::Interface interface = projects.first().interface(&error);
            if (!error.isEmpty() && interface.isEmpty()) {
                done({}, BackendFailure{QStringLiteral("the interface of project %1 cannot be "
                                                       "read: %2")
                                            .arg(projectId, error)});
                return;
            }
            done(interface, std::nullopt);
        },
        [done](const kili::api::ApiError& error) { done({}, BackendFailure{error.message}); });
}

void KiliApiBackend::fetchAssets(const QString& projectId, const QStringList& externalIds,
                                 const QStringList& assetIds, Callback<QList<kili::Asset>> done) {
    fetchAssetsPaged(projectId, externalIds, assetIds, {}, std::move(done), true);
}

void KiliApiBackend::fetchAssetsPaged(const QString& projectId, const QStringList& externalIds,
                                      const QStringList& assetIds,
                                      const QList<kili::LabelType>& types,
                                      Callback<QList<kili::Asset>> done, bool mayShrinkPage) {
    kili::api::AssetFilter filter;
    filter.projectId = projectId;
    filter.externalIdsStrictlyIn = externalIds;
    filter.ids = assetIds;
    filter.labelTypes = types;
    auto* job = new kili::api::AssetsJob(m_connection, filter, this);
    job->setCollect(true);
    job->setPageSize(m_pageSize);
    run(
        job, [job, done] { done(job->assets(), std::nullopt); },
        [this, projectId, externalIds, assetIds, types, done,
         mayShrinkPage](const kili::api::ApiError& error) {
            // A server with a smaller page limit refuses `first` with a GraphQL error.
            if (mayShrinkPage && m_pageSize > kSafePage
                && error.kind == kili::api::ApiError::GraphQL) {
                m_pageSize = kSafePage;
                fetchAssetsPaged(projectId, externalIds, assetIds, types, done, false);
                return;
            }
            done({}, BackendFailure{error.message});
        });
}

void KiliApiBackend::appendLabels(const AppendRequest& request, Callback<QStringList> done) {
    QList<kili::api::LabelInput> labels;
    for (qsizetype i = 0; i < request.assetIds.size(); ++i) {
        kili::api::LabelInput input;
        input.assetId = request.assetIds.at(i);
        input.jsonResponse = QJsonDocument::fromJson(request.jsonResponses.value(i)).object();
        labels << input;
    }
    auto* job =
        new kili::api::AppendManyLabelsJob(m_connection, request.projectId, request.labelType,
                                           request.modelName, labels, request.overwrite, this);
    run(
        job, [job, done] { done(job->createdLabelIds(), std::nullopt); },
        [done](const kili::api::ApiError& error) {
            // Only a refusal before anything ran proves that nothing was created: the request
            // was refused here, the key was refused, or the document failed validation (400).
            // An error answer after the write ran (a 500 with errors, a gateway's 200 with
            // errors) may follow a commit: in doubt, settled by reading the server.
            const bool known =
                error.kind == kili::api::ApiError::Authentication
                || error.kind == kili::api::ApiError::InvalidRequest
                || (error.kind == kili::api::ApiError::GraphQL && error.httpStatus == 400);
            const bool tooLarge = error.httpStatus == 413; // refused unread
            done({}, BackendFailure{error.message, !known && !tooLarge, tooLarge});
        });
}

void KiliApiBackend::fetchLabels(const QString& projectId, const QStringList& assetIds,
                                 kili::LabelType labelType, Callback<QList<kili::Label>> done) {
    // LabelWhere cannot select several assets by id; AssetWhere can, and brings all labels.
    fetchAssetsPaged(
        projectId, {}, assetIds, {labelType},
        [done, labelType](QList<kili::Asset> assets, std::optional<BackendFailure> failure) {
            QList<kili::Label> labels;
            for (const kili::Asset& asset : assets) {
                for (kili::Label label : asset.labels) {
                    if (!(label.labelType == labelType))
                        continue;
                    label.assetId = asset.id;
                    labels << label;
                }
            }
            done(labels, failure);
        },
        true);
}

void KiliApiBackend::deleteLabels(const QStringList& labelIds, Callback<QStringList> done) {
    auto* job = new kili::api::DeleteLabelsJob(m_connection, labelIds, this);
    run(
        job, [job, done] { done(job->deletedIds(), std::nullopt); },
        [done](const kili::api::ApiError& error) { done({}, BackendFailure{error.message}); });
}

} // namespace kili::predictions
