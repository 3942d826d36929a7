#pragma once

#include "sandboxoptions.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <memory>

namespace kili::sandbox {

class FaultInjector;

// A local Kili-compatible GraphQL server: SQLite storage, API-key auth, demo data and fault
// injection, on loopback. Lives in the thread that creates it; a test creates one, calls start()
// and spins its event loop while its client talks to graphqlUrl().
//
//     SandboxOptions options;            // :memory:, port 0, generated key
//     options.seedDemo = true;
//     SandboxServer server(options);
//     QString error;
//     ASSERT_TRUE(server.start(&error)) << error.toStdString();
//     connection.setEndpoint(server.graphqlUrl()); connection.setApiKey(server.apiKey());
class SandboxServer : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options, QObject* parent = nullptr);
    ~SandboxServer() override;

    // Opens the database, seeds/loads/generates what the options ask for, then listens. False
    // with a sentence in *error (non-loopback host, port taken, unreadable file...).
    bool start(QString* error);

    QUrl graphqlUrl() const; // http://127.0.0.1:PORT/api/label/v2/graphql
    QUrl baseUrl() const;    // http://127.0.0.1:PORT/api/label/v2
    quint16 port() const;
    QString apiKey() const;
    const SandboxOptions& options() const { return m_options; }

    // Ids of the projects created by this start (demo, loaded files, generated), in that order.
    QStringList createdProjectIds() const;
    // Ids of all projects in the database, oldest first.
    QStringList projectIds() const;

    // Change injected faults while running (tests).
    FaultInjector& faults();

    // The message shown when --host is not a loopback address.
    static bool isLoopbackHost(const QString& host, QString* error);

private:
    struct Parts;
    SandboxOptions m_options;
    std::unique_ptr<Parts> d;
};

} // namespace kili::sandbox
