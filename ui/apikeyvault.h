// The API keys of the connection profiles in the system keychain (QtKeychain), asynchronously.
// When no keychain service runs (headless machines, minimal desktops) it says so with
// unavailable(), and the caller asks the person before keeping the key anywhere else.
#pragma once

#include <QObject>

namespace kili::ui {

class ApiKeyVault : public QObject {
    Q_OBJECT
public:
    explicit ApiKeyVault(QObject* parent = nullptr);

    void read(const QString& profileName);
    void write(const QString& profileName, const QString& key);
    void remove(const QString& profileName);

Q_SIGNALS:
    void keyRead(const QString& profileName, const QString& key);
    void keyMissing(const QString& profileName);
    void written(const QString& profileName);
    // No keychain service, or it refused: `reason` is a sentence for the person.
    void unavailable(const QString& profileName, const QString& reason);
};

} // namespace kili::ui
