#include "processes.h"

#include <QDeadlineTimer>
#include <QDir>

namespace kili::testing {

QString sandboxExecutable() {
    return QStringLiteral(KILI_SANDBOX_EXE);
}
QString cliExecutable() {
    return QStringLiteral(KILI_CLI_EXE);
}

std::string ProcessResult::describe() const {
    QByteArray text;
    if (timedOut)
        text += "did not finish in the time allowed (killed)";
    else if (crashed)
        text += "crashed (killed by a signal)";
    else
        text += "exit code " + QByteArray::number(exitCode);
    text += "\n--- stdout\n" + out.left(8000) + "\n--- stderr\n" + err.left(8000);
    return text.toStdString();
}

SandboxProcess::SandboxProcess(QStringList arguments)
    : m_arguments(std::move(arguments)) {}

SandboxProcess::~SandboxProcess() {
    if (m_process && m_process->state() != QProcess::NotRunning)
        stop();
}

bool SandboxProcess::start(QString* error, int startupLimitMs) {
    m_process = std::make_unique<QProcess>();
    m_out.clear();
    m_err.clear();
    m_url.clear();
    m_key.clear();
    m_process->start(sandboxExecutable(), m_arguments);
    if (!m_process->waitForStarted(30000)) {
        *error = QStringLiteral("kili-sandbox did not start: ") + m_process->errorString();
        return false;
    }
    const QDeadlineTimer deadline(startupLimitMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        m_out += m_process->readAllStandardOutput();
        m_err += m_process->readAllStandardError();
        for (const QByteArray& line : m_out.split('\n')) {
            if (line.startsWith("GraphQL endpoint: "))
                m_url = QUrl(QString::fromUtf8(line.mid(18).trimmed()));
            else if (line.startsWith("API key: "))
                m_key = QString::fromUtf8(line.mid(9).trimmed());
        }
        if (m_url.isValid() && !m_key.isEmpty())
            return true;
        if (m_process->state() == QProcess::NotRunning) {
            *error =
                QStringLiteral("kili-sandbox exited (code %1) before printing its endpoint: %2")
                    .arg(m_process->exitCode())
                    .arg(QString::fromUtf8(m_err));
            return false;
        }
    }
    *error =
        QStringLiteral("kili-sandbox printed no endpoint in time: ") + QString::fromUtf8(m_err);
    return false;
}

bool SandboxProcess::stop() {
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    m_process->terminate();
    if (m_process->waitForFinished(30000)) {
        output();
        errors();
        return true;
    }
    kill();
    return false;
}

void SandboxProcess::kill() {
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(30000);
}

QByteArray SandboxProcess::output() {
    if (m_process)
        m_out += m_process->readAllStandardOutput();
    return m_out;
}

QByteArray SandboxProcess::errors() {
    if (m_process)
        m_err += m_process->readAllStandardError();
    return m_err;
}

QProcessEnvironment cliEnvironment(const QString& dataDir) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"KILI_API_KEY", "KILI_API_ENDPOINT", "KILI_DESK_JOURNAL_DIR"})
        environment.remove(QString::fromLatin1(name));
    QDir().mkpath(dataDir + QStringLiteral("/journals"));
    QDir().mkpath(dataDir + QStringLiteral("/home"));
    environment.insert(QStringLiteral("KILI_DESK_JOURNAL_DIR"),
                       dataDir + QStringLiteral("/journals"));
    // QStandardPaths (logs, caches, settings) under the test's folder, never the user's.
    environment.insert(QStringLiteral("HOME"), dataDir + QStringLiteral("/home"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataDir + QStringLiteral("/home/data"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dataDir + QStringLiteral("/home/config"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), dataDir + QStringLiteral("/home/cache"));
    return environment;
}

std::unique_ptr<QProcess> startCli(const QStringList& arguments,
                                   const QProcessEnvironment& environment) {
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment);
    process->start(cliExecutable(), arguments);
    return process;
}

ProcessResult runCli(const QStringList& arguments, const QProcessEnvironment& environment,
                     int limitMs) {
    ProcessResult result;
    auto process = startCli(arguments, environment);
    if (!process->waitForStarted(30000)) {
        result.err = "kili-desk-cli did not start: " + process->errorString().toUtf8();
        return result;
    }
    process->closeWriteChannel();
    if (!process->waitForFinished(limitMs)) {
        result.timedOut = true;
        process->kill();
        process->waitForFinished(30000);
    }
    result.out = process->readAllStandardOutput();
    result.err = process->readAllStandardError();
    result.crashed = !result.timedOut && process->exitStatus() == QProcess::CrashExit;
    result.exitCode = process->exitCode();
    return result;
}

} // namespace kili::testing
