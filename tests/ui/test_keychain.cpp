// The connection dialog with a keychain service running: a private D-Bus session with GNOME
// Keyring's Secret Service on it (a fresh, unlocked login keyring in a temporary folder), reached
// through the real QtKeychain. Its own executable: QtDBus and GLib keep the first session bus a
// process meets, and the other dialog tests point theirs at nowhere.
// Skipped, saying why, where dbus-daemon or gnome-keyring-daemon is not installed.
#include "api/connection.h"
#include "sandbox/sandboxserver.h"
#include "ui/apikeyvault.h"
#include "ui/connectiondialog.h"
#include "ui/connectionprofile.h"
#include "ui/settingskeymover.h"

#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {

// One bus and one keyring for the whole executable (the first session bus is the one kept).
class KeychainService {
public:
    // Empty when it runs; otherwise why not.
    QString start() {
        const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyring =
            QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (dbus.isEmpty() || keyring.isEmpty())
            return QStringLiteral("needs dbus-daemon and gnome-keyring-daemon (Debian packages "
                                  "dbus-daemon and gnome-keyring) to run a keychain service");
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        m_bus.start(
            dbus, {QStringLiteral("--session"), QStringLiteral("--nofork"),
                   QStringLiteral("--print-address=1"),
                   QLatin1String("--address=unix:path=") + m_dir.filePath(QStringLiteral("bus"))});
        if (!m_bus.waitForStarted(5000))
            return QLatin1String("dbus-daemon: ") + m_bus.errorString();
        if (!QTest::qWaitFor([&] { return m_bus.canReadLine(); }, 10000))
            return QStringLiteral("dbus-daemon printed no address");
        const QByteArray address = m_bus.readLine().trimmed();
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        // The keyring's files and sockets in the temporary folder, never the person's.
        const QString home = m_dir.filePath(QStringLiteral("home"));
        const QString runtime = m_dir.filePath(QStringLiteral("run"));
        QDir().mkpath(home);
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QLatin1String("/.local/share"));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(address));
        m_keyring.setProcessEnvironment(environment);
        // --unlock reads the login keyring's password from standard input (and creates it).
        m_keyring.start(keyring,
                        {QStringLiteral("--foreground"), QStringLiteral("--components=secrets"),
                         QStringLiteral("--unlock")});
        if (!m_keyring.waitForStarted(5000))
            return QLatin1String("gnome-keyring-daemon: ") + m_keyring.errorString();
        m_keyring.write("keyring-password-of-the-test");
        m_keyring.closeWriteChannel();
        QDBusConnection session = QDBusConnection::sessionBus();
        if (!session.isConnected())
            return QLatin1String("the private bus: ") + session.lastError().message();
        const bool up = QTest::qWaitFor(
            [&] {
                return session.interface()
                    ->isServiceRegistered(QStringLiteral("org.freedesktop.secrets"))
                    .value();
            },
            10000);
        if (!up)
            return QLatin1String("GNOME Keyring did not come up: ")
                   + QString::fromLocal8Bit(m_keyring.readAllStandardError());
        return {};
    }

    ~KeychainService() {
        for (QProcess* process : {&m_keyring, &m_bus}) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
};

class KeychainTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_service = new KeychainService;
        s_problem = s_service->start();
    }
    static void TearDownTestSuite() {
        delete s_service;
        s_service = nullptr;
    }

    void SetUp() override {
        if (!s_problem.isEmpty())
            GTEST_SKIP() << s_problem.toStdString();
        ASSERT_TRUE(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions{});
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
    }

    void connectWith(ConnectionDialog& dialog, const QString& name) {
        dialog.show();
        dialog.findChild<QLineEdit*>(QStringLiteral("profileName"))->setText(name);
        dialog.endpointBox()->setCurrentText(m_server->graphqlUrl().toString());
        dialog.apiKeyField()->setText(m_server->apiKey());
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("connectButton")),
                          Qt::LeftButton);
    }

    static QByteArray settingsFile() {
        QFile file(QSettings().fileName());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static inline KeychainService* s_service = nullptr;
    static inline QString s_problem;
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

} // namespace

TEST_F(KeychainTest, TheKeyGoesToTheKeychainWithoutAQuestionAndComesBackFromIt) {
    const QString key = m_server->apiKey();
    {
        ConnectionDialog dialog;
        connectWith(dialog, QStringLiteral("Sandbox"));
        ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 15000))
            << dialog.statusText().toStdString();
        EXPECT_EQ(dialog.keepKeyQuestion(), nullptr);
    }
    EXPECT_FALSE(settingsFile().contains(key.toUtf8())) << "the key is in the settings file";
    EXPECT_FALSE(ProfileStore::load().first().keyInSettings);

    KeychainVault vault;
    QSignalSpy read(&vault, &ApiKeyVault::keyRead);
    vault.read(QStringLiteral("Sandbox"));
    ASSERT_TRUE(read.wait(10000));
    EXPECT_EQ(read.first().at(1).toString(), key);

    // The next start: the profile is preselected, its key comes from the keychain.
    ConnectionDialog again;
    again.show();
    EXPECT_EQ(again.profileBox()->currentText(), QStringLiteral("Sandbox"));
    EXPECT_EQ(again.endpoint(), m_server->graphqlUrl());
    ASSERT_TRUE(QTest::qWaitFor([&] { return again.apiKey() == key; }, 10000))
        << again.statusText().toStdString();
    // "New profile…" starts from Kili's cloud again, with no key.
    again.profileBox()->setCurrentIndex(again.profileBox()->count() - 1);
    EXPECT_EQ(again.endpoint(), api::Connection::defaultEndpoint());
    EXPECT_TRUE(again.apiKey().isEmpty());
}

TEST_F(KeychainTest, AKeyKeptInTheSettingsFileMovesToTheKeychainWhenOneRuns) {
    const QString key = m_server->apiKey();
    ProfileStore::save(
        {ConnectionProfile{QStringLiteral("Sandbox"), m_server->graphqlUrl(), true}});
    ProfileStore::setKeyInSettings(QStringLiteral("Sandbox"), key);
    ProfileStore::setLastProfileName(QStringLiteral("Sandbox"));
    ASSERT_TRUE(settingsFile().contains(key.toUtf8()));

    ConnectionDialog dialog;
    dialog.show();
    EXPECT_EQ(dialog.apiKey(), key);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("connectButton")),
                      Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 15000))
        << dialog.statusText().toStdString();
    EXPECT_FALSE(settingsFile().contains(key.toUtf8())) << "a copy stayed in the settings file";
    EXPECT_FALSE(ProfileStore::load().first().keyInSettings);

    KeychainVault vault;
    QSignalSpy read(&vault, &ApiKeyVault::keyRead);
    vault.read(QStringLiteral("Sandbox"));
    ASSERT_TRUE(read.wait(10000));
    EXPECT_EQ(read.first().at(1).toString(), key);
}

TEST_F(KeychainTest, AtStartAKeyInTheSettingsFileMovesToTheKeychainBeforeAnyConnect) {
    const QString key = m_server->apiKey();
    ProfileStore::save(
        {ConnectionProfile{QStringLiteral("Sandbox"), m_server->graphqlUrl(), true},
         ConnectionProfile{QStringLiteral("Cloud"), api::Connection::defaultEndpoint(), false}});
    ProfileStore::setKeyInSettings(QStringLiteral("Sandbox"), key);
    ASSERT_TRUE(settingsFile().contains(key.toUtf8()));

    KeychainVault vault;
    SettingsKeyMover mover(&vault);
    QSignalSpy finished(&mover, &SettingsKeyMover::finished);
    mover.start();
    ASSERT_TRUE(finished.wait(15000)) << "the mover never finished";
    EXPECT_EQ(mover.movedProfiles(), QStringList{QStringLiteral("Sandbox")});
    EXPECT_EQ(mover.summary(), QStringLiteral("The API key of profile \"Sandbox\" moved from the "
                                              "settings file to the system keychain."));
    EXPECT_FALSE(settingsFile().contains(key.toUtf8())) << "a copy stayed in the settings file";
    const QList<ConnectionProfile> profiles = ProfileStore::load();
    ASSERT_EQ(profiles.size(), 2);
    EXPECT_FALSE(profiles.first().keyInSettings);

    QSignalSpy read(&vault, &ApiKeyVault::keyRead);
    vault.read(QStringLiteral("Sandbox"));
    ASSERT_TRUE(read.wait(10000));
    EXPECT_EQ(read.first().at(1).toString(), key);

    // The next start finds nothing to move and says nothing.
    SettingsKeyMover again(&vault);
    QSignalSpy finishedAgain(&again, &SettingsKeyMover::finished);
    again.start();
    ASSERT_TRUE(finishedAgain.wait(5000));
    EXPECT_TRUE(again.summary().isEmpty());
}
