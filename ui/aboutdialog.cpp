#include "aboutdialog.h"

#include "api/connection.h"
#include "api/serverversionjob.h"
#include "kiliversion.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace kili::ui {

AboutDialog::AboutDialog(api::Connection* connection, QWidget* parent)
    : QDialog(parent)
    , m_version(new QLabel(this))
    , m_server(new QLabel(this)) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Kili Desk"));
    auto* title = new QLabel(tr("<b>Kili Desk</b>"), this);
    auto* summary = new QLabel(tr("Browse Kili projects, their assets and labels, and import "
                                  "model predictions."),
                               this);
    summary->setWordWrap(true);
    m_version->setObjectName(QStringLiteral("aboutVersion"));
    // The Qt built against can differ from the one loaded (a newer 6.4.x of the distribution).
    m_version->setText(tr("Version %1\nQt %2 (built with %3)")
                           .arg(QString::fromLatin1(build::versionAndCommit),
                                QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_server->setObjectName(QStringLiteral("aboutServer"));
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_server->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    for (QWidget* widget : {static_cast<QWidget*>(title), static_cast<QWidget*>(summary),
                            static_cast<QWidget*>(m_version), static_cast<QWidget*>(m_server),
                            static_cast<QWidget*>(buttons)})
        layout->addWidget(widget);
    askServerVersion(connection);
}

QString AboutDialog::versionText() const {
    return m_version->text();
}

QString AboutDialog::serverText() const {
    return m_server->text();
}

void AboutDialog::askServerVersion(api::Connection* connection) {
    if (!connection) {
        m_server->setText(tr("Not connected to a server."));
        return;
    }
    const QString server = connection->serverName();
    m_server->setText(tr("Server %1: asking its version…").arg(server));
    // A child of the dialog: closing the dialog cancels the request.
    auto* job = new api::ServerVersionJob(connection, this);
    job->setAutoDelete(true);
    connect(job, &api::BaseJob::succeeded, this, [this, job, server] {
        m_server->setText(tr("Server %1: version %2").arg(server, job->version()));
    });
    connect(job, &api::BaseJob::failed, this, [this, server](const api::ApiError& error) {
        m_server->setText(
            tr("Server %1: its version is not known (%2)").arg(server, error.message));
    });
    job->start();
}

} // namespace kili::ui
