// Where the API keys of the connection profiles are kept, asynchronously: read(), write() and
// remove() each answer later with one of the signals. KeychainVault is the real one (the system
// keychain through QtKeychain); the dialog takes any ApiKeyVault. Tests run the real one both
// ways: with no D-Bus session (no service) and with GNOME Keyring on a private bus.
#pragma once

#include <QObject>

namespace kili::ui {

class ApiKeyVault : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void read(const QString& profileName) = 0;
    virtual void write(const QString& profileName, const QString& key) = 0;
    virtual void remove(const QString& profileName) = 0;

Q_SIGNALS:
    void keyRead(const QString& profileName, const QString& key);
    void keyMissing(const QString& profileName);
    void written(const QString& profileName);
    // No keychain service, or it refused: `reason` is a sentence for the person.
    void unavailable(const QString& profileName, const QString& reason);
};

// The system keychain (QtKeychain: the Secret Service — GNOME Keyring, KWallet… — over D-Bus on
// Linux). When no keychain service runs (headless machines, minimal desktops) it says so with
// unavailable(), and the caller asks the person before keeping the key anywhere else. It never
// falls back to storing keys itself (QtKeychain's insecure fallback stays off).
class KeychainVault : public ApiKeyVault {
    Q_OBJECT
public:
    explicit KeychainVault(QObject* parent = nullptr);

    void read(const QString& profileName) override;
    void write(const QString& profileName, const QString& key) override;
    void remove(const QString& profileName) override;
};

} // namespace kili::ui
