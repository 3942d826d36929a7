#include "sdkreplay.h"

#include <QMap>
#include <gtest/gtest.h>

namespace kili::sandbox::testing {

namespace {

constexpr int sdkPageSize = 100;

bool strippedRecursively(const QString& key) {
    static const QStringList keys = {QStringLiteral("data"),    QStringLiteral("where"),
                                     QStringLiteral("project"), QStringLiteral("asset"),
                                     QStringLiteral("label"),   QStringLiteral("issue")};
    return keys.contains(key);
}

} // namespace

QString SdkReplay::selection(const QStringList& fields) {
    QMap<QString, QStringList> nested;
    QStringList plain;
    for (const QString& field : fields) {
        const qsizetype dot = field.indexOf(QLatin1Char('.'));
        if (dot < 0)
            plain.append(field);
        else
            nested[field.left(dot)].append(field.mid(dot + 1));
    }
    QStringList parts;
    for (auto it = nested.constBegin(); it != nested.constEnd(); ++it)
        parts.append(it.key() + QStringLiteral(" { ") + selection(it.value())
                     + QStringLiteral(" }"));
    parts.append(plain);
    return parts.join(QLatin1Char(' '));
}

QJsonObject SdkReplay::stripNulls(const QJsonObject& variables) {
    QJsonObject out;
    for (auto it = variables.constBegin(); it != variables.constEnd(); ++it) {
        if (it.value().isNull())
            continue;
        if (it.value().isObject() && strippedRecursively(it.key()))
            out.insert(it.key(), stripNulls(it.value().toObject()));
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

namespace {

// `keys` as nulls, then `set` over them.
QJsonObject nullsExcept(const QStringList& keys, const QJsonObject& set) {
    QJsonObject out;
    for (const QString& key : keys)
        out.insert(key, QJsonValue::Null);
    for (auto it = set.constBegin(); it != set.constEnd(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QStringList split(const char* keys) {
    return QString::fromLatin1(keys).split(QLatin1Char(' '));
}

} // namespace

QJsonObject SdkReplay::assetWhere(const QString& projectId, const QJsonObject& set,
                                  const QJsonObject& labelSet) {
    QJsonObject where = nullsExcept(
        split("id externalIdStrictlyIn externalIdIn statusIn consensusMarkGte consensusMarkLte "
              "honeypotMarkGte honeypotMarkLte idIn idNotIn metadata assigneeIn assigneeNotIn "
              "skipped updatedAtGte updatedAtLte createdAtGte createdAtLte inferenceMarkGte "
              "inferenceMarkLte stepIdIn stepIdNotIn stepStatusIn stepStatusNotIn"),
        set);
    where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}});
    where.insert(QStringLiteral("label"),
                 nullsExcept(split("typeIn authorIn consensusMarkGte consensusMarkLte createdAt "
                                   "createdAtGte createdAtLte honeypotMarkGte honeypotMarkLte "
                                   "search labelerIn labelerNotIn reviewerIn reviewerNotIn"),
                             labelSet));
    where.insert(QStringLiteral("issue"), nullsExcept(split("type status"), {}));
    return where;
}

QJsonObject SdkReplay::labelWhere(const QString& projectId, const QJsonObject& asset,
                                  const QJsonObject& set) {
    QJsonObject where = nullsExcept(
        split("authorIn consensusMarkGte consensusMarkLte createdAt createdAtGte createdAtLte "
              "honeypotMarkGte honeypotMarkLte id idIn labelerIn reviewerIn search typeIn user"),
        set);
    where.insert(QStringLiteral("asset"), asset);
    where.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}});
    return where;
}

HttpResult SdkReplay::execute(const QString& document, const QJsonObject& variables) {
    return m_client.graphql(document, stripNulls(variables));
}

int SdkReplay::count(const QString& call, const QString& countRoot, const QString& whereType,
                     const QJsonObject& where) {
    const HttpResult result =
        execute(QStringLiteral("query %1($where: %2!) { data: %1(where: $where) }")
                    .arg(countRoot, whereType),
                QJsonObject{{QStringLiteral("where"), where}});
    EXPECT_TRUE(result.errors().isEmpty() && result.data().isDouble())
        << call.toStdString() << " failed on " << countRoot.toStdString() << ": "
        << describe(result);
    return result.data().isDouble() ? result.data().toInt() : -1;
}

QJsonArray SdkReplay::list(const QString& call, const QString& root, const QString& countRoot,
                           const QString& whereType, const QJsonObject& where,
                           const QStringList& fields) {
    const int total = count(call, countRoot, whereType, where);
    const QString document =
        QStringLiteral("query %1($where: %2!, $first: PageSize!, $skip: Int!) { data: %1(where: "
                       "$where, first: $first, skip: $skip) { %3 } }")
            .arg(root, whereType, selection(fields));
    QJsonArray rows;
    while (total > 0 && rows.size() < total) {
        const HttpResult page =
            execute(document, QJsonObject{{QStringLiteral("where"), where},
                                          {QStringLiteral("first"),
                                           qMin<qsizetype>(sdkPageSize, total - rows.size())},
                                          {QStringLiteral("skip"), rows.size()}});
        if (!page.errors().isEmpty() || !page.data().isArray()) {
            ADD_FAILURE() << call.toStdString() << " failed on " << root.toStdString() << " (skip "
                          << rows.size() << "): " << describe(page);
            break;
        }
        // The SDK sums x-complexity; every page fits the sandbox's cost limit or it would fail.
        EXPECT_GT(page.header("x-complexity").toLongLong(), 0)
            << call.toStdString() << ": " << root.toStdString() << " answered without its cost";
        const QJsonArray items = page.data().toArray();
        if (items.isEmpty())
            break;
        for (const QJsonValue& item : items)
            rows.append(item);
    }
    return rows;
}

QJsonArray SdkReplay::projectAssets(const QString& call, const QString& projectId,
                                    const QStringList& fields) {
    return list(
        call, QStringLiteral("assets"), QStringLiteral("countAssets"), QStringLiteral("AssetWhere"),
        QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), projectId}}}},
        fields);
}

std::string describe(const HttpResult& result) {
    if (!result.errors().isEmpty())
        return "HTTP " + std::to_string(result.status) + ", \""
               + result.firstErrorMessage().toStdString() + "\"";
    return "HTTP " + std::to_string(result.status) + ", " + result.body.left(400).toStdString();
}

} // namespace kili::sandbox::testing
