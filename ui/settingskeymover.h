// At start, the API keys kept in the settings file (saved when no keychain answered, with the
// person's agreement) move to the system keychain once one answers: each is written there, and
// only then taken out of the file. Without a keychain nothing changes.
#pragma once

#include <QObject>
#include <QStringList>

namespace kili::ui {

class ApiKeyVault;

class SettingsKeyMover : public QObject {
    Q_OBJECT
public:
    explicit SettingsKeyMover(ApiKeyVault* vault, QObject* parent = nullptr);

    // Moves the keys one profile after the other; finished() follows (at once when the file
    // holds none).
    void start();
    // The profiles whose key is in the keychain now, and no longer in the file.
    QStringList movedProfiles() const { return m_moved; }
    // "The API key of profile "Sandbox" moved from the settings file to the system keychain."
    // Empty when none moved.
    QString summary() const;

Q_SIGNALS:
    void finished();

private:
    void moveNext();
    void onWritten(const QString& profileName);

    ApiKeyVault* m_vault;
    QStringList m_pending;
    QStringList m_moved;
};

} // namespace kili::ui
