#include "labelrows.h"

#include "accountstore.h"
#include "projectstore.h"

#include <QJsonValue>
#include <QVariant>

namespace kili::sandbox::labelrows {

namespace {

QJsonValue nullable(const QVariant& value) {
    if (value.isNull())
        return QJsonValue::Null;
    return QJsonValue::fromVariant(value);
}

} // namespace

QString columns() {
    // The latest label of an author on an asset is the one no later label of theirs follows.
    // Human labels belong to the step of their type (DEFAULT: labeling, REVIEW: review; see
    // LabelWriter::checkStep), so the last of an author's labels of that type is their last in
    // the step; model output and drafts are in no step.
    return QStringLiteral(
        "l.id, l.label_type, l.json_response, l.model_name, l.author_seq, l.created_at, "
        "l.seconds_to_label, l.client_version, l.referenced_label_id, l.honeypot_mark, "
        "l.inference_mark, l.number_of_annotations, l.asset_seq, l.project_seq, lj.id, "
        "NOT EXISTS (SELECT 1 FROM labels lz WHERE lz.asset_seq = l.asset_seq "
        "AND lz.author_seq = l.author_seq AND lz.seq > l.seq), "
        "l.label_type IN ('DEFAULT', 'REVIEW') AND NOT EXISTS (SELECT 1 FROM labels ly WHERE "
        "ly.asset_seq = l.asset_seq AND ly.author_seq = l.author_seq "
        "AND ly.label_type = l.label_type AND ly.seq > l.seq)");
}

QString from() {
    return QStringLiteral(" FROM labels l JOIN assets lj ON lj.seq = l.asset_seq");
}

// Fields that are always null in the sandbox (jsonResponseUrl, reviewScore, assetStep...) are left
// out: the executor answers null for a member the parent lacks, and a page has hundreds of labels.
QJsonObject toJson(const QSqlQuery& query, AccountStore& accounts, const ProjectStore& projects) {
    const QJsonValue author = accounts.userJson(query.value(4).toLongLong());
    const QVariant seconds = query.value(6);
    const QString projectId = projects.idForSeq(query.value(13).toLongLong());
    const QString referenced = query.value(8).toString();
    return QJsonObject{
        {QStringLiteral("id"), query.value(0).toString()},
        {QStringLiteral("labelType"), query.value(1).toString()},
        {QStringLiteral("jsonResponse"), query.value(2).toString()},
        {QStringLiteral("modelName"), nullable(query.value(3))},
        {QStringLiteral("author"), author},
        {QStringLiteral("authorId"), author.toObject().value(QLatin1String("id"))},
        {QStringLiteral("createdAt"), query.value(5).toString()},
        {QStringLiteral("secondsToLabel"), nullable(seconds)},
        {QStringLiteral("totalSecondsToLabel"),
         seconds.isNull() ? QJsonValue() : QJsonValue(qRound(seconds.toDouble()))},
        {QStringLiteral("clientVersion"), nullable(query.value(7))},
        {QStringLiteral("referencedLabelId"),
         referenced.isEmpty() ? QJsonValue() : QJsonValue(referenced)},
        {QStringLiteral("honeypotMark"), nullable(query.value(9))},
        {QStringLiteral("inferenceMark"), nullable(query.value(10))},
        {QStringLiteral("numberOfAnnotations"), query.value(11).toInt()},
        {QStringLiteral("assetId"), query.value(14).toString()},
        {QStringLiteral("projectId"), projectId},
        {QStringLiteral("isLatestLabelForUser"), query.value(15).toBool()},
        {QStringLiteral("isLastForStep"), query.value(16).toBool()},
        {QStringLiteral("isSentBackToQueue"), false},
        {QStringLiteral("version"), 1},
        {QStringLiteral("skipped"), false},
    };
}

bool isHuman(const QJsonObject& label) {
    const QString type = label.value(QLatin1String("labelType")).toString();
    return type == QLatin1String("DEFAULT") || type == QLatin1String("REVIEW");
}

QJsonValue latestLabel(const QJsonArray& labels) {
    for (qsizetype i = labels.size() - 1; i >= 0; --i) {
        if (isHuman(labels.at(i).toObject()))
            return labels.at(i);
    }
    return QJsonValue::Null;
}

QJsonArray latestLabels(const QJsonArray& labels) {
    const QJsonValue latest = latestLabel(labels);
    QJsonArray out;
    if (latest.isNull())
        return out;
    // The asset's last step is the one its latest human label was made in.
    const QJsonValue lastStepType = latest.toObject().value(QLatin1String("labelType"));
    for (const QJsonValue& label : labels) {
        const QJsonObject object = label.toObject();
        if (object.value(QLatin1String("labelType")) == lastStepType
            && object.value(QLatin1String("isLastForStep")).toBool())
            out.append(label);
    }
    return out;
}

} // namespace kili::sandbox::labelrows
