// Help › About: the version from project(VERSION), Qt's version, and the server's version once the
// in-process sandbox has answered GET …/version.
#include "api/connection.h"
#include "sandbox/sandboxserver.h"
#include "ui/aboutdialog.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace kili;

namespace {

class AboutDialogTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_settingsDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions{});
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
        m_connection =
            std::make_unique<api::Connection>(m_server->graphqlUrl(), m_server->apiKey());
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::Connection> m_connection;
};

} // namespace

TEST_F(AboutDialogTest, ShowsTheVersionsOfTheDeskQtAndTheServer) {
    ui::AboutDialog dialog(m_connection.get());
    EXPECT_TRUE(dialog.versionText().contains(QStringLiteral(KILI_EXPECTED_VERSION " (")))
        << "no \"" KILI_EXPECTED_VERSION " (<commit>)\" in: " << dialog.versionText().toStdString();
    EXPECT_TRUE(dialog.versionText().contains(QString::fromLatin1(qVersion())))
        << "Qt's version is missing: " << dialog.versionText().toStdString();
    const bool answered = QTest::qWaitFor(
        [&] { return dialog.serverText().contains(QLatin1String("kili-sandbox")); }, 15000);
    EXPECT_TRUE(answered) << "the server's version never appeared: "
                          << dialog.serverText().toStdString();
}

TEST_F(AboutDialogTest, SaysWhenTheServerDoesNotTellItsVersion) {
    QUrl endpoint = m_server->graphqlUrl();
    endpoint.setPath(QStringLiteral("/elsewhere/graphql"));
    api::Connection elsewhere(endpoint, m_server->apiKey());
    ui::AboutDialog dialog(&elsewhere);
    const bool answered = QTest::qWaitFor(
        [&] { return dialog.serverText().contains(QLatin1String("not known")); }, 15000);
    EXPECT_TRUE(answered) << "no sentence about the missing version: "
                          << dialog.serverText().toStdString();
}

TEST_F(AboutDialogTest, TheHelpMenuOpensIt) {
    ui::MainWindow window(m_connection.get());
    QAction* about = window.action(QStringLiteral("about"));
    ASSERT_NE(about, nullptr) << "the window has no \"about\" action";
    about->trigger();
    auto* dialog = window.findChild<ui::AboutDialog*>();
    ASSERT_NE(dialog, nullptr) << "Help › About opened no AboutDialog";
    EXPECT_TRUE(dialog->isVisible());
    dialog->close();
}
