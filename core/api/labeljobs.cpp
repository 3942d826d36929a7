#include "api/labeljobs.h"

#include "api/connection.h"
#include "api/documents.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kili::api {

namespace {
QStringList idsOf(const QJsonValue& value) {
    QStringList ids;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        ids.append(item.isObject() ? item.toObject().value(QLatin1String("id")).toString()
                                   : item.toString());
    return ids;
}
} // namespace

LabelsJob::LabelsJob(Connection* connection, const LabelFilter& filter, QObject* parent)
    : PagedQueryJob(connection, parent)
    , m_filter(filter) {}

QString LabelsJob::action() const {
    if (m_filter.projectId.isEmpty())
        return QStringLiteral("read the labels");
    return QStringLiteral("read the labels of project %1").arg(m_filter.projectId);
}

GraphQLRequest LabelsJob::pageRequest() const {
    GraphQLRequest request;
    request.operation = QStringLiteral("labels");
    request.document = documents::labels(connection()->serverApi().omittedFields());
    request.variables.insert(QStringLiteral("where"), m_filter.toWhere());
    return request;
}

void LabelsJob::handlePage(const QJsonArray& items, int skip) {
    const QList<kili::Label> page = itemsFromJson<kili::Label>(items);
    if (m_collect)
        m_labels += page;
    Q_EMIT pageReceived(page, skip);
}

AppendManyLabelsJob::AppendManyLabelsJob(Connection* connection, const QString& projectId,
                                         kili::LabelType labelType, const QString& modelName,
                                         const QList<LabelInput>& labels, bool overwrite,
                                         QObject* parent)
    : BaseJob(connection, parent)
    , m_projectId(projectId)
    , m_labelType(labelType)
    , m_modelName(modelName)
    , m_labels(labels)
    , m_overwrite(overwrite) {}

QString AppendManyLabelsJob::action() const {
    return QStringLiteral("add %1 %2 label(s) to project %3")
        .arg(m_labels.size())
        .arg(m_labelType.toString(), m_projectId);
}

QJsonObject AppendManyLabelsJob::variables() const {
    QJsonArray labelsData;
    QJsonArray assetIds;
    for (const LabelInput& label : m_labels) {
        // Explicit nulls like the SDK: the server fills author (the key's user) and the rest.
        labelsData.append(QJsonObject{
            {QStringLiteral("assetID"), label.assetId},
            {QStringLiteral("authorID"), QJsonValue::Null},
            {QStringLiteral("clientVersion"), QJsonValue::Null},
            {QStringLiteral("jsonResponse"),
             QString::fromUtf8(QJsonDocument(label.jsonResponse).toJson(QJsonDocument::Compact))},
            {QStringLiteral("modelName"),
             m_modelName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_modelName)},
            {QStringLiteral("referencedLabelId"), QJsonValue::Null},
            {QStringLiteral("secondsToLabel"), label.secondsToLabel
                                                   ? QJsonValue(*label.secondsToLabel)
                                                   : QJsonValue(QJsonValue::Null)},
        });
        assetIds.append(label.assetId);
    }
    QJsonObject where{{QStringLiteral("idIn"), assetIds}};
    if (!m_projectId.isEmpty())
        where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), m_projectId}});
    return QJsonObject{
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("labelType"), m_labelType.toString()},
                                             {QStringLiteral("overwrite"), m_overwrite},
                                             {QStringLiteral("labelsData"), labelsData}}},
        {QStringLiteral("where"), where},
    };
}

void AppendManyLabelsJob::startRequests() {
    if (m_labels.isEmpty()) {
        fail(makeError(ApiError::InvalidRequest, QStringLiteral("there are no labels to send"),
                       QString()));
        return;
    }
    if (!m_labelType.isKnown()) {
        fail(makeError(
            ApiError::InvalidRequest,
            QStringLiteral("\"%1\" is not a label type Kili accepts").arg(m_labelType.toString()),
            QStringLiteral("Choose PREDICTION or INFERENCE.")));
        return;
    }
    if (m_labelType.kind() == kili::LabelType::Prediction && m_modelName.trimmed().isEmpty()) {
        fail(makeError(ApiError::InvalidRequest,
                       QStringLiteral("PREDICTION labels need a model name"),
                       QStringLiteral("Enter the name of the model that made the predictions.")));
        return;
    }
    for (const LabelInput& label : m_labels) {
        if (label.assetId.isEmpty()) {
            fail(makeError(ApiError::InvalidRequest, QStringLiteral("a label has no asset id"),
                           QStringLiteral("Match every prediction to an asset first.")));
            return;
        }
    }
    GraphQLRequest request;
    request.operation = QStringLiteral("appendManyLabels");
    request.document = documents::appendManyLabels();
    request.variables = variables();
    request.isMutation = true;
    request.timeout = timeoutOn(*connection());
    send(request);
}

std::chrono::milliseconds AppendManyLabelsJob::timeoutOn(const Connection& connection) {
    // Twice a request's: 120 s by default, the SDK's figure for this call.
    return 2 * connection.requestTimeout();
}

void AppendManyLabelsJob::handleData(const QJsonObject& data) {
    const QJsonValue value = data.value(QLatin1String("data"));
    if (!value.isArray()) {
        // The labels may well exist: report it as an unknown outcome, not a plain failure.
        fail(makeError(ApiError::UnknownOutcome,
                       QStringLiteral("the server's answer does not list the created labels"),
                       QStringLiteral("Check the project in Kili before sending these labels "
                                      "again.")));
        return;
    }
    m_createdIds = idsOf(value);
    succeed();
}

DeleteLabelsJob::DeleteLabelsJob(Connection* connection, const QStringList& labelIds,
                                 QObject* parent)
    : BaseJob(connection, parent)
    , m_ids(labelIds) {}

QString DeleteLabelsJob::action() const {
    return QStringLiteral("delete %1 label(s)").arg(m_ids.size());
}

void DeleteLabelsJob::startRequests() {
    if (m_ids.isEmpty()) {
        succeed();
        return;
    }
    GraphQLRequest request;
    request.operation = QStringLiteral("deleteLabels");
    request.document = documents::deleteLabels();
    request.variables.insert(QStringLiteral("ids"), QJsonArray::fromStringList(m_ids));
    request.isMutation = true;
    send(request);
}

void DeleteLabelsJob::handleData(const QJsonObject& data) {
    m_deleted = idsOf(data.value(QLatin1String("data")));
    succeed();
}

} // namespace kili::api
