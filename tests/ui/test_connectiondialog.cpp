// The connection dialog against an in-process sandbox: profiles (name, endpoint, key), Kili's cloud
// preselected, a wrong key refused in the dialog, and where the key is kept — in a running
// keychain, or, with no keychain service (the real QtKeychain on a machine without a D-Bus
// session), in the settings file only when the person agrees, and nowhere when they decline.
#include "api/connection.h"
#include "sandbox/sandboxserver.h"
#include "ui/apikeyvault.h"
#include "ui/connectiondialog.h"
#include "ui/connectionprofile.h"
#include "ui/settingskeymover.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace kili;
using namespace kili::ui;

namespace {

class ConnectionDialogTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        // No D-Bus session: QtKeychain then finds no keychain service, the same on every
        // machine (a developer's desktop keychain is never touched).
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toUtf8());
        m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions{});
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
    }

    // Fills the form for the sandbox and presses Connect.
    static void connectTo(ConnectionDialog& dialog, const QString& name, const QUrl& endpoint,
                          const QString& key) {
        dialog.show();
        dialog.findChild<QLineEdit*>(QStringLiteral("profileName"))->setText(name);
        dialog.endpointBox()->setCurrentText(endpoint.toString());
        dialog.apiKeyField()->setText(key);
        QPushButton* connect = dialog.findChild<QPushButton*>(QStringLiteral("connectButton"));
        ASSERT_NE(connect, nullptr);
        QTest::mouseClick(connect, Qt::LeftButton);
    }

    static QByteArray settingsFile() {
        QFile file(QSettings().fileName());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }

    QString key() const { return m_server->apiKey(); }

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
};

} // namespace

TEST_F(ConnectionDialogTest, PreselectsKiliCloudForTheFirstProfile) {
    ConnectionDialog dialog;
    EXPECT_EQ(dialog.endpoint(), api::Connection::defaultEndpoint());
    EXPECT_EQ(dialog.profileName(), QStringLiteral("Kili cloud"));
    EXPECT_TRUE(dialog.apiKeyField()->text().isEmpty());
    EXPECT_EQ(dialog.apiKeyField()->echoMode(), QLineEdit::Password);
    EXPECT_EQ(dialog.profileBox()->count(), 1); // only "New profile…"
}

TEST_F(ConnectionDialogTest, AWrongKeyIsRefusedInTheDialog) {
    ConnectionDialog dialog;
    connectTo(dialog, QStringLiteral("Sandbox"), m_server->graphqlUrl(),
              QStringLiteral("not-a-key-of-this-server"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.apiKeyField()->isEnabled(); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !dialog.statusText().isEmpty(); }, 10000));
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("API key"), Qt::CaseInsensitive))
        << dialog.statusText().toStdString();
    EXPECT_FALSE(dialog.statusText().contains(QStringLiteral("not-a-key-of-this-server")))
        << "the key is shown in the error";
    EXPECT_TRUE(ProfileStore::load().isEmpty());
}

TEST_F(ConnectionDialogTest, AnEndpointThatIsNotHttpIsRefusedBeforeAnyRequest) {
    ConnectionDialog dialog;
    connectTo(dialog, QStringLiteral("Bad"), QUrl(QStringLiteral("ftp://example.com/graphql")),
              key());
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("http")));
    EXPECT_TRUE(dialog.apiKeyField()->isEnabled());
}

TEST_F(ConnectionDialogTest, WithoutAKeychainItAsksAndKeepsTheKeyNowhereWhenDeclined) {
    ConnectionDialog dialog; // the real keychain vault: QtKeychain finds no service
    connectTo(dialog, QStringLiteral("Sandbox"), m_server->graphqlUrl(), key());
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.keepKeyQuestion() != nullptr; }, 10000))
        << dialog.statusText().toStdString();
    QMessageBox* question = dialog.keepKeyQuestion();
    EXPECT_TRUE(dialog.statusText().contains(QStringLiteral("No keychain service")))
        << dialog.statusText().toStdString();
    EXPECT_TRUE(question->text().contains(QStringLiteral("No keychain service")));
    EXPECT_TRUE(question->text().contains(QStringLiteral("unencrypted")));
    EXPECT_EQ(question->defaultButton(), question->button(QMessageBox::No));
    EXPECT_NE(dialog.result(), QDialog::Accepted) << "accepted before the person answered";
    EXPECT_FALSE(settingsFile().contains(key().toUtf8()));

    QTest::mouseClick(question->button(QMessageBox::No), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 5000));
    EXPECT_EQ(dialog.apiKey(), key()); // this session still connects with it

    const QByteArray file = settingsFile();
    EXPECT_TRUE(file.contains("Sandbox"));
    EXPECT_FALSE(file.contains(key().toUtf8())) << "declined, yet the key is in the settings file";
    const QList<ConnectionProfile> profiles = ProfileStore::load();
    ASSERT_EQ(profiles.size(), 1);
    EXPECT_FALSE(profiles.first().keyInSettings);
    EXPECT_TRUE(ProfileStore::keyFromSettings(QStringLiteral("Sandbox")).isEmpty());

    // The next start says why the key field is empty.
    ConnectionDialog again;
    again.show();
    EXPECT_EQ(again.profileName(), QStringLiteral("Sandbox"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return again.statusText().contains(QStringLiteral("No keychain service")); }, 5000));
    EXPECT_TRUE(again.apiKey().isEmpty());
}

TEST_F(ConnectionDialogTest, WithoutAKeychainTheKeyGoesToTheSettingsFileOnlyWhenAccepted) {
    {
        ConnectionDialog dialog;
        connectTo(dialog, QStringLiteral("Sandbox"), m_server->graphqlUrl(), key());
        ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.keepKeyQuestion() != nullptr; }, 10000))
            << dialog.statusText().toStdString();
        QTest::mouseClick(dialog.keepKeyQuestion()->button(QMessageBox::Yes), Qt::LeftButton);
        ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 5000));
    }
    // In clear, once, in the keys section — nowhere else in the file.
    const QByteArray file = settingsFile();
    const QByteArray clear = key().toUtf8();
    EXPECT_EQ(file.count(clear), 1) << file.toStdString();
    const qsizetype section = file.indexOf("[plainTextKeys]");
    ASSERT_GE(section, 0) << file.toStdString();
    const qsizetype at = file.indexOf(clear);
    EXPECT_GT(at, section);
    const qsizetype nextSection = file.indexOf("\n[", section + 1);
    EXPECT_TRUE(nextSection < 0 || at < nextSection) << file.toStdString();
    const QList<ConnectionProfile> profiles = ProfileStore::load();
    ASSERT_EQ(profiles.size(), 1);
    EXPECT_TRUE(profiles.first().keyInSettings);
    const QFile::Permissions others =
        QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
    EXPECT_EQ(QFileInfo(QSettings().fileName()).permissions() & others, QFile::Permissions())
        << "the settings file holding a key in clear is readable by others";

    // The next start fills the key from there and connects without asking again.
    ConnectionDialog again;
    again.show();
    EXPECT_EQ(again.apiKey(), key());
    QTest::mouseClick(again.findChild<QPushButton*>(QStringLiteral("connectButton")),
                      Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return again.result() == QDialog::Accepted; }, 10000))
        << again.statusText().toStdString();
    EXPECT_EQ(again.keepKeyQuestion(), nullptr);
    EXPECT_EQ(settingsFile().count(clear), 1);

    // Unticking "Remember" forgets it.
    ConnectionDialog forget;
    forget.show();
    forget.rememberBox()->setChecked(false);
    QTest::mouseClick(forget.findChild<QPushButton*>(QStringLiteral("connectButton")),
                      Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return forget.result() == QDialog::Accepted; }, 10000))
        << forget.statusText().toStdString();
    EXPECT_FALSE(settingsFile().contains(clear));
    EXPECT_FALSE(ProfileStore::load().first().keyInSettings);
}

TEST_F(ConnectionDialogTest, WithoutAKeychainAtStartTheKeyStaysWhereThePersonAgreedToKeepIt) {
    ProfileStore::save(
        {ConnectionProfile{QStringLiteral("Sandbox"), m_server->graphqlUrl(), true}});
    ProfileStore::setKeyInSettings(QStringLiteral("Sandbox"), key());
    KeychainVault vault; // QtKeychain finds no service
    SettingsKeyMover mover(&vault);
    QSignalSpy finished(&mover, &SettingsKeyMover::finished);
    mover.start();
    ASSERT_TRUE(finished.wait(15000)) << "the mover never finished without a keychain";
    EXPECT_TRUE(mover.movedProfiles().isEmpty());
    EXPECT_TRUE(mover.summary().isEmpty());
    EXPECT_EQ(ProfileStore::keyFromSettings(QStringLiteral("Sandbox")), key())
        << "without a keychain the key must stay in the file (the person agreed to it)";
    EXPECT_TRUE(ProfileStore::load().first().keyInSettings);
}

TEST_F(ConnectionDialogTest, KiliApiEndpointAlonePrefillsTheDialogAndEndpointOptionWins) {
    const QByteArray before = qgetenv("KILI_API_ENDPOINT");
    qputenv("KILI_API_ENDPOINT", "http://127.0.0.1:9/api/label/v2/graphql");
    {
        ConnectionDialog dialog;
        dialog.presetEndpoint(QUrl());
        EXPECT_EQ(dialog.endpoint(),
                  QUrl(QStringLiteral("http://127.0.0.1:9/api/label/v2/graphql")))
            << "KILI_API_ENDPOINT without a key must still pre-fill the dialog";
        EXPECT_TRUE(dialog.apiKey().isEmpty());
    }
    {
        ConnectionDialog dialog;
        dialog.presetEndpoint(QUrl(QStringLiteral("http://127.0.0.1:8/api/label/v2/graphql")));
        EXPECT_EQ(dialog.endpoint(),
                  QUrl(QStringLiteral("http://127.0.0.1:8/api/label/v2/graphql")))
            << "--endpoint wins over KILI_API_ENDPOINT";
    }
    qunsetenv("KILI_API_ENDPOINT");
    {
        ConnectionDialog dialog;
        dialog.presetEndpoint(QUrl());
        EXPECT_EQ(dialog.endpoint(), api::Connection::defaultEndpoint());
    }
    if (!before.isNull())
        qputenv("KILI_API_ENDPOINT", before);
}
