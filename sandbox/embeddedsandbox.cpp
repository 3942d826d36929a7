#include "embeddedsandbox.h"

#include "sandboxserver.h"

#include <QThread>

namespace kili::sandbox {

EmbeddedSandbox::EmbeddedSandbox(SandboxOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {}

EmbeddedSandbox::~EmbeddedSandbox() {
    stop();
}

bool EmbeddedSandbox::start(QString* error) {
    if (m_thread) {
        *error = QStringLiteral("The embedded sandbox is already running.");
        return false;
    }
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("kili-sandbox"));
    m_thread->start();
    bool started = false;
    QString failure;
    // Created, started and later destroyed in the sandbox thread: its SQLite connection and
    // sockets belong to that thread.
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread);
    QMetaObject::invokeMethod(
        m_anchor,
        [this, &started, &failure] {
            m_server = new SandboxServer(m_options);
            started = m_server->start(&failure);
            if (started) {
                m_graphqlUrl = m_server->graphqlUrl();
                m_apiKey = m_server->apiKey();
                m_createdProjects = m_server->createdProjectIds();
            } else {
                delete m_server;
                m_server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        *error = failure;
        stop();
        return false;
    }
    return true;
}

void EmbeddedSandbox::stop() {
    if (!m_thread)
        return;
    if (m_server) {
        SandboxServer* server = m_server;
        m_server = nullptr;
        QMetaObject::invokeMethod(
            m_anchor, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_anchor; // its thread has finished: safe to delete from here
    m_anchor = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

} // namespace kili::sandbox
