#pragma once

#include "api/apierror.h"
#include "api/graphqlrequest.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <chrono>
#include <memory>

namespace kili::api {

struct ReplyOutcome;

class Connection;

// One API operation. Owns timeout, retries with backoff and jitter, the shared rate limit,
// cancellation and the reading of `data`/`errors`; subclasses only build requests and read data.
//
// Completion contract (KJob / libQuotient): once started, a job emits exactly one of succeeded()
// or failed(), then finished(), exactly once, and nothing after. cancel() on a job that has not
// finished emits failed(ApiError::Cancelled) and finished() before it returns; nothing follows.
// Results are reported from the event loop, never from inside start(), so connecting after
// start() is fine. Do not `delete` a job from a slot of its own signals; use deleteLater() or
// setAutoDelete(true).
class BaseJob : public QObject {
    Q_OBJECT
public:
    enum class State { NotStarted, Running, Succeeded, Failed };

    explicit BaseJob(Connection* connection, QObject* parent = nullptr);
    ~BaseJob() override;

    void start();
    void cancel();

    State state() const;
    bool isFinished() const { return state() == State::Succeeded || state() == State::Failed; }
    // The error reported by failed(); kind None before that.
    const ApiError& error() const;

    // Deletes the job (deleteLater) after finished(). Off by default.
    void setAutoDelete(bool autoDelete);
    // Overrides the connection's timeout / retry count for this job's requests.
    void setTimeout(std::chrono::milliseconds timeout);
    void setMaxRetries(int maxRetries);
    // Number of HTTP requests sent so far, retries included.
    int requestCount() const;

Q_SIGNALS:
    void succeeded();
    void failed(const kili::api::ApiError& error);
    void finished();
    // A request failed in a way worth retrying; it is sent again after `delayMs`.
    void retryScheduled(int retry, qint64 delayMs, const kili::api::ApiError& reason);

protected:
    // What the job does, to complete "Could not …": e.g. "list the assets of project clp1".
    virtual QString action() const = 0;
    // Called once from the event loop after start(): send the first request (or fail).
    virtual void startRequests() = 0;
    // Called with the `data` object of a successful answer. Send the next request, or call
    // succeed() or fail().
    virtual void handleData(const QJsonObject& data) = 0;
    // Called with an error the transport will not retry. Return true to take it over (send
    // another request, or succeed); the default reports it with failed().
    virtual bool recoverFrom(const ApiError& error);

    void send(const GraphQLRequest& request);
    void succeed();
    void fail(const ApiError& error);
    // An error of `kind` whose message is "Could not <action>: <what>. <advice>".
    ApiError makeError(ApiError::Kind kind, const QString& what, const QString& advice) const;
    Connection* connection() const;

private:
    struct Private;
    std::unique_ptr<Private> d;

    void attempt();
    void onReplyFinished();
    void onTimeout();
    void handleFailure(const ReplyOutcome& outcome);
    void finish(bool success, const ApiError& error);
    void stopTransport();
};

} // namespace kili::api
