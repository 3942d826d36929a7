#include "api/assetjobs.h"

#include "api/connection.h"
#include "api/documents.h"

#include <QJsonArray>

namespace kili::api {

AssetsJob::AssetsJob(Connection* connection, const AssetFilter& filter, QObject* parent)
    : PagedQueryJob(connection, parent)
    , m_filter(filter) {}

int AssetsJob::pageSizeFor(const QString& inputType) {
    if (inputType == QLatin1String("VIDEO"))
        return 10;
    if (inputType.startsWith(QLatin1String("LLM_")) || inputType == QLatin1String("GEOSPATIAL"))
        return 50;
    return 0;
}

QString AssetsJob::action() const {
    if (m_filter.projectId.isEmpty())
        return QStringLiteral("read the assets");
    return QStringLiteral("read the assets of project %1").arg(m_filter.projectId);
}

GraphQLRequest AssetsJob::pageRequest() const {
    GraphQLRequest request;
    request.operation =
        m_includeLabels ? QStringLiteral("assetsWithLabels") : QStringLiteral("assets");
    request.document = m_includeLabels
                           ? documents::assetsWithLabels(connection()->serverApi().omittedFields())
                           : documents::assets(connection()->serverApi().omittedFields());
    request.variables.insert(QStringLiteral("where"), m_filter.toWhere());
    return request;
}

void AssetsJob::handlePage(const QJsonArray& items, int skip) {
    const QList<kili::Asset> page = itemsFromJson<kili::Asset>(items);
    if (m_collect)
        m_assets += page;
    Q_EMIT pageReceived(page, skip);
}

FilterExistingAssetsJob::FilterExistingAssetsJob(Connection* connection, const QString& projectId,
                                                 const QStringList& externalIds, QObject* parent)
    : BaseJob(connection, parent)
    , m_projectId(projectId)
    , m_externalIds(externalIds) {}

QString FilterExistingAssetsJob::action() const {
    return QStringLiteral("check which of %1 external ids exist in project %2")
        .arg(m_externalIds.size())
        .arg(m_projectId);
}

void FilterExistingAssetsJob::startRequests() {
    if (m_externalIds.isEmpty()) {
        succeed();
        return;
    }
    GraphQLRequest request;
    request.operation = QStringLiteral("filterExistingAssets");
    request.document = documents::filterExistingAssets();
    request.variables.insert(QStringLiteral("projectID"), m_projectId);
    request.variables.insert(QStringLiteral("externalIDs"),
                             QJsonArray::fromStringList(m_externalIds));
    send(request);
}

void FilterExistingAssetsJob::handleData(const QJsonObject& data) {
    const QJsonValue value = data.value(QLatin1String("data"));
    if (!value.isArray() && !value.isNull()) {
        fail(makeError(ApiError::Malformed,
                       QStringLiteral("the server's answer holds no list of external ids"),
                       QStringLiteral("Check the endpoint URL; it may not be a Kili API.")));
        return;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue& id : array)
        m_existing.append(id.toString());
    succeed();
}

} // namespace kili::api
