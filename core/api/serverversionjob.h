#pragma once

#include "api/basejob.h"

#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace kili::api {

// The server's version (GET …/version, answered {"version": "…"}), for the About dialog. A plain
// GET rather than GraphQL, so the base job's transport is not used: the job owns its one reply and
// its timeout, and gives up without retrying (the version is worth a look, not a wait).
class ServerVersionJob : public BaseJob {
    Q_OBJECT
public:
    explicit ServerVersionJob(Connection* connection, QObject* parent = nullptr);
    ~ServerVersionJob() override;

    // Set once the job succeeded.
    QString version() const { return m_version; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QString m_version;
};

} // namespace kili::api
