#include "settingskeymover.h"

#include "apikeyvault.h"
#include "connectionprofile.h"

#include <QTimer>

namespace kili::ui {

SettingsKeyMover::SettingsKeyMover(ApiKeyVault* vault, QObject* parent)
    : QObject(parent)
    , m_vault(vault) {
    connect(m_vault, &ApiKeyVault::written, this, &SettingsKeyMover::onWritten);
    // No keychain, or it refused: the keys stay where the person agreed to keep them.
    connect(m_vault, &ApiKeyVault::unavailable, this, [this](const QString& profileName) {
        if (m_pending.isEmpty() || m_pending.first() != profileName)
            return;
        m_pending.clear();
        Q_EMIT finished();
    });
}

void SettingsKeyMover::start() {
    m_pending.clear();
    for (const ConnectionProfile& profile : ProfileStore::load()) {
        if (profile.keyInSettings && !ProfileStore::keyFromSettings(profile.name).isEmpty())
            m_pending.append(profile.name);
    }
    if (m_pending.isEmpty()) {
        QTimer::singleShot(0, this, &SettingsKeyMover::finished);
        return;
    }
    moveNext();
}

void SettingsKeyMover::moveNext() {
    if (m_pending.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    const QString name = m_pending.first();
    m_vault->write(name, ProfileStore::keyFromSettings(name));
}

void SettingsKeyMover::onWritten(const QString& profileName) {
    if (m_pending.isEmpty() || m_pending.first() != profileName)
        return;
    m_pending.removeFirst();
    // The keychain holds it now: the profile says so, then the file's copy goes.
    QList<ConnectionProfile> profiles = ProfileStore::load();
    for (ConnectionProfile& profile : profiles) {
        if (profile.name == profileName)
            profile.keyInSettings = false;
    }
    ProfileStore::save(profiles);
    ProfileStore::removeKeyFromSettings(profileName);
    m_moved.append(profileName);
    moveNext();
}

QString SettingsKeyMover::summary() const {
    if (m_moved.isEmpty())
        return {};
    QStringList quoted;
    for (const QString& name : m_moved)
        quoted.append(QLatin1Char('"') + name + QLatin1Char('"'));
    return m_moved.size() == 1
               ? tr("The API key of profile %1 moved from the settings file to the system "
                    "keychain.")
                     .arg(quoted.first())
               : tr("The API keys of profiles %1 moved from the settings file to the system "
                    "keychain.")
                     .arg(quoted.join(QStringLiteral(", ")));
}

} // namespace kili::ui
