#include "labelwriter.h"

#include "accountstore.h"
#include "bulkinsert.h"
#include "database.h"
#include "filterbuilder.h"
#include "ids.h"
#include "projectstore.h"
#include "wherefields.h"
#include "workflow.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace kili::sandbox {

namespace {

const QStringList knownLabelTypes = {QStringLiteral("AUTOSAVE"), QStringLiteral("DEFAULT"),
                                     QStringLiteral("INFERENCE"), QStringLiteral("PREDICTION"),
                                     QStringLiteral("REVIEW")};

bool needsModelName(const QString& labelType) {
    return labelType == QLatin1String("PREDICTION") || labelType == QLatin1String("INFERENCE");
}

KiliError databaseError(const QString& what) {
    return KiliError::saveFailed(QStringLiteral("the labels"), what);
}

QVariant nullableText(const QString& text) {
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

LabelWriter::LabelWriter(Database& database, ProjectStore& projects, AccountStore& accounts,
                         const FilterBuilder& filters, IdGenerator& ids)
    : m_database(database)
    , m_projects(projects)
    , m_accounts(accounts)
    , m_filters(filters)
    , m_ids(ids) {}

int LabelWriter::countAnnotations(const QJsonObject& jsonResponse) {
    int count = 0;
    for (auto it = jsonResponse.constBegin(); it != jsonResponse.constEnd(); ++it) {
        const QJsonObject job = it.value().toObject();
        if (job.contains(QLatin1String("annotations")))
            count += static_cast<int>(job.value(QLatin1String("annotations")).toArray().size());
        else if (job.contains(QLatin1String("categories")))
            count += static_cast<int>(job.value(QLatin1String("categories")).toArray().size());
        else if (job.contains(QLatin1String("text")))
            ++count;
    }
    return count;
}

std::optional<KiliError> LabelWriter::checkStep(const QString& stepName, const QString& labelType,
                                                qint64 projectSeq) const {
    const QList<StepRecord> steps = m_projects.steps(m_projects.idForSeq(projectSeq));
    QStringList names;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        names.append(QLatin1Char('"') + steps.at(i).name + QLatin1Char('"'));
        if (steps.at(i).name != stepName)
            continue;
        // Human labels belong to the step of their kind; model labels (PREDICTION, INFERENCE)
        // can be attached to any step.
        const bool isReview = labelType == QLatin1String("REVIEW");
        const bool isHuman = isReview || labelType == QLatin1String("DEFAULT")
                             || labelType == QLatin1String("AUTOSAVE");
        if (isHuman && isReview != (i == workflow::Review)) {
            return KiliError::make(
                QStringLiteral("labelTypeNotAllowedInStep"),
                QStringLiteral("%1 labels cannot be added in the step \"%2\".")
                    .arg(labelType, stepName),
                QStringLiteral("\"%1\" is a %2 step; send REVIEW labels to the review step and "
                               "DEFAULT or AUTOSAVE labels to the labeling step")
                    .arg(stepName, steps.at(i).type));
        }
        return std::nullopt;
    }
    return KiliError::make(
        QStringLiteral("stepNotFound"),
        QStringLiteral("The step \"%1\" does not exist in the project.").arg(stepName),
        QStringLiteral("stepName must be one of the project's steps: %1")
            .arg(names.join(QStringLiteral(", "))));
}

std::optional<KiliError> LabelWriter::append(const QJsonObject& data, const QJsonObject& where,
                                             qint64 viewerSeq, QStringList* createdIds) {
    const QString labelType = data.value(QLatin1String("labelType")).toString();
    if (!knownLabelTypes.contains(labelType)) {
        return KiliError::make(
            QStringLiteral("invalidLabelType"),
            QStringLiteral("The label type \"%1\" does not exist.").arg(labelType),
            QStringLiteral("labelType must be one of %1")
                .arg(knownLabelTypes.join(QStringLiteral(", "))));
    }
    const QJsonArray items = data.value(QLatin1String("labelsData")).toArray();
    if (items.size() > maxLabelsPerCall) {
        return KiliError::make(
            QStringLiteral("tooManyLabels"),
            QStringLiteral("You cannot append more than %1 labels in one call.")
                .arg(maxLabelsPerCall),
            QStringLiteral("labelsData holds %1 labels; send them in batches of at most %2")
                .arg(items.size())
                .arg(maxLabelsPerCall));
    }
    const bool overwrite = data.value(QLatin1String("overwrite")).toBool(false);

    QList<NewLabel> labels;
    QStringList assetIds;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString place = QStringLiteral("labelsData[%1]").arg(i);
        NewLabel label;
        label.labelType = labelType;
        label.modelName = where::string(item, QLatin1String("modelName")).value_or(QString());
        if (needsModelName(labelType) && label.modelName.isEmpty()) {
            return KiliError::make(
                QStringLiteral("missingModelName"),
                QStringLiteral("You must provide a modelName when uploading %1 labels.")
                    .arg(labelType),
                QStringLiteral("%1 has no modelName").arg(place));
        }
        label.jsonResponse = item.value(QLatin1String("jsonResponse")).toString();
        QJsonParseError parseError;
        const QJsonDocument response =
            QJsonDocument::fromJson(label.jsonResponse.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !response.isObject()) {
            return KiliError::make(
                QStringLiteral("invalidJsonResponse"),
                QStringLiteral("The jsonResponse of %1 is not a JSON object.").arg(place),
                QStringLiteral("send a JSON-encoded object such as "
                               "\"{\\\"JOB_0\\\": {...}}\""));
        }
        label.numberOfAnnotations = countAnnotations(response.object());
        if (const auto author = where::string(item, QLatin1String("authorID"))) {
            const auto user = m_accounts.userById(*author);
            if (!user) {
                return KiliError::make(
                    QStringLiteral("accessDenied"),
                    QStringLiteral("Access denied. Please verify your credentials "
                                   "or contact Kili support."),
                    QStringLiteral("The user %1 named by %2.authorID does not "
                                   "exist or is not accessible")
                        .arg(*author, place));
            }
            label.authorSeq = user->seq;
        } else {
            label.authorSeq = viewerSeq;
        }
        if (const auto seconds = where::number(item, QLatin1String("secondsToLabel")))
            label.secondsToLabel = *seconds;
        if (const auto version = where::number(item, QLatin1String("clientVersion")))
            label.clientVersion = static_cast<int>(*version);
        label.referencedLabelId =
            where::string(item, QLatin1String("referencedLabelId")).value_or(QString());
        assetIds.append(item.value(QLatin1String("assetID")).toString());
        labels.append(label);
    }
    if (labels.isEmpty())
        return std::nullopt;

    // The targeted assets: those named by labelsData that also match `where`.
    SqlCondition condition;
    QString filterError;
    if (!m_filters.assetWhere(where, QStringLiteral("a"), condition, &filterError)) {
        return KiliError::make(QStringLiteral("invalidFilter"), filterError,
                               QStringLiteral("the where argument of appendManyLabels"));
    }
    QHash<QString, std::pair<qint64, qint64>> found; // id -> (asset seq, project seq)
    if (!condition.impossible) {
        const QStringList unique = QSet<QString>(assetIds.cbegin(), assetIds.cend()).values();
        QSqlQuery query(m_database.connection());
        query.prepare(
            QStringLiteral("SELECT a.id, a.seq, a.project_seq FROM assets a WHERE a.id IN (")
            + placeholders(unique.size()) + QLatin1Char(')') + condition.andClause());
        for (const QString& id : unique)
            query.addBindValue(id);
        for (const QVariant& value : std::as_const(condition.values))
            query.addBindValue(value);
        if (!query.exec())
            return databaseError(query.lastError().text());
        while (query.next())
            found.insert(query.value(0).toString(),
                         {query.value(1).toLongLong(), query.value(2).toLongLong()});
    }
    QStringList missing;
    for (const QString& id : std::as_const(assetIds)) {
        if (!found.contains(id) && !missing.contains(id))
            missing.append(id);
    }
    if (!missing.isEmpty()) {
        KiliError error =
            KiliError::accessDenied(QStringLiteral("assets not found in the targeted project: %1")
                                        .arg(missing.join(QStringLiteral(", "))));
        error.context =
            QJsonObject{{QStringLiteral("assetIds"), QJsonArray::fromStringList(missing)}};
        return error;
    }
    QList<qint64> targetSeqs;
    QSet<qint64> projects;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const auto [assetSeq, projectSeq] = found.value(assetIds.at(i));
        labels[i].assetSeq = assetSeq;
        labels[i].projectSeq = projectSeq;
        if (!targetSeqs.contains(assetSeq))
            targetSeqs.append(assetSeq);
        projects.insert(projectSeq);
    }

    if (const auto stepName = where::string(data, QLatin1String("stepName"))) {
        for (qint64 project : std::as_const(projects)) {
            if (auto error = checkStep(*stepName, labelType, project))
                return error;
        }
    }

    Transaction transaction(m_database.connection());
    if (overwrite) {
        QSet<QString> modelNames;
        for (const NewLabel& label : std::as_const(labels))
            modelNames.insert(label.modelName);
        for (const QString& modelName : std::as_const(modelNames)) {
            QSqlQuery remove(m_database.connection());
            remove.prepare(
                QStringLiteral("DELETE FROM labels WHERE label_type = ? AND model_name IS ? "
                               "AND asset_seq IN (")
                + placeholders(targetSeqs.size()) + QLatin1Char(')'));
            remove.addBindValue(labelType);
            remove.addBindValue(nullableText(modelName));
            for (qint64 seq : std::as_const(targetSeqs))
                remove.addBindValue(seq);
            if (!remove.exec())
                return databaseError(remove.lastError().text());
        }
    }
    QString error;
    if (!insert(labels, createdIds, &error) || !advanceStatuses(targetSeqs, labelType, &error))
        return databaseError(error);
    if (!transaction.commit())
        return databaseError(QStringLiteral("the transaction could not be committed"));
    for (qint64 project : std::as_const(projects))
        m_projects.invalidateCounts(project);
    return std::nullopt;
}

bool LabelWriter::insert(QList<NewLabel>& labels, QStringList* createdIds, QString* error) {
    BulkInsert rows(
        m_database.connection(), QStringLiteral("labels"),
        {QStringLiteral("id"), QStringLiteral("asset_seq"), QStringLiteral("project_seq"),
         QStringLiteral("label_type"), QStringLiteral("json_response"),
         QStringLiteral("model_name"), QStringLiteral("author_seq"), QStringLiteral("created_at"),
         QStringLiteral("seconds_to_label"), QStringLiteral("client_version"),
         QStringLiteral("referenced_label_id"), QStringLiteral("number_of_annotations")},
        25);
    const QString now = isoNow();
    for (NewLabel& label : labels) {
        const QString id = m_ids.next();
        const int annotations =
            label.numberOfAnnotations >= 0
                ? label.numberOfAnnotations
                : countAnnotations(QJsonDocument::fromJson(label.jsonResponse.toUtf8()).object());
        const QVariant seconds = label.secondsToLabel ? QVariant(*label.secondsToLabel)
                                                      : QVariant(QMetaType(QMetaType::Double));
        const QVariant version = label.clientVersion ? QVariant(*label.clientVersion)
                                                     : QVariant(QMetaType(QMetaType::Int));
        if (!rows.add({id, label.assetSeq, label.projectSeq, label.labelType, label.jsonResponse,
                       nullableText(label.modelName), label.authorSeq,
                       label.createdAt.isEmpty() ? now : label.createdAt, seconds, version,
                       nullableText(label.referencedLabelId), annotations})) {
            *error = rows.error();
            return false;
        }
        createdIds->append(id);
    }
    if (!rows.flush()) {
        *error = rows.error();
        return false;
    }
    return true;
}

bool LabelWriter::advanceStatuses(const QList<qint64>& assetSeqs, const QString& labelType,
                                  QString* error) {
    QString to;
    QString from;
    if (labelType == QLatin1String("DEFAULT")) {
        to = QStringLiteral("LABELED");
        from = QStringLiteral("'TODO', 'ONGOING'");
    } else if (labelType == QLatin1String("REVIEW")) {
        to = QStringLiteral("REVIEWED");
        from = QStringLiteral("'TODO', 'ONGOING', 'LABELED', 'TO_REVIEW'");
    } else if (labelType == QLatin1String("AUTOSAVE")) {
        to = QStringLiteral("ONGOING");
        from = QStringLiteral("'TODO'");
    }
    if (to.isEmpty() || assetSeqs.isEmpty())
        return true;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE assets SET status = ?, updated_at = ? WHERE status IN (")
                  + from + QStringLiteral(") AND seq IN (") + placeholders(assetSeqs.size())
                  + QLatin1Char(')'));
    query.addBindValue(to);
    query.addBindValue(isoNow());
    for (qint64 seq : assetSeqs)
        query.addBindValue(seq);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

std::optional<KiliError> LabelWriter::remove(const QStringList& ids, QStringList* deletedIds) {
    if (ids.isEmpty())
        return std::nullopt;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, label_type, project_seq FROM labels WHERE id IN (")
                  + placeholders(ids.size()) + QLatin1Char(')'));
    for (const QString& id : ids)
        query.addBindValue(id);
    if (!query.exec())
        return databaseError(query.lastError().text());
    QHash<QString, QString> types;
    QSet<qint64> projects;
    while (query.next()) {
        types.insert(query.value(0).toString(), query.value(1).toString());
        projects.insert(query.value(2).toLongLong());
    }
    QStringList missing;
    QStringList refused;
    for (const QString& id : ids) {
        if (!types.contains(id))
            missing.append(id);
        else if (!needsModelName(types.value(id)))
            refused.append(QStringLiteral("%1 (%2)").arg(id, types.value(id)));
    }
    if (!missing.isEmpty()) {
        return KiliError::accessDenied(
            QStringLiteral("labels not found: %1").arg(missing.join(QStringLiteral(", "))));
    }
    if (!refused.isEmpty()) {
        return KiliError::make(
            QStringLiteral("labelNotDeletable"),
            QStringLiteral("Only PREDICTION and INFERENCE labels can be deleted."),
            QStringLiteral("these labels are of another type: %1")
                .arg(refused.join(QStringLiteral(", "))));
    }
    Transaction transaction(m_database.connection());
    QSqlQuery remove(m_database.connection());
    remove.prepare(QStringLiteral("DELETE FROM labels WHERE id IN (") + placeholders(ids.size())
                   + QLatin1Char(')'));
    for (const QString& id : ids)
        remove.addBindValue(id);
    if (!remove.exec())
        return databaseError(remove.lastError().text());
    if (!transaction.commit())
        return databaseError(QStringLiteral("the transaction could not be committed"));
    for (qint64 project : std::as_const(projects))
        m_projects.invalidateCounts(project);
    QSet<QString> seen;
    for (const QString& id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            deletedIds->append(id);
        }
    }
    return std::nullopt;
}

} // namespace kili::sandbox
