#include "apikeyvault.h"

#include <qt6keychain/keychain.h>

namespace kili::ui {

namespace {
const QString Service = QStringLiteral("kili-desk");

QString reasonOf(const QKeychain::Job* job) {
    if (job->error() == QKeychain::NoBackendAvailable)
        return ApiKeyVault::tr("No keychain service is running on this computer (%1).")
            .arg(job->errorString());
    return ApiKeyVault::tr("The system keychain refused the request: %1.").arg(job->errorString());
}
} // namespace

ApiKeyVault::ApiKeyVault(QObject* parent)
    : QObject(parent) {}

void ApiKeyVault::read(const QString& profileName) {
    auto* job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(profileName);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, profileName] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT keyRead(profileName, job->textData());
        else if (job->error() == QKeychain::EntryNotFound)
            Q_EMIT keyMissing(profileName);
        else
            Q_EMIT unavailable(profileName, reasonOf(job));
    });
    job->start();
}

void ApiKeyVault::write(const QString& profileName, const QString& key) {
    auto* job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(profileName);
    job->setTextData(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, profileName] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT written(profileName);
        else
            Q_EMIT unavailable(profileName, reasonOf(job));
    });
    job->start();
}

void ApiKeyVault::remove(const QString& profileName) {
    auto* job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(profileName);
    job->setAutoDelete(true);
    job->start();
}

} // namespace kili::ui
