#pragma once

#include <QString>
#include <QStringList>

namespace kili::sandbox {

// Everything a sandbox instance is configured with. Defaults suit an in-process test server:
// an in-memory database, any free port, a generated API key and no injected faults.
struct SandboxOptions {
    QString host = QStringLiteral("127.0.0.1"); // loopback only; anything else is refused
    quint16 port = 0;                           // 0 = any free port
    QString dbPath = QStringLiteral(":memory:");
    QString apiKey;        // empty = generate one
    int latencyMs = 0;     // added before every answer (answered from a timer, not a sleep)
    double failRate = 0.0; // share of requests answered 500/502/503
    double dropRate = 0.0; // share of connections closed without an answer
    // Share of API requests that are handled (a mutation's change is made) and whose answer is
    // then lost: the connection closes without a byte. What a client sees when a server or a
    // proxy dies after the work is done; the case where resending would create things twice.
    double lostAnswerRate = 0.0;
    // > 0: a mutation is carried out this many ms after it arrived (the answer follows it), as a
    // slow backend does: a client that times out first and checks at once finds nothing yet.
    int slowCommitMs = 0;
    int rateLimitPerMinute = 0; // 0 = unlimited; beyond it 429 with Retry-After
    int rateWindowMs = 60000;   // the rate limit's sliding window; short ones make 429 storms fast
    int maxPageSize = 500;      // largest `first` accepted by the list queries
    bool seedDemo = false;      // the three demo projects
    int generateAssets = 0;     // > 0: a generated image-classification project of that size
    QStringList loadFiles;      // PROJECT.json files to load at start
    qint64 maxBodyBytes = 32 * 1024 * 1024; // larger request bodies are answered 413
    // Largest cost of one GraphQL document (see QueryCost); costlier ones are refused unrun.
    qint64 maxQueryCost = 200000;
    quint32 faultSeed = 0; // 0 = random; fixed seeds make fault tests reproducible
    // Fields and arguments the served schema lacks ("Mutation.appendManyLabels",
    // "Label.honeypotMark", "Query.labels(skip)"): a server whose API moved, for client tests.
    QStringList withoutSchema;
};

} // namespace kili::sandbox
