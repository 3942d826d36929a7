#pragma once

#include "api/apierror.h"

#include <QJsonObject>
#include <QString>
#include <chrono>
#include <optional>

class QNetworkReply;

namespace kili::api {

// What one finished HTTP exchange means for a job: data to use, or an error and whether the
// transport may try again. Knows HTTP, GraphQL and Kili's error shapes; knows nothing of jobs.
struct ReplyOutcome {
    bool ok = false;
    QJsonObject data;
    ApiError error;
    bool retryable = false;
    // The server could not be reached at all (connection refused, host not found): retried
    // briefly (RetryPolicy::maxUnreachableRetries).
    bool unreachable = false;
    std::optional<std::chrono::milliseconds> retryAfter;
};

struct ReplyContext {
    QString action;     // "list the assets of project clp1"
    QString operation;  // "assets"
    QString serverName; // "cloud.kili-technology.com"
    bool isMutation = false;
    bool timedOut = false;
    std::chrono::milliseconds timeout{0};
};

ReplyOutcome readReply(QNetworkReply* reply, const ReplyContext& context);

// The errors[] of a GraphQL answer as one error (kind GraphQL, or Authentication for code 401).
ApiError graphQLError(const QJsonArray& errors, const ReplyContext& context, int httpStatus);

// "Could not <action>: <what>. <advice>" with sentence punctuation handled.
QString couldNot(const QString& action, const QString& what, const QString& advice);

} // namespace kili::api
