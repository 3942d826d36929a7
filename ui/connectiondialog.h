// Where to connect: saved profiles (name, endpoint — Kili's cloud preselected —, API key from the
// keychain). Connect checks the key with the server (SignInJob) before accepting, and offers to
// remember the key; with no keychain service running it says so and asks (a window-modal question,
// keepKeyQuestion()) before writing the key into the settings file; declined, the key is kept
// nowhere.
#pragma once

#include "connectionprofile.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace kili::api {
class Connection;
class SignInJob;
} // namespace kili::api

namespace kili::ui {

class ApiKeyVault;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    // `vault` keeps the keys (not owned); by default the system keychain (KeychainVault).
    explicit ConnectionDialog(QWidget* parent = nullptr, ApiKeyVault* vault = nullptr);

    QUrl endpoint() const;
    QString apiKey() const;
    QString profileName() const;

    QComboBox* profileBox() const { return m_profiles; }
    QLineEdit* apiKeyField() const { return m_key; }
    // Fills the endpoint from the command line's --endpoint when given, else from
    // KILI_API_ENDPOINT when it is set; otherwise leaves the saved profile's.
    void presetEndpoint(const QUrl& fromCommandLine);
    QComboBox* endpointBox() const { return m_endpoint; }
    QCheckBox* rememberBox() const { return m_remember; }
    QString statusText() const;
    // The question asked when no keychain service runs; null unless it is open.
    QMessageBox* keepKeyQuestion() const { return m_question; }

public Q_SLOTS:
    void tryConnect();

private:
    void showProfile(int index);
    void setBusy(bool busy, const QString& message = {});
    void showProblem(const QString& message);
    void rememberAndAccept();
    void askToKeepKeyInSettings(const QString& reason);
    ConnectionProfile currentProfile() const;
    void saveProfile(const ConnectionProfile& profile);

    QList<ConnectionProfile> m_saved;
    QComboBox* m_profiles;
    QLineEdit* m_name;
    QComboBox* m_endpoint;
    QLineEdit* m_key;
    QCheckBox* m_remember;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    ApiKeyVault* m_vault;
    api::Connection* m_probe = nullptr;
    QPointer<api::SignInJob> m_signIn;
    QPointer<QMessageBox> m_question;
};

} // namespace kili::ui
