// kili-desk: argument parsing and wiring only.
//   kili-desk                         connection dialog (profiles, keychain)
//   kili-desk --sandbox               embedded sandbox with the demo projects, no dialog
//   kili-desk --endpoint URL [--api-key KEY]   (or KILI_API_ENDPOINT / KILI_API_KEY)
#include "api/connection.h"
#include "kiliversion.h"
#include "sandbox/embeddedsandbox.h"
#include "ui/apikeyvault.h"
#include "ui/connectiondialog.h"
#include "ui/connectionprofile.h"
#include "ui/import/importdesk.h"
#include "ui/mainwindow.h"
#include "ui/settingskeymover.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <memory>

using namespace kili;

namespace {

struct Options {
    bool sandbox = false;
    int generate = 0;
    int latencyMs = 0;
    QUrl endpoint;
    QString apiKey;
    QString projectId;
};

// The options, parsed before any GUI object exists: --help and --version then need no display
// (help2man runs `kili-desk --help` at build time, on machines without one).
class DeskCommandLine {
public:
    DeskCommandLine();
    // Answers --help and --version without a GUI and exits; otherwise returns.
    void answerWithoutGui(int argc, char** argv);
    // Parses again once the QApplication has removed its own options (-platform, -style…), so
    // that a mistake is reported as usual.
    Options parse(const QApplication& app);

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
    QCommandLineOption m_version;
    QCommandLineOption m_sandbox{
        QStringLiteral("sandbox"),
        QStringLiteral("Start the embedded sandbox with the demo projects and connect to it.")};
    QCommandLineOption m_generate{QStringLiteral("generate"),
                                  QStringLiteral("With --sandbox: also generate a project of N "
                                                 "assets."),
                                  QStringLiteral("N")};
    QCommandLineOption m_latency{QStringLiteral("latency"),
                                 QStringLiteral("With --sandbox: answer every request after MS "
                                                "milliseconds."),
                                 QStringLiteral("MS")};
    QCommandLineOption m_endpoint{QStringLiteral("endpoint"),
                                  QStringLiteral("GraphQL endpoint (default: KILI_API_ENDPOINT or "
                                                 "Kili's cloud)."),
                                  QStringLiteral("URL")};
    QCommandLineOption m_apiKey{QStringLiteral("api-key"),
                                QStringLiteral("API key (default: KILI_API_KEY)."),
                                QStringLiteral("KEY")};
    QCommandLineOption m_project{QStringLiteral("project"),
                                 QStringLiteral("Open this project id at start."),
                                 QStringLiteral("ID")};
};

DeskCommandLine::DeskCommandLine()
    : m_help(m_parser.addHelpOption())
    , m_version(m_parser.addVersionOption()) {
    m_parser.setApplicationDescription(
        QStringLiteral("Browse Kili projects, their interface, assets and labels."));
    m_parser.addOptions({m_sandbox, m_generate, m_latency, m_endpoint, m_apiKey, m_project});
}

void DeskCommandLine::answerWithoutGui(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // A parse error is left to parse(): it may be one of the QApplication's own options.
    m_parser.parse(arguments);
    const bool helpAll = m_parser.isSet(QStringLiteral("help-all")); // added by addHelpOption()
    if (!m_parser.isSet(m_help) && !helpAll && !m_parser.isSet(m_version))
        return;
    const QCoreApplication app(argc, argv);
    m_parser.process(app); // prints the help or the version, and exits
}

Options DeskCommandLine::parse(const QApplication& app) {
    m_parser.process(app);
    Options options;
    options.sandbox = m_parser.isSet(m_sandbox);
    options.generate = m_parser.value(m_generate).toInt();
    options.latencyMs = m_parser.value(m_latency).toInt();
    options.projectId = m_parser.value(m_project);
    options.endpoint =
        m_parser.isSet(m_endpoint) ? QUrl::fromUserInput(m_parser.value(m_endpoint)) : QUrl();
    options.apiKey =
        m_parser.isSet(m_apiKey) ? m_parser.value(m_apiKey) : qEnvironmentVariable("KILI_API_KEY");
    if (options.endpoint.isEmpty() && !options.apiKey.isEmpty())
        options.endpoint = api::Connection::endpointFromEnvironment();
    return options;
}

// Opens a window on a connection; "Connect…" replaces both.
class DeskLauncher : public QObject {
public:
    void open(std::unique_ptr<api::Connection> connection, const QString& projectId) {
        // The old window is deleted later (it may be emitting); its connection after it.
        if (m_connection)
            m_connection.release()->deleteLater();
        m_connection = std::move(connection);
        auto* window = new ui::MainWindow(m_connection.get());
        window->setAttribute(Qt::WA_DeleteOnClose);
        // Drops, File › Import predictions…, the prediction form and Copy as prediction.
        ui::ImportDesk::attach(window, m_connection.get());
        QObject::connect(window, &ui::MainWindow::connectRequested, this, [this, window] {
            ui::ConnectionDialog dialog(window);
            if (dialog.exec() != QDialog::Accepted)
                return;
            window->close(); // deleted later (WA_DeleteOnClose)
            open(std::make_unique<api::Connection>(dialog.endpoint(), dialog.apiKey()), {});
        });
        m_window = window;
        window->show();
        window->start(projectId);
    }

    void showStatus(const QString& message) {
        if (m_window && !message.isEmpty())
            m_window->statusBar()->showMessage(message, 15000);
    }

private:
    std::unique_ptr<api::Connection> m_connection;
    QPointer<ui::MainWindow> m_window;
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setApplicationName(QStringLiteral("kili-desk"));
    QCoreApplication::setOrganizationName(QStringLiteral("kili-desk"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kili::build::versionAndCommit));
    DeskCommandLine commandLine;
    commandLine.answerWithoutGui(argc, argv);

    QApplication app(argc, argv);
    const Options options = commandLine.parse(app);
    // The settings may hold a key (when no keychain runs) and name the user's servers.
    ui::ProfileStore::protectSettingsFile();

    std::unique_ptr<sandbox::EmbeddedSandbox> embedded;
    std::unique_ptr<api::Connection> connection;
    QString projectId = options.projectId;
    if (options.sandbox) {
        sandbox::SandboxOptions sandboxOptions;
        sandboxOptions.seedDemo = true;
        sandboxOptions.generateAssets = options.generate;
        sandboxOptions.latencyMs = options.latencyMs;
        embedded = std::make_unique<sandbox::EmbeddedSandbox>(sandboxOptions);
        QString error;
        if (!embedded->start(&error)) {
            QMessageBox::critical(
                nullptr, QStringLiteral("Kili Desk"),
                QStringLiteral("The embedded sandbox did not start: %1").arg(error));
            return 1;
        }
        connection = std::make_unique<api::Connection>(embedded->graphqlUrl(), embedded->apiKey());
        if (projectId.isEmpty() && options.generate > 0 && !embedded->createdProjectIds().isEmpty())
            projectId = embedded->createdProjectIds().constLast();
    } else if (!options.apiKey.isEmpty()) {
        connection = std::make_unique<api::Connection>(options.endpoint, options.apiKey);
    } else {
        ui::ConnectionDialog dialog;
        dialog.presetEndpoint(options.endpoint); // or KILI_API_ENDPOINT alone
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        connection = std::make_unique<api::Connection>(dialog.endpoint(), dialog.apiKey());
    }

    DeskLauncher launcher;
    launcher.open(std::move(connection), projectId);
    // Keys kept in the settings file while no keychain ran move to it as soon as one answers.
    ui::KeychainVault vault;
    ui::SettingsKeyMover mover(&vault);
    QObject::connect(&mover, &ui::SettingsKeyMover::finished, &launcher,
                     [&] { launcher.showStatus(mover.summary()); });
    mover.start();
    const int status = QApplication::exec();
    return status;
}
