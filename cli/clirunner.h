// kili-desk-cli's commands, runnable in-process (the executable is a thin main; tests run the
// same code against an in-process sandbox and read its output).
//
//   kili-desk-cli [--endpoint URL] [--api-key KEY] COMMAND ...
//
// Exit codes: 0 success; 1 usage (an unknown command, a malformed id, an input path that does not
// exist), connection or authentication error, or a project or import that does not exist; 2
// invalid items found, or a file refused or holding no prediction; 3 some batches failed after
// retries (the journal allows `resume`). A command the server's API no longer allows exits 1
// before sending anything (see serverOffers()).
#pragma once

#include "api/serverapi.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>
#include <memory>
#include <optional>

namespace kili {
struct Project;
class LabelType;
namespace evaluation {
class LabelSelector;
}
namespace api {
class Connection;
class BaseJob;
struct LabelFilter;
} // namespace api
} // namespace kili

namespace kili::cli {

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
    // The commands, as --help lists them.
    static QStringList commandNames();

private:
    struct Command;
    static const Command* findCommand(const QString& name);
    int unknownCommand(const QString& name);
    int projects(const QStringList& arguments);
    int interface(const QStringList& arguments);
    int labels(const QStringList& arguments);
    int streamLabels(const kili::api::LabelFilter& filter, const QString& model, bool json);
    int importFiles(const QStringList& arguments);
    int resume(const QStringList& arguments);
    int rollback(const QStringList& arguments);
    int imports(const QStringList& arguments);
    int evaluate(const QStringList& arguments);
    // Reads the project's labels of `types` once, page by page, into `selector`; false after
    // printing why it failed.
    bool readEvaluationLabels(const QString& projectId, kili::evaluation::LabelSelector& selector,
                              const QList<kili::LabelType>& types);
    int usageError(const QString& message);
    // Prints `message` (made printable) as the command's error and returns exit code 1.
    int failure(const QString& message);
    // Checks the server's API (introspected once per server version, then cached) before a command
    // sends anything: false, after saying which and why, when it lacks one of `features` or
    // cannot be reached. A server whose schema cannot be had is used unchecked.
    bool serverOffers(const QList<kili::api::Feature>& features);
    // The project, or nullopt after printing why not (it does not exist, the server failed).
    std::optional<kili::Project> findProject(const QString& projectId);
    // Runs a job to its end inside a local event loop; true when it succeeded.
    static bool runToEnd(kili::api::BaseJob& job);

    QTextStream& m_out;
    QTextStream& m_err;
    bool m_progress;
    std::unique_ptr<kili::api::Connection> m_connection;
};

} // namespace kili::cli
