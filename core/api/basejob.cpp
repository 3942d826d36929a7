#include "api/basejob.h"

#include "api/connection.h"
#include "api/documents.h"
#include "api/logging.h"
#include "api/ratelimiter.h"
#include "api/replyreader.h"

#include <QNetworkReply>
#include <QTimer>

namespace kili::api {

using std::chrono::milliseconds;

struct BaseJob::Private {
    QPointer<Connection> connection;
    State state = State::NotStarted;
    bool started = false;
    ApiError error;
    bool autoDelete = false;
    std::optional<milliseconds> timeout;
    std::optional<int> maxRetries;
    GraphQLRequest request;
    int retry = 0; // retries of the current request
    int requestCount = 0;
    QPointer<QNetworkReply> reply;
    std::optional<RateLimiter::Ticket> ticket;
    QTimer timeoutTimer;
    QTimer retryTimer;
    bool timedOut = false;

    milliseconds effectiveTimeout() const {
        if (timeout)
            return *timeout;
        if (request.timeout.count() > 0)
            return request.timeout;
        return connection ? connection->requestTimeout() : milliseconds(60000);
    }
};

BaseJob::BaseJob(Connection* connection, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    d->connection = connection;
    d->timeoutTimer.setSingleShot(true);
    d->retryTimer.setSingleShot(true);
    connect(&d->timeoutTimer, &QTimer::timeout, this, &BaseJob::onTimeout);
    connect(&d->retryTimer, &QTimer::timeout, this, &BaseJob::attempt);
}

BaseJob::~BaseJob() {
    stopTransport();
}

BaseJob::State BaseJob::state() const {
    return d->state;
}

const ApiError& BaseJob::error() const {
    return d->error;
}

void BaseJob::setAutoDelete(bool autoDelete) {
    d->autoDelete = autoDelete;
}

void BaseJob::setTimeout(milliseconds timeout) {
    d->timeout = timeout;
}

void BaseJob::setMaxRetries(int maxRetries) {
    d->maxRetries = std::max(0, maxRetries);
}

int BaseJob::requestCount() const {
    return d->requestCount;
}

Connection* BaseJob::connection() const {
    return d->connection;
}

void BaseJob::start() {
    if (d->started)
        return;
    d->started = true;
    d->state = State::Running;
    // Always from the event loop: callers may connect after start().
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (d->state != State::Running)
                return;
            if (d->connection) {
                // Replies die with the connection's network access: never wait for them then.
                connect(d->connection, &QObject::destroyed, this, [this] {
                    fail(makeError(ApiError::Network,
                                   QStringLiteral("the connection to the server was closed"),
                                   QStringLiteral("Sign in again.")));
                });
            }
            if (!d->connection) {
                fail(makeError(ApiError::InvalidRequest,
                               QStringLiteral("there is no connection to a server"),
                               QStringLiteral("Sign in again.")));
                return;
            }
            startRequests();
        },
        Qt::QueuedConnection);
}

void BaseJob::cancel() {
    if (isFinished())
        return;
    d->started = true; // a cancelled job cannot be started any more
    ApiError error;
    error.kind = ApiError::Cancelled;
    error.operation = d->request.operation;
    error.message = QStringLiteral("Cancelled: %1.").arg(action());
    finish(false, error);
}

void BaseJob::send(const GraphQLRequest& request) {
    if (d->state != State::Running)
        return;
    d->request = request;
    // A document the server's API no longer accepts is not sent: what it would do cannot be
    // done, and a write must not half-work against an API that moved.
    if (const auto feature = documents::featureOf(request.operation);
        feature && d->connection && !d->connection->serverApi().offers(*feature)) {
        ApiError error;
        error.kind = ApiError::Unavailable;
        error.operation = request.operation;
        error.message = d->connection->serverApi().whyUnavailable(*feature);
        finish(false, error);
        return;
    }
    d->retry = 0;
    attempt();
}

void BaseJob::attempt() {
    if (d->state != State::Running || !d->connection)
        return;
    RateLimiter* limiter = d->connection->rateLimiter();
    QPointer<BaseJob> self(this);
    const RateLimiter::Ticket ticket = limiter->acquire([self] {
        if (!self || self->d->state != State::Running)
            return;
        self->d->ticket.reset();
        self->d->timedOut = false;
        ++self->d->requestCount;
        self->d->reply = self->d->connection->post(self->d->request);
        connect(self->d->reply, &QNetworkReply::finished, self, &BaseJob::onReplyFinished);
        self->d->timeoutTimer.start(self->d->effectiveTimeout());
    });
    if (!d->reply || d->reply->isFinished())
        d->ticket = ticket; // still waiting for a token (or about to be served)
}

void BaseJob::onTimeout() {
    if (!d->reply)
        return;
    d->timedOut = true;
    d->reply->abort(); // finished() follows, synchronously
}

void BaseJob::onReplyFinished() {
    QNetworkReply* reply = d->reply;
    if (!reply || sender() != reply)
        return;
    d->timeoutTimer.stop();
    d->reply.clear();
    reply->deleteLater();
    if (d->state != State::Running)
        return;

    ReplyContext context;
    context.action = action();
    context.operation = d->request.operation;
    context.serverName = d->connection ? d->connection->serverName() : QString();
    context.isMutation = d->request.isMutation;
    context.timedOut = d->timedOut;
    context.timeout = d->effectiveTimeout();
    ReplyOutcome outcome = readReply(reply, context);
    if (outcome.ok) {
        handleData(outcome.data);
        return;
    }
    handleFailure(outcome);
}

void BaseJob::handleFailure(const ReplyOutcome& outcome) {
    const ApiError& error = outcome.error;
    const bool retryable = outcome.retryable;
    const std::optional<milliseconds> retryAfter = outcome.retryAfter;
    const RetryPolicy policy = d->connection ? d->connection->retryPolicy() : RetryPolicy();
    int maxRetries = d->maxRetries.value_or(policy.maxRetries);
    if (outcome.unreachable)
        maxRetries = std::min(maxRetries, policy.maxUnreachableRetries);
    if (!retryable || d->retry >= maxRetries) {
        ApiError final = error;
        if (retryable && d->retry > 0) {
            final.message +=
                QStringLiteral(" (It still failed after %1 attempts.)").arg(d->retry + 1);
        }
        if (!recoverFrom(final))
            fail(final);
        return;
    }
    if (retryAfter && *retryAfter > policy.maxRetryAfter) {
        ApiError final = error;
        final.message += QStringLiteral(" The server asked to wait %1 s before trying again.")
                             .arg(retryAfter->count() / 1000);
        fail(final);
        return;
    }
    ++d->retry;
    milliseconds delay = policy.delayFor(d->retry, retryAfter);
    if (outcome.unreachable)
        delay = std::min(delay, policy.maxUnreachableBackoff);
    qCInfo(lcApi) << "retrying" << d->request.operation << "in" << delay.count() << "ms, retry"
                  << d->retry << "of" << maxRetries << "-" << error.message;
    d->retryTimer.start(delay);
    Q_EMIT retryScheduled(d->retry, qint64(delay.count()), error);
}

bool BaseJob::recoverFrom(const ApiError& /*error*/) {
    return false;
}

void BaseJob::succeed() {
    finish(true, ApiError());
}

void BaseJob::fail(const ApiError& error) {
    finish(false, error);
}

ApiError BaseJob::makeError(ApiError::Kind kind, const QString& what, const QString& advice) const {
    ApiError error;
    error.kind = kind;
    error.operation = d->request.operation;
    error.message = couldNot(action(), what, advice);
    return error;
}

void BaseJob::stopTransport() {
    d->timeoutTimer.stop();
    d->retryTimer.stop();
    if (d->ticket && d->connection)
        d->connection->rateLimiter()->cancel(*d->ticket);
    d->ticket.reset();
    if (QNetworkReply* reply = d->reply) {
        d->reply.clear();
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void BaseJob::finish(bool success, const ApiError& error) {
    if (isFinished())
        return;
    stopTransport();
    d->state = success ? State::Succeeded : State::Failed;
    d->error = error;
    if (d->connection)
        d->error.message = d->connection->redacted(d->error.message);
    if (!success)
        qCInfo(lcApi).noquote() << d->error.message;
    QPointer<BaseJob> self(this);
    if (success)
        Q_EMIT succeeded();
    else
        Q_EMIT failed(d->error);
    if (!self)
        return;
    Q_EMIT finished();
    if (self && d->autoDelete)
        deleteLater();
}

} // namespace kili::api
