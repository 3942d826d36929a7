// kili-desk: argument parsing and wiring only.
//   kili-desk                         connection dialog (profiles, keychain)
//   kili-desk --sandbox               embedded sandbox with the demo projects, no dialog
//   kili-desk --endpoint URL [--api-key KEY]   (or KILI_API_ENDPOINT / KILI_API_KEY)
#include "api/connection.h"
#include "sandbox/embeddedsandbox.h"
#include "ui/connectiondialog.h"
#include "ui/import/importdesk.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QPointer>
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

Options parse(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Browse Kili projects, their interface, assets and labels."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        QStringLiteral("Start the embedded sandbox with the demo projects and connect to it."));
    const QCommandLineOption generate(
        QStringLiteral("generate"),
        QStringLiteral("With --sandbox: also generate a project of N assets."),
        QStringLiteral("N"));
    const QCommandLineOption latency(QStringLiteral("latency"),
                                     QStringLiteral("With --sandbox: answer every request after "
                                                    "MS milliseconds."),
                                     QStringLiteral("MS"));
    const QCommandLineOption endpoint(QStringLiteral("endpoint"),
                                      QStringLiteral("GraphQL endpoint (default: KILI_API_ENDPOINT "
                                                     "or Kili's cloud)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("API key (default: KILI_API_KEY)."),
                                    QStringLiteral("KEY"));
    const QCommandLineOption project(QStringLiteral("project"),
                                     QStringLiteral("Open this project id at start."),
                                     QStringLiteral("ID"));
    parser.addOptions({sandbox, generate, latency, endpoint, apiKey, project});
    parser.process(app);

    Options options;
    options.sandbox = parser.isSet(sandbox);
    options.generate = parser.value(generate).toInt();
    options.latencyMs = parser.value(latency).toInt();
    options.projectId = parser.value(project);
    options.endpoint =
        parser.isSet(endpoint) ? QUrl::fromUserInput(parser.value(endpoint)) : QUrl();
    options.apiKey =
        parser.isSet(apiKey) ? parser.value(apiKey) : qEnvironmentVariable("KILI_API_KEY");
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

private:
    std::unique_ptr<api::Connection> m_connection;
    QPointer<ui::MainWindow> m_window;
};

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kili-desk"));
    QApplication::setOrganizationName(QStringLiteral("kili-desk"));
    QApplication::setApplicationVersion(QStringLiteral(KILI_DESK_VERSION));
    const Options options = parse(app);

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
        if (options.endpoint.isValid())
            dialog.endpointBox()->setCurrentText(options.endpoint.toString());
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        connection = std::make_unique<api::Connection>(dialog.endpoint(), dialog.apiKey());
    }

    DeskLauncher launcher;
    launcher.open(std::move(connection), projectId);
    const int status = QApplication::exec();
    return status;
}
