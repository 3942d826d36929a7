// Help › About: Kili Desk's version and commit, the Qt it runs on, and the version of the server
// it is connected to (asked when the dialog opens; the line says so until the server answers).
#pragma once

#include <QDialog>

class QLabel;

namespace kili::api {
class Connection;
}

namespace kili::ui {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    // The connection is not owned; the dialog may outlive it only when closed first.
    explicit AboutDialog(api::Connection* connection, QWidget* parent = nullptr);

    QString versionText() const;
    QString serverText() const;

private:
    void askServerVersion(api::Connection* connection);

    QLabel* m_version;
    QLabel* m_server;
};

} // namespace kili::ui
