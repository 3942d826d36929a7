#pragma once

#include "sandboxoptions.h"

#include <QObject>
#include <QString>
#include <QUrl>

class QThread;

namespace kili::sandbox {

class SandboxServer;

// `kili-desk --sandbox`: a SandboxServer and its database living in a thread of their own, so
// that the window never waits on SQLite. start() blocks only until the server listens (or
// failed), then the URL and key can be read from any thread.
class EmbeddedSandbox : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedSandbox(SandboxOptions options, QObject* parent = nullptr);
    ~EmbeddedSandbox() override; // stops the server and joins its thread

    bool start(QString* error);
    void stop();

    QUrl graphqlUrl() const { return m_graphqlUrl; }
    QString apiKey() const { return m_apiKey; }
    QStringList createdProjectIds() const { return m_createdProjects; }

private:
    SandboxOptions m_options;
    QThread* m_thread = nullptr;
    QObject* m_anchor = nullptr;       // lives in m_thread: the target of calls into it
    SandboxServer* m_server = nullptr; // lives in m_thread
    QUrl m_graphqlUrl;
    QString m_apiKey;
    QStringList m_createdProjects;
};

} // namespace kili::sandbox
