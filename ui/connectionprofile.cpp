#include "connectionprofile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace kili::ui {

namespace {
const QString ProfilesGroup = QStringLiteral("profiles");
const QString KeysGroup = QStringLiteral("plainTextKeys");
} // namespace

QList<ConnectionProfile> ProfileStore::load() {
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int size = settings.beginReadArray(ProfilesGroup);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = settings.value(QStringLiteral("name")).toString();
        profile.endpoint = settings.value(QStringLiteral("endpoint")).toUrl();
        profile.keyInSettings = settings.value(QStringLiteral("keyInSettings")).toBool();
        if (!profile.name.isEmpty())
            profiles.append(profile);
    }
    settings.endArray();
    return profiles;
}

void ProfileStore::save(const QList<ConnectionProfile>& profiles) {
    QSettings settings;
    settings.beginWriteArray(ProfilesGroup, static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profiles[i].name);
        settings.setValue(QStringLiteral("endpoint"), profiles[i].endpoint);
        settings.setValue(QStringLiteral("keyInSettings"), profiles[i].keyInSettings);
    }
    settings.endArray();
}

QString ProfileStore::lastProfileName() {
    return QSettings().value(QStringLiteral("connection/lastProfile")).toString();
}

void ProfileStore::setLastProfileName(const QString& name) {
    QSettings().setValue(QStringLiteral("connection/lastProfile"), name);
}

QString ProfileStore::keyFromSettings(const QString& profileName) {
    QSettings settings;
    settings.beginGroup(KeysGroup);
    return settings.value(profileName).toString();
}

void ProfileStore::setKeyInSettings(const QString& profileName, const QString& key) {
    protectSettingsFile();
    QSettings settings;
    settings.beginGroup(KeysGroup);
    settings.setValue(profileName, key);
}

void ProfileStore::removeKeyFromSettings(const QString& profileName) {
    QSettings settings;
    settings.beginGroup(KeysGroup);
    settings.remove(profileName);
}

void ProfileStore::protectSettingsFile() {
    const QString path = QSettings().fileName();
    const QString folder = QFileInfo(path).path();
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile file(path);
    if (!file.exists())
        file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace kili::ui
