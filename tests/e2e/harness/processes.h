// Runs the real executables as separate processes for the end-to-end, fault and security suites:
// kili-sandbox (its URL and key are read from what it prints) and kili-desk-cli (exit code,
// stdout, stderr). Paths come from CMake ($<TARGET_FILE:...>) so ctest runs the built ones.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <memory>
#include <string>

namespace kili::testing {

QString sandboxExecutable();
QString cliExecutable();

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;  // killed by a signal
    bool timedOut = false; // still running after the time allowed, then killed
    QByteArray out;
    QByteArray err;

    bool exitedWith(int code) const { return !crashed && !timedOut && exitCode == code; }
    // "exit 2\n--- stdout\n...\n--- stderr\n..." for failure messages
    std::string describe() const;
};

// A kili-sandbox process. The destructor stops it (SIGTERM, then SIGKILL).
class SandboxProcess {
public:
    explicit SandboxProcess(QStringList arguments);
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess&) = delete;
    SandboxProcess& operator=(const SandboxProcess&) = delete;

    // Starts it and waits until it prints its endpoint and key (generating a big project takes a
    // while: `startupLimitMs` is a safety net against a hang, not a performance assertion).
    bool start(QString* error, int startupLimitMs = 180000);
    // SIGTERM and wait; returns false when it had to be killed.
    bool stop();
    void kill();

    QUrl graphqlUrl() const { return m_url; }
    QString apiKey() const { return m_key; }
    // stdout and stderr so far (stdout includes the two start lines)
    QByteArray output();
    QByteArray errors();

private:
    QStringList m_arguments;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
    QByteArray m_err;
    QUrl m_url;
    QString m_key;
};

// The environment kili-desk-cli runs with: this process's, minus any real Kili credentials, with
// journals and app data in `dataDir`.
QProcessEnvironment cliEnvironment(const QString& dataDir);

// Runs kili-desk-cli to its end.
ProcessResult runCli(const QStringList& arguments, const QProcessEnvironment& environment,
                     int limitMs = 600000);

// Starts kili-desk-cli without waiting (for SIGKILL tests); the caller owns the process.
std::unique_ptr<QProcess> startCli(const QStringList& arguments,
                                   const QProcessEnvironment& environment);

} // namespace kili::testing
