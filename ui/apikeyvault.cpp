#include "apikeyvault.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <qt6keychain/keychain.h>

namespace kili::ui {

namespace {
const QString Service = QStringLiteral("kili-desk");

// Services QtKeychain talks to on Linux: the freedesktop Secret Service (GNOME Keyring, KeePassXC,
// KWallet 5.97+), or KWallet's own interface.
const QStringList KeychainServices = {QStringLiteral("org.freedesktop.secrets"),
                                      QStringLiteral("org.kde.kwalletd5"),
                                      QStringLiteral("org.kde.kwalletd")};

// QtKeychain's libsecret backend reports a missing bus or service as a plain "OtherError" with
// GLib's message, so whether a keychain runs at all is asked of D-Bus itself — only after a
// failure, never on the happy path.
bool keychainServiceReachable() {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    for (const QString& service : KeychainServices) {
        if (bus.interface()->isServiceRegistered(service).value())
            return true;
        if (activatable.isValid() && activatable.value().contains(service))
            return true;
    }
    return false;
}

QString reasonOf(const QKeychain::Job* job) {
    if (job->error() == QKeychain::NoBackendAvailable || !keychainServiceReachable()) {
        if (!QDBusConnection::sessionBus().isConnected())
            return ApiKeyVault::tr("No keychain service is running on this computer: there is no "
                                   "D-Bus session, through which the system keychain (GNOME "
                                   "Keyring, KWallet) is reached.");
        return ApiKeyVault::tr("No keychain service is running on this computer: nothing on the "
                               "D-Bus session provides org.freedesktop.secrets (GNOME Keyring, "
                               "KWallet).");
    }
    if (job->error() == QKeychain::AccessDenied)
        return ApiKeyVault::tr("The system keychain is locked or refused access (%1). Unlock it "
                               "and connect again.")
            .arg(job->errorString());
    return ApiKeyVault::tr("The system keychain refused the request: %1.").arg(job->errorString());
}
} // namespace

KeychainVault::KeychainVault(QObject* parent)
    : ApiKeyVault(parent) {}

void KeychainVault::read(const QString& profileName) {
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

void KeychainVault::write(const QString& profileName, const QString& key) {
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

void KeychainVault::remove(const QString& profileName) {
    auto* job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(profileName);
    job->setAutoDelete(true);
    job->start();
}

} // namespace kili::ui
