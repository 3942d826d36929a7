// Pure functions of kiliapi: Retry-After, backoff, Kili's error format, filters → where.
#include "api/apierror.h"
#include "api/assetjobs.h"
#include "api/filters.h"
#include "api/labeljobs.h"
#include "api/retrypolicy.h"
#include "api/userjobs.h"

#include <QJsonArray>
#include <gtest/gtest.h>

using namespace kili::api;
using namespace std::chrono_literals;

TEST(RetryPolicy, RetryAfterSecondsAndHttpDate) {
    EXPECT_EQ(RetryPolicy::parseRetryAfter("5"), std::optional(5000ms));
    EXPECT_EQ(RetryPolicy::parseRetryAfter(" 0 "), std::optional(0ms));
    EXPECT_FALSE(RetryPolicy::parseRetryAfter("").has_value());
    EXPECT_FALSE(RetryPolicy::parseRetryAfter("soon").has_value());
    EXPECT_FALSE(RetryPolicy::parseRetryAfter("-3").has_value());
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 0), Qt::UTC);
    EXPECT_EQ(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now),
              std::optional(60000ms));
}

TEST(RetryPolicy, BackoffGrowsWithJitterWithinBounds) {
    RetryPolicy policy;
    policy.initialBackoff = 100ms;
    policy.maxBackoff = 1000ms;
    for (int i = 0; i < 50; ++i) {
        const auto first = policy.delayFor(1, std::nullopt);
        EXPECT_GE(first, 50ms);
        EXPECT_LE(first, 100ms);
        const auto third = policy.delayFor(3, std::nullopt);
        EXPECT_GE(third, 200ms);
        EXPECT_LE(third, 400ms);
        const auto capped = policy.delayFor(20, std::nullopt);
        EXPECT_LE(capped, 1000ms);
    }
    EXPECT_EQ(policy.delayFor(1, 2500ms), 2500ms);
    for (int status : {429, 502, 503, 504, 520, 521, 522})
        EXPECT_TRUE(RetryPolicy::isRetryableStatus(status)) << status;
    for (int status : {200, 400, 401, 403, 404, 500})
        EXPECT_FALSE(RetryPolicy::isRetryableStatus(status)) << status;
}

TEST(KiliMessage, SplitsKiliFormat) {
    const KiliMessage m = KiliMessage::split(QStringLiteral(
        "[noAccessRights] It seems you do not have access to this object. -- This can be due to: "
        "missing role | trace : abc123"));
    EXPECT_EQ(m.code, QStringLiteral("noAccessRights"));
    EXPECT_EQ(m.text, QStringLiteral("It seems you do not have access to this object."));
    EXPECT_EQ(m.cause, QStringLiteral("missing role"));
    EXPECT_EQ(m.trace, QStringLiteral("abc123"));

    const KiliMessage onlyCode = KiliMessage::split(QStringLiteral("[unexpectedRetrieving] Boom"));
    EXPECT_EQ(onlyCode.code, QStringLiteral("unexpectedRetrieving"));
    EXPECT_EQ(onlyCode.text, QStringLiteral("Boom"));
    EXPECT_TRUE(onlyCode.cause.isEmpty());

    const KiliMessage plain = KiliMessage::split(
        QStringLiteral("Field \"emaiel\" is not defined by type \"UserWhere\"."));
    EXPECT_TRUE(plain.code.isEmpty());
    EXPECT_EQ(plain.text, QStringLiteral("Field \"emaiel\" is not defined by type \"UserWhere\"."));
}

TEST(ResponseError, ReadsCodeAndReason) {
    const ResponseError e = ResponseError::fromJson(QJsonObject{
        {QStringLiteral("message"), QStringLiteral("locked")},
        {QStringLiteral("extensions"),
         QJsonObject{
             {QStringLiteral("code"), 401},
             {QStringLiteral("context"),
              QJsonObject{{QStringLiteral("reason"), QStringLiteral("AssetAlreadyLocked")}}}}}});
    EXPECT_EQ(e.code, QStringLiteral("401"));
    EXPECT_EQ(e.reason, QStringLiteral("AssetAlreadyLocked"));
}

TEST(Filters, AssetFilterToWhere) {
    AssetFilter filter;
    filter.projectId = QStringLiteral("P");
    filter.ids = {QStringLiteral("a1")};
    filter.externalIdsStrictlyIn = {QStringLiteral("x.jpg")};
    filter.externalIdContains = {QStringLiteral("x")};
    filter.statuses = {QStringLiteral("LABELED")};
    filter.createdAtGte = QDate(2024, 1, 2);
    filter.createdAtLte = QDate(2024, 3, 4);
    filter.labelTypes = {kili::LabelType::Prediction};
    const QJsonObject where = filter.toWhere();
    EXPECT_EQ(
        where.value(QLatin1String("project")).toObject().value(QLatin1String("id")).toString(),
        QStringLiteral("P"));
    EXPECT_EQ(where.value(QLatin1String("idIn")).toArray().size(), 1);
    EXPECT_EQ(where.value(QLatin1String("externalIdStrictlyIn")).toArray().first().toString(),
              QStringLiteral("x.jpg"));
    EXPECT_EQ(where.value(QLatin1String("externalIdIn")).toArray().first().toString(),
              QStringLiteral("x"));
    EXPECT_EQ(where.value(QLatin1String("statusIn")).toArray().first().toString(),
              QStringLiteral("LABELED"));
    EXPECT_EQ(where.value(QLatin1String("createdAtGte")).toString(), QStringLiteral("2024-01-02"));
    EXPECT_EQ(where.value(QLatin1String("createdAtLte")).toString(), QStringLiteral("2024-03-04"));
    EXPECT_EQ(where.value(QLatin1String("label"))
                  .toObject()
                  .value(QLatin1String("typeIn"))
                  .toArray()
                  .first()
                  .toString(),
              QStringLiteral("PREDICTION"));
    EXPECT_TRUE(AssetFilter().toWhere().isEmpty());
}

TEST(Filters, LabelAndProjectFilters) {
    LabelFilter labels;
    labels.projectId = QStringLiteral("P");
    labels.labelTypes = {kili::LabelType::Inference, kili::LabelType::Review};
    labels.assetId = QStringLiteral("a1");
    labels.authors = {QStringLiteral("Ada")};
    labels.createdAtGte = QDate(2024, 1, 1);
    const QJsonObject where = labels.toWhere();
    EXPECT_EQ(where.value(QLatin1String("typeIn")).toArray().size(), 2);
    EXPECT_EQ(where.value(QLatin1String("asset")).toObject().value(QLatin1String("id")).toString(),
              QStringLiteral("a1"));
    EXPECT_EQ(where.value(QLatin1String("authorIn")).toArray().first().toString(),
              QStringLiteral("Ada"));
    EXPECT_EQ(where.value(QLatin1String("createdAtGte")).toString(), QStringLiteral("2024-01-01"));

    ProjectFilter projects;
    projects.searchText = QStringLiteral(" 50%_off ");
    EXPECT_EQ(projects.toWhere().value(QLatin1String("searchQuery")).toString(),
              QStringLiteral("%50\\%\\_off%"));
    EXPECT_TRUE(ProjectFilter().toWhere().isEmpty());
}

TEST(ApiKeyExpiry, WarningUnderThirtyDays) {
    const QDateTime now(QDate(2026, 4, 1), QTime(10, 0), Qt::UTC);
    ApiKeyExpiry expiry = ApiKeyExpiry::fromData(
        QJsonObject{{QStringLiteral("data"),
                     QJsonArray{QJsonObject{{QStringLiteral("expiryDate"),
                                             QStringLiteral("2026-04-13T10:00:00.000Z")}}}}});
    EXPECT_TRUE(expiry.found);
    EXPECT_FALSE(expiry.isExpired(now));
    EXPECT_TRUE(expiry.warning(now).contains(QStringLiteral("in 12 day(s)")));
    EXPECT_TRUE(expiry.warning(now.addDays(-40)).isEmpty());
    EXPECT_TRUE(expiry.isExpired(now.addDays(20)));
    const ApiKeyExpiry none = ApiKeyExpiry::fromData(
        QJsonObject{{QStringLiteral("data"),
                     QJsonArray{QJsonObject{{QStringLiteral("expiryDate"), QJsonValue()}}}}});
    EXPECT_TRUE(none.found);
    EXPECT_FALSE(none.expiry.has_value());
    EXPECT_TRUE(none.warning(now).isEmpty());
}

TEST(AssetsJob, SmallerPagesForHeavyAssets) {
    EXPECT_EQ(AssetsJob::pageSizeFor(QStringLiteral("VIDEO")), 10);
    EXPECT_EQ(AssetsJob::pageSizeFor(QStringLiteral("LLM_RLHF")), 50);
    EXPECT_EQ(AssetsJob::pageSizeFor(QStringLiteral("GEOSPATIAL")), 50);
    EXPECT_EQ(AssetsJob::pageSizeFor(QStringLiteral("IMAGE")), 0);
}
