#include "api/countjobs.h"

#include "api/documents.h"

namespace kili::api {

namespace {
QString inProject(const QString& projectId) {
    return projectId.isEmpty() ? QString() : QStringLiteral(" of project ") + projectId;
}
} // namespace

CountJob::CountJob(Connection* connection, QString operation, QString document, QJsonObject where,
                   QString action, QObject* parent)
    : BaseJob(connection, parent)
    , m_action(std::move(action)) {
    m_request.operation = std::move(operation);
    m_request.document = std::move(document);
    m_request.variables.insert(QStringLiteral("where"), where);
}

void CountJob::startRequests() {
    send(m_request);
}

void CountJob::handleData(const QJsonObject& data) {
    const QJsonValue value = data.value(QLatin1String("data"));
    if (!value.isDouble() || value.toDouble() < 0) {
        fail(makeError(ApiError::Malformed, QStringLiteral("the server's answer holds no count"),
                       QStringLiteral("Check the endpoint URL; it may not be a Kili API.")));
        return;
    }
    m_count = value.toInt();
    succeed();
}

CountProjectsJob::CountProjectsJob(Connection* connection, const ProjectFilter& filter,
                                   QObject* parent)
    : CountJob(connection, QStringLiteral("countProjects"), documents::countProjects(),
               filter.toWhere(), QStringLiteral("count your projects"), parent) {}

CountAssetsJob::CountAssetsJob(Connection* connection, const AssetFilter& filter, QObject* parent)
    : CountJob(connection, QStringLiteral("countAssets"), documents::countAssets(),
               filter.toWhere(), QStringLiteral("count the assets") + inProject(filter.projectId),
               parent) {}

CountLabelsJob::CountLabelsJob(Connection* connection, const LabelFilter& filter, QObject* parent)
    : CountJob(connection, QStringLiteral("countLabels"), documents::countLabels(),
               filter.toWhere(), QStringLiteral("count the labels") + inProject(filter.projectId),
               parent) {}

CountLabelsByTypeJob::CountLabelsByTypeJob(Connection* connection, const QString& projectId,
                                           QObject* parent)
    : BaseJob(connection, parent)
    , m_projectId(projectId) {}

QString CountLabelsByTypeJob::action() const {
    return QStringLiteral("count the labels") + inProject(m_projectId);
}

void CountLabelsByTypeJob::startRequests() {
    GraphQLRequest request;
    request.operation = QStringLiteral("countLabelsByType");
    request.document = documents::countLabelsByType(documents::labelTypeNames());
    for (const kili::LabelType& type : kili::LabelType::known()) {
        LabelFilter labels;
        labels.projectId = m_projectId;
        labels.labelTypes = {type};
        request.variables.insert(type.toString(), labels.toWhere());
        AssetFilter assets;
        assets.projectId = m_projectId;
        assets.labelTypes = {type};
        request.variables.insert(type.toString() + QStringLiteral("_assets"), assets.toWhere());
    }
    send(request);
}

void CountLabelsByTypeJob::handleData(const QJsonObject& data) {
    QList<Count> counts;
    for (const kili::LabelType& type : kili::LabelType::known()) {
        const QJsonValue labels = data.value(type.toString());
        const QJsonValue assets = data.value(type.toString() + QStringLiteral("_assets"));
        if (!labels.isDouble() || labels.toDouble() < 0 || !assets.isDouble()
            || assets.toDouble() < 0) {
            fail(makeError(ApiError::Malformed,
                           QStringLiteral("the server's answer holds no count of %1 labels")
                               .arg(type.toString()),
                           QStringLiteral("Check the endpoint URL; it may not be a Kili API.")));
            return;
        }
        counts.append({type, labels.toInt(), assets.toInt()});
    }
    m_counts = counts;
    succeed();
}

} // namespace kili::api
