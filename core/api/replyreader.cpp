#include "api/replyreader.h"

#include "api/logging.h"
#include "api/retrypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>

namespace kili::api {

namespace {

const QString kEndpointAdvice =
    QStringLiteral("Check the endpoint URL; Kili's ends in /api/label/v2/graphql.");

bool nothingWasSent(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return true;
    default:
        return false;
    }
}

bool isTlsError(QNetworkReply::NetworkError error) {
    return error == QNetworkReply::SslHandshakeFailedError;
}

QString lockReasonText(const QString& reason) {
    static const QHash<QString, QString> texts{
        {QStringLiteral("AlreadyHaveLabelOnCurrentStep"),
         QStringLiteral("the asset already has a label on its current step")},
        {QStringLiteral("AssetAlreadyAssigned"),
         QStringLiteral("the asset is already assigned to someone else")},
        {QStringLiteral("AssetAlreadyLocked"),
         QStringLiteral("this asset is currently being edited by another user")},
        {QStringLiteral("AssetInDoneStepStatus"), QStringLiteral("the asset's step is done")},
        {QStringLiteral("AssetLockedNoReason"), QStringLiteral("the asset is locked")},
        {QStringLiteral("LabelNotEditable"), QStringLiteral("the label cannot be edited")},
        {QStringLiteral("NotInStepAssignees"),
         QStringLiteral("you are not among the assignees of the asset's step")},
    };
    return texts.value(reason, reason);
}

QString networkWhat(QNetworkReply* reply, const ReplyContext& context) {
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("the connection to %1 was refused").arg(context.serverName);
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("the host %1 was not found").arg(reply->url().host());
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError: // closed before answering a write (SingleSendBody)
        return QStringLiteral("%1 closed the connection before answering").arg(context.serverName);
    default:
        return QStringLiteral("the connection to %1 failed (%2)")
            .arg(context.serverName, reply->errorString());
    }
}

ApiError make(ApiError::Kind kind, int status, const QString& message, const ReplyContext& c) {
    ApiError error;
    error.kind = kind;
    error.httpStatus = status;
    error.message = message;
    error.operation = c.operation;
    return error;
}

ApiError unknownOutcome(const QString& what, int status, const ReplyContext& c) {
    return make(ApiError::UnknownOutcome, status,
                QStringLiteral("Could not confirm whether the request to %1 was applied: %2 after "
                               "it was sent. It was not sent again, to avoid doing it twice; "
                               "check the data in Kili (an interrupted import can be resumed and "
                               "skips what already exists) before trying again.")
                    .arg(c.action, what),
                c);
}

// The client never follows a redirect of an API request (Connection::post): the key and the body
// would go to wherever the server points. Say where it pointed, and what to do.
ReplyOutcome redirected(QNetworkReply* reply, int status, const ReplyContext& context) {
    const QUrl target = reply->url().resolved(
        reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    ReplyOutcome outcome;
    outcome.error =
        make(ApiError::HttpStatus, status,
             couldNot(context.action,
                      QStringLiteral("%1 redirected the request to %2 (HTTP %3)")
                          .arg(context.serverName,
                               target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))
                          .arg(status),
                      QStringLiteral("Kili Desk does not follow redirects, so that your API key "
                                     "goes only to the endpoint you gave; if that address is your "
                                     "Kili server, use it as the endpoint.")),
             context);
    return outcome;
}

} // namespace

QString couldNot(const QString& action, const QString& what, const QString& advice) {
    QString message = QStringLiteral("Could not ") + action + QStringLiteral(": ") + what;
    if (!message.endsWith(QLatin1Char('.')))
        message += QLatin1Char('.');
    if (!advice.isEmpty())
        message += QLatin1Char(' ') + advice;
    return message;
}

ApiError graphQLError(const QJsonArray& errors, const ReplyContext& context, int httpStatus) {
    ApiError error = make(ApiError::GraphQL, httpStatus, QString(), context);
    for (const QJsonValue& value : errors)
        error.graphQLErrors.append(ResponseError::fromJson(value.toObject()));
    const ResponseError first =
        error.graphQLErrors.isEmpty() ? ResponseError() : error.graphQLErrors.first();
    QString what = QStringLiteral("the server answered \"%1\"")
                       .arg(first.kili.text.isEmpty() ? first.message : first.kili.text);
    if (!first.kili.cause.isEmpty())
        what += QStringLiteral(" (this can be due to: %1)").arg(first.kili.cause);
    if (error.graphQLErrors.size() > 1)
        what += QStringLiteral(" and %1 more error(s)").arg(error.graphQLErrors.size() - 1);
    QString advice;
    if (first.code == QLatin1String("401") || first.code == QLatin1String("UNAUTHENTICATED")
        || httpStatus == 401) {
        error.kind = ApiError::Authentication;
        advice = QStringLiteral("Check your API key; create a new one in Kili under My account › "
                                "API KEY if it was revoked or expired.");
    } else if (first.code == QLatin1String("GRAPHQL_VALIDATION_FAILED")
               || first.code == QLatin1String("GRAPHQL_PARSE_FAILED")) {
        advice = QStringLiteral("The server's API differs from what this version of Kili Desk "
                                "expects; update Kili Desk or report the message above.");
    } else if (!first.reason.isEmpty()) {
        what = QStringLiteral("the server refused it because %1").arg(lockReasonText(first.reason));
        advice = QStringLiteral("Try again when the asset is free, or leave it out.");
    } else if (first.kili.code == QLatin1String("accessDenied")
               || first.kili.code == QLatin1String("noAccessRights")) {
        advice = QStringLiteral("Check that your account has access to this project.");
    }
    error.message = couldNot(context.action, what, advice);
    return error;
}

ReplyOutcome readReply(QNetworkReply* reply, const ReplyContext& context) {
    ReplyOutcome outcome;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();

    if (context.timedOut) {
        const QString what = QStringLiteral("%1 did not answer within %2 s")
                                 .arg(context.serverName)
                                 .arg(context.timeout.count() / 1000.0);
        if (context.isMutation) {
            outcome.error = unknownOutcome(what, 0, context);
            return outcome;
        }
        outcome.error = make(ApiError::Timeout, 0,
                             couldNot(context.action, what,
                                      QStringLiteral("Check your connection, or try again later "
                                                     "if the server is busy.")),
                             context);
        outcome.retryable = true;
        return outcome;
    }

    if (status == 0 && networkError != QNetworkReply::NoError) {
        if (isTlsError(networkError) && reply->url().scheme() == QLatin1String("https")) {
            outcome.error = make(
                ApiError::Tls, 0,
                couldNot(context.action,
                         QStringLiteral("a secure (TLS) connection to %1 could not be "
                                        "established (%2)")
                             .arg(context.serverName, reply->errorString()),
                         QStringLiteral("Check the endpoint URL (https:// to a server that "
                                        "speaks plain http fails this way) and the server's "
                                        "certificate. Kili Desk never skips certificate checks.")),
                context);
            return outcome; // retrying cannot fix a certificate or a wrong scheme
        }
        const QString what = networkWhat(reply, context);
        if (context.isMutation && !nothingWasSent(networkError)) {
            outcome.error = unknownOutcome(what, 0, context);
            return outcome;
        }
        outcome.error = make(ApiError::Network, 0,
                             couldNot(context.action, what,
                                      QStringLiteral("Check the endpoint URL and your network "
                                                     "connection.")),
                             context);
        outcome.retryable = networkError != QNetworkReply::OperationCanceledError;
        outcome.unreachable = networkError == QNetworkReply::ConnectionRefusedError
                              || networkError == QNetworkReply::HostNotFoundError;
        return outcome;
    }

    if (status >= 300 && status < 400)
        return redirected(reply, status, context);
    const QByteArray body = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject json = document.object();
    const QJsonArray errors = json.value(QLatin1String("errors")).toArray();

    if (status != 200 && !(status >= 200 && status < 300 && document.isObject())) {
        // A read the server failed to handle (HTTP 500) changed nothing: asking again is safe
        // and usually works. A write keeps the rules below: its fate is checked, never guessed.
        if (status == 500 && !context.isMutation) {
            outcome.error =
                errors.isEmpty()
                    ? make(ApiError::HttpStatus, status,
                           couldNot(context.action,
                                    QStringLiteral("%1 failed to handle the request (HTTP 500)")
                                        .arg(context.serverName),
                                    QStringLiteral("Try again in a few minutes.")),
                           context)
                    : graphQLError(errors, context, status);
            outcome.error.httpStatus = status;
            outcome.retryable = true;
            return outcome;
        }
        if (RetryPolicy::isRetryableStatus(status)) {
            outcome.retryAfter =
                RetryPolicy::parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")));
            const QString what = QStringLiteral("%1 is overloaded or unavailable (HTTP %2)")
                                     .arg(context.serverName)
                                     .arg(status);
            if (context.isMutation && !RetryPolicy::statusMeansNotProcessed(status)) {
                outcome.error = unknownOutcome(what, status, context);
                return outcome;
            }
            outcome.error =
                make(ApiError::HttpStatus, status,
                     couldNot(context.action, what, QStringLiteral("Try again in a few minutes.")),
                     context);
            outcome.retryable = true;
            return outcome;
        }
        if (!errors.isEmpty()) {
            outcome.error = graphQLError(errors, context, status);
            return outcome;
        }
        if (status == 401 || status == 403) {
            outcome.error = make(
                ApiError::Authentication, status,
                couldNot(context.action,
                         QStringLiteral("%1 refused the API key (HTTP %2)")
                             .arg(context.serverName)
                             .arg(status),
                         QStringLiteral("Check that the key is correct and has not been revoked "
                                        "or expired; create a new one in Kili under My account › "
                                        "API KEY.")),
                context);
            return outcome;
        }
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        outcome.error = make(
            ApiError::HttpStatus, status,
            couldNot(context.action,
                     QStringLiteral("%1 answered HTTP %2%3")
                         .arg(context.serverName)
                         .arg(status)
                         .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason),
                     status == 404 || status == 405
                         ? kEndpointAdvice
                         : QStringLiteral("Try again later; if it persists, contact the server's "
                                          "administrator.")),
            context);
        return outcome;
    }

    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        outcome.error = make(ApiError::Malformed, status,
                             couldNot(context.action,
                                      QStringLiteral("the answer from %1 is not a GraphQL JSON "
                                                     "answer, so it is probably not a Kili API")
                                          .arg(context.serverName),
                                      kEndpointAdvice),
                             context);
        return outcome;
    }
    if (!errors.isEmpty()) {
        outcome.error = graphQLError(errors, context, status);
        return outcome;
    }
    const QJsonValue data = json.value(QLatin1String("data"));
    if (!data.isObject()) {
        outcome.error = make(
            ApiError::Malformed, status,
            couldNot(context.action,
                     QStringLiteral("the answer from %1 contains no data").arg(context.serverName),
                     kEndpointAdvice),
            context);
        return outcome;
    }
    // Kili lists deprecated fields a request used; worth a line in the log, not an error.
    const QJsonArray deprecations = json.value(QLatin1String("extensions"))
                                        .toObject()
                                        .value(QLatin1String("deprecations"))
                                        .toArray();
    for (const QJsonValue& deprecation : deprecations) {
        const QJsonObject entry = deprecation.toObject();
        qCWarning(lcApi).noquote()
            << QStringLiteral("%1 uses a deprecated field (%2): %3")
                   .arg(
                       context.operation,
                       QString::fromUtf8(QJsonDocument(entry.value(QLatin1String("path")).toArray())
                                             .toJson(QJsonDocument::Compact)),
                       entry.value(QLatin1String("reason")).toString());
    }
    outcome.ok = true;
    outcome.data = data.toObject();
    return outcome;
}

} // namespace kili::api
