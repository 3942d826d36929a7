#include "connectiondialog.h"

#include "api/connection.h"
#include "api/userjobs.h"
#include "apikeyvault.h"
#include "readablecolor.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

namespace kili::ui {

ConnectionDialog::ConnectionDialog(QWidget* parent, ApiKeyVault* vault)
    : QDialog(parent)
    , m_saved(ProfileStore::load())
    , m_profiles(new QComboBox(this))
    , m_name(new QLineEdit(this))
    , m_endpoint(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the key in the system keychain"), this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_vault(vault ? vault : new KeychainVault(this)) {
    setWindowTitle(tr("Connect to Kili"));
    setMinimumWidth(520);

    for (const ConnectionProfile& profile : m_saved)
        m_profiles->addItem(profile.name);
    m_profiles->addItem(tr("New profile…"));
    m_endpoint->setEditable(true);
    m_endpoint->addItem(api::Connection::defaultEndpoint().toString());
    m_endpoint->addItem(QStringLiteral("http://127.0.0.1:8080/api/label/v2/graphql"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("From the Kili web app: My account › API KEY"));
    QAction* reveal = m_key->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                       QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the key"));
    connect(reveal, &QAction::toggled, this, [this](bool shown) {
        m_key->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_remember->setChecked(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QPushButton* connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::tryConnect);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_signIn) {
            m_signIn->cancel();
            setBusy(false, tr("Cancelled."));
            return;
        }
        reject();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Profile:"), m_profiles);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(QString(), m_remember);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_profiles, &QComboBox::currentIndexChanged, this, &ConnectionDialog::showProfile);
    connect(m_vault, &ApiKeyVault::keyRead, this, [this](const QString& name, const QString& key) {
        if (name == m_name->text() && m_key->text().isEmpty())
            m_key->setText(key);
    });
    connect(m_vault, &ApiKeyVault::unavailable, this,
            [this](const QString&, const QString& reason) {
                if (!m_signIn && !isVisible())
                    return;
                if (m_status->text().isEmpty())
                    m_status->setText(reason);
            });

    const int last = m_profiles->findText(ProfileStore::lastProfileName());
    m_profiles->setCurrentIndex(last >= 0 ? last : 0);
    showProfile(m_profiles->currentIndex());
}

QUrl ConnectionDialog::endpoint() const {
    return QUrl::fromUserInput(m_endpoint->currentText().trimmed());
}

QString ConnectionDialog::apiKey() const {
    return m_key->text().trimmed();
}

QString ConnectionDialog::profileName() const {
    return m_name->text().trimmed();
}

QString ConnectionDialog::statusText() const {
    return m_status->text();
}

void ConnectionDialog::showProfile(int index) {
    m_key->clear();
    m_status->clear();
    if (index < 0 || index >= m_saved.size()) {
        m_name->setText(m_saved.isEmpty() ? tr("Kili cloud") : QString());
        m_endpoint->setCurrentIndex(0); // Kili's cloud
        return;
    }
    const ConnectionProfile& profile = m_saved.at(index);
    m_name->setText(profile.name);
    m_endpoint->setCurrentText(profile.endpoint.toString());
    if (profile.keyInSettings)
        m_key->setText(ProfileStore::keyFromSettings(profile.name));
    else
        m_vault->read(profile.name);
}

ConnectionProfile ConnectionDialog::currentProfile() const {
    ConnectionProfile profile;
    profile.name = profileName().isEmpty() ? endpoint().host() : profileName();
    profile.endpoint = endpoint();
    for (const ConnectionProfile& saved : m_saved) {
        if (saved.name == profile.name)
            profile.keyInSettings = saved.keyInSettings;
    }
    return profile;
}

void ConnectionDialog::saveProfile(const ConnectionProfile& profile) {
    QList<ConnectionProfile> profiles = m_saved;
    profiles.removeIf([&](const ConnectionProfile& p) { return p.name == profile.name; });
    profiles.prepend(profile);
    ProfileStore::save(profiles);
    ProfileStore::setLastProfileName(profile.name);
    m_saved = profiles;
}

void ConnectionDialog::setBusy(bool busy, const QString& message) {
    for (QWidget* widget : {static_cast<QWidget*>(m_profiles), static_cast<QWidget*>(m_name),
                            static_cast<QWidget*>(m_endpoint), static_cast<QWidget*>(m_key),
                            static_cast<QWidget*>(m_remember)})
        widget->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(busy ? tr("Stop") : tr("Cancel"));
    m_status->setStyleSheet(QString());
    m_status->setText(message);
}

void ConnectionDialog::showProblem(const QString& message) {
    setBusy(false);
    m_status->setStyleSheet(
        QStringLiteral("color: %1;")
            .arg(readableOn(QColor(0xb0, 0x00, 0x20), palette().color(QPalette::Window)).name()));
    m_status->setText(message);
}

void ConnectionDialog::tryConnect() {
    const QUrl url = endpoint();
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        showProblem(tr("The endpoint is not an http(s) address. Use e.g. %1.")
                        .arg(api::Connection::defaultEndpoint().toString()));
        return;
    }
    if (apiKey().isEmpty()) {
        showProblem(tr("Paste an API key: create one in the Kili web app under My account › "
                       "API KEY."));
        return;
    }
    delete m_probe;
    m_probe = new api::Connection(url, apiKey(), this);
    auto* job = new api::SignInJob(m_probe, this);
    job->setAutoDelete(true);
    m_signIn = job;
    connect(job, &api::BaseJob::succeeded, this, [this, job] {
        QString message = tr("Signed in as %1.").arg(job->user().email);
        if (!job->warning().isEmpty())
            message += QLatin1Char(' ') + job->warning();
        setBusy(false, message);
        rememberAndAccept();
    });
    connect(job, &api::BaseJob::failed, this, [this](const api::ApiError& error) {
        if (error.kind != api::ApiError::Cancelled)
            showProblem(error.message);
    });
    setBusy(true, tr("Checking the key with %1…").arg(m_probe->serverName()));
    job->start();
}

void ConnectionDialog::rememberAndAccept() {
    ConnectionProfile profile = currentProfile();
    if (!m_remember->isChecked()) {
        // Not to be remembered: whatever was kept for this profile goes too.
        profile.keyInSettings = false;
        saveProfile(profile);
        ProfileStore::removeKeyFromSettings(profile.name);
        m_vault->remove(profile.name);
        accept();
        return;
    }
    saveProfile(profile);
    setBusy(true,
            m_status->text() + QLatin1Char(' ') + tr("Saving the key in the system keychain…"));
    // The vault answers asynchronously; one of the two signals follows.
    auto* context = new QObject(this);
    const QString name = profile.name;
    connect(m_vault, &ApiKeyVault::written, context, [this, context, name](const QString& saved) {
        if (saved != name)
            return;
        context->deleteLater();
        // The keychain holds it now: no copy stays in the settings file.
        ConnectionProfile kept = currentProfile();
        if (kept.keyInSettings) {
            kept.keyInSettings = false;
            saveProfile(kept);
        }
        ProfileStore::removeKeyFromSettings(name);
        accept();
    });
    connect(m_vault, &ApiKeyVault::unavailable, context,
            [this, context, name](const QString& refused, const QString& reason) {
                if (refused != name)
                    return;
                context->deleteLater();
                if (currentProfile().keyInSettings) {
                    // Agreed to at an earlier connection: the key replaces the one kept there.
                    ProfileStore::setKeyInSettings(name, apiKey());
                    accept();
                    return;
                }
                askToKeepKeyInSettings(reason);
            });
    m_vault->write(profile.name, apiKey());
}

void ConnectionDialog::askToKeepKeyInSettings(const QString& reason) {
    setBusy(false);
    m_status->setText(reason + QLatin1Char(' ')
                      + tr("The key is kept nowhere unless you agree to keep it in the settings "
                           "file."));
    // Window-modal and not blocking (no nested event loop): the answer arrives in finished().
    auto* question = new QMessageBox(
        QMessageBox::Question, tr("Keep the API key?"),
        tr("%1\n\nKeep the key in the settings file instead? It is stored there unencrypted "
           "(%2), readable by anyone who can read your files. Without it you paste the key at "
           "the next start.")
            .arg(reason, QSettings().fileName()),
        QMessageBox::Yes | QMessageBox::No, this);
    question->setObjectName(QStringLiteral("keepKeyQuestion"));
    question->button(QMessageBox::Yes)->setText(tr("&Keep it in the settings file"));
    question->button(QMessageBox::No)->setText(tr("&Don't keep it"));
    question->setDefaultButton(QMessageBox::No);
    question->setEscapeButton(QMessageBox::No);
    question->setAttribute(Qt::WA_DeleteOnClose);
    m_question = question;
    connect(question, &QMessageBox::finished, this, [this, question] {
        if (question->clickedButton() == question->button(QMessageBox::Yes)) {
            ConnectionProfile profile = currentProfile();
            profile.keyInSettings = true;
            saveProfile(profile);
            ProfileStore::setKeyInSettings(profile.name, apiKey());
        }
        accept();
    });
    question->open();
}

void ConnectionDialog::presetEndpoint(const QUrl& fromCommandLine) {
    QUrl endpoint = fromCommandLine;
    if (!endpoint.isValid() && qEnvironmentVariableIsSet("KILI_API_ENDPOINT"))
        endpoint = api::Connection::endpointFromEnvironment();
    if (endpoint.isValid())
        m_endpoint->setCurrentText(endpoint.toString());
}

} // namespace kili::ui
