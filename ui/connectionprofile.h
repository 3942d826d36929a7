// Saved connections: a name and an endpoint in the settings file; the API key in the system
// keychain (ApiKeyVault), or — only when the person agreed because no keychain service runs —
// in the settings file too.
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace kili::ui {

struct ConnectionProfile {
    QString name;
    QUrl endpoint;
    // The person agreed to keep the key in the settings file (no keychain available).
    bool keyInSettings = false;
};

class ProfileStore {
public:
    static QList<ConnectionProfile> load();
    static void save(const QList<ConnectionProfile>& profiles);
    static QString lastProfileName();
    static void setLastProfileName(const QString& name);

    // Only for profiles with keyInSettings.
    static QString keyFromSettings(const QString& profileName);
    static void setKeyInSettings(const QString& profileName, const QString& key);
    static void removeKeyFromSettings(const QString& profileName);

    // Makes the settings file (which may hold a key) and its folder private to the user (0600,
    // 0700) before anything is written: QSettings keeps the permissions of an existing file.
    static void protectSettingsFile();
};

} // namespace kili::ui
