// kili-desk-cli's commands, runnable in-process (the executable is a thin main; tests run the
// same code against an in-process sandbox and read its output).
//
//   kili-desk-cli [--endpoint URL] [--api-key KEY] COMMAND ...
//
// Exit codes: 0 success; 1 usage (an input path that does not exist included), connection or
// authentication error; 2 invalid items found, or a file refused or holding no prediction;
// 3 some batches failed after retries (the journal allows `resume`).
#pragma once

#include <QObject>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace kili::api {
class Connection;
}

namespace kili::predictions {

class CliRunner : public QObject {
    Q_OBJECT
public:
    // `out` gets results (tables or --json), `err` messages and progress. `progressOnErr`: draw a
    // live progress line (only when stderr is a terminal).
    CliRunner(QTextStream& out, QTextStream& err, bool progressOnErr = false,
              QObject* parent = nullptr);
    ~CliRunner() override;

    // Runs one command line (without the program name) to its end, spinning an event loop.
    int run(const QStringList& arguments);

    static QString usage();

private:
    int runCommand(const QString& command, const QStringList& arguments);
    int projects(const QStringList& arguments);
    int interface(const QStringList& arguments);
    int labels(const QStringList& arguments);
    int importFiles(const QStringList& arguments);
    int resume(const QStringList& arguments);
    int rollback(const QStringList& arguments);
    int imports(const QStringList& arguments);
    int usageError(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
    bool m_progress;
    std::unique_ptr<kili::api::Connection> m_connection;
};

} // namespace kili::predictions
