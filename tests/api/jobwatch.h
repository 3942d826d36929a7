#pragma once

#include "api/basejob.h"

#include <QSignalSpy>
#include <QStringList>
#include <QTest>

// Records what a job emits, in order, and waits for it to finish.
class JobWatch {
public:
    explicit JobWatch(kili::api::BaseJob* job)
        : finished(job, &kili::api::BaseJob::finished)
        , retries(job, &kili::api::BaseJob::retryScheduled) {
        QObject::connect(job, &kili::api::BaseJob::succeeded, job,
                         [this] { events.append(QStringLiteral("succeeded")); });
        QObject::connect(job, &kili::api::BaseJob::failed, job,
                         [this](const kili::api::ApiError& e) {
                             events.append(QStringLiteral("failed"));
                             error = e;
                         });
        QObject::connect(job, &kili::api::BaseJob::finished, job,
                         [this] { events.append(QStringLiteral("finished")); });
    }

    bool wait(int timeoutMs = 15000) { return finished.count() > 0 || finished.wait(timeoutMs); }
    bool succeededOnce() const {
        return events == QStringList{QStringLiteral("succeeded"), QStringLiteral("finished")};
    }
    bool failedOnce() const {
        return events == QStringList{QStringLiteral("failed"), QStringLiteral("finished")};
    }

    QSignalSpy finished;
    QSignalSpy retries;
    QStringList events;
    kili::api::ApiError error;
};
