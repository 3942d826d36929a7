#include "api/userjobs.h"

#include "api/connection.h"
#include "api/documents.h"
#include "domain/jsonfields.h"

#include <QJsonArray>

namespace kili::api {

namespace {
GraphQLRequest apiKeyRequest() {
    GraphQLRequest request;
    request.operation = QStringLiteral("apiKeys");
    request.document = documents::apiKeyExpiry();
    request.variables.insert(QStringLiteral("where"), QJsonObject());
    request.apiKeyVariablePath = QStringList{QStringLiteral("where"), QStringLiteral("key")};
    return request;
}

const QString kNewKeyAdvice =
    QStringLiteral("Create a new API key in Kili under My account › API KEY and sign in with it.");
} // namespace

ApiKeyExpiry ApiKeyExpiry::fromData(const QJsonObject& data) {
    ApiKeyExpiry result;
    const QJsonArray keys = data.value(QLatin1String("data")).toArray();
    if (keys.isEmpty())
        return result;
    result.found = true;
    const QDateTime expiry =
        kili::json::dateTime(keys.first().toObject().value(QLatin1String("expiryDate")));
    if (expiry.isValid())
        result.expiry = expiry;
    return result;
}

QString ApiKeyExpiry::warning(const QDateTime& now, int warningDays) const {
    if (!expiry || isExpired(now) || now.daysTo(*expiry) >= warningDays)
        return {};
    const qint64 days = now.daysTo(*expiry);
    return QStringLiteral("Your API key expires on %1 (%2). %3")
        .arg(expiry->toUTC().date().toString(Qt::ISODate),
             days == 0 ? QStringLiteral("today") : QStringLiteral("in %1 day(s)").arg(days),
             QStringLiteral("Create a new one in Kili under My account › API KEY before then."));
}

ViewerJob::ViewerJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {}

QString ViewerJob::action() const {
    return QStringLiteral("read your user account");
}

void ViewerJob::startRequests() {
    GraphQLRequest request;
    request.operation = QStringLiteral("me");
    request.document = documents::viewer();
    send(request);
}

void ViewerJob::handleData(const QJsonObject& data) {
    const QJsonObject user = data.value(QLatin1String("data")).toObject();
    if (user.value(QLatin1String("id")).toString().isEmpty()) {
        fail(makeError(ApiError::Authentication,
                       QStringLiteral("the server does not know the user of this API key"),
                       kNewKeyAdvice));
        return;
    }
    m_user = kili::User::fromJson(user);
    succeed();
}

ApiKeyExpiryJob::ApiKeyExpiryJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {}

QString ApiKeyExpiryJob::warning() const {
    ApiKeyExpiry expiry;
    expiry.found = m_found;
    expiry.expiry = m_expiry;
    return expiry.warning(QDateTime::currentDateTimeUtc(), kWarningDays);
}

QString ApiKeyExpiryJob::action() const {
    return QStringLiteral("read the expiry date of your API key");
}

void ApiKeyExpiryJob::startRequests() {
    send(apiKeyRequest());
}

void ApiKeyExpiryJob::handleData(const QJsonObject& data) {
    const ApiKeyExpiry expiry = ApiKeyExpiry::fromData(data);
    m_found = expiry.found;
    m_expiry = expiry.expiry;
    succeed();
}

SignInJob::SignInJob(Connection* connection, QObject* parent)
    : BaseJob(connection, parent) {
    setMaxRetries(0); // like the SDK: a sign-in answers at once, right or wrong
}

QString SignInJob::action() const {
    return connection() ? QStringLiteral("sign in to %1").arg(connection()->serverName())
                        : QStringLiteral("sign in");
}

void SignInJob::startRequests() {
    if (!connection()->hasApiKey()) {
        fail(makeError(ApiError::Authentication, QStringLiteral("no API key was given"),
                       QStringLiteral("Paste your API key (Kili › My account › API KEY), or set "
                                      "KILI_API_KEY.")));
        return;
    }
    m_step = Step::Viewer;
    GraphQLRequest request;
    request.operation = QStringLiteral("signInCheck");
    request.document = documents::signInCheck();
    send(request);
}

void SignInJob::handleData(const QJsonObject& data) {
    if (m_step == Step::Viewer) {
        const QJsonValue viewer = data.value(QLatin1String("viewer"));
        const QJsonObject user = viewer.toObject();
        if (viewer.isNull()) {
            fail(makeError(
                ApiError::Authentication,
                QStringLiteral("%1 does not accept this API key").arg(connection()->serverName()),
                kNewKeyAdvice));
            return;
        }
        if (!user.contains(QLatin1String("id")) || !user.contains(QLatin1String("email"))) {
            fail(makeError(ApiError::Malformed,
                           QStringLiteral("%1 answered, but not like a Kili API")
                               .arg(connection()->serverName()),
                           QStringLiteral("Check the endpoint URL; Kili's ends in "
                                          "/api/label/v2/graphql.")));
            return;
        }
        m_user = kili::User::fromJson(user);
        m_step = Step::Expiry;
        send(apiKeyRequest());
        return;
    }
    const ApiKeyExpiry expiry = ApiKeyExpiry::fromData(data);
    m_expiry = expiry.expiry;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (expiry.isExpired(now)) {
        fail(makeError(ApiError::Authentication,
                       QStringLiteral("your API key expired on %1")
                           .arg(expiry.expiry->toUTC().date().toString(Qt::ISODate)),
                       kNewKeyAdvice));
        return;
    }
    m_warning = expiry.warning(now, ApiKeyExpiryJob::kWarningDays);
    succeed();
}

bool SignInJob::recoverFrom(const ApiError& error) {
    // The key works (viewer answered); a server that cannot tell its expiry is not a reason to
    // refuse the sign-in.
    if (m_step == Step::Expiry && error.kind == ApiError::GraphQL) {
        succeed();
        return true;
    }
    return false;
}

} // namespace kili::api
