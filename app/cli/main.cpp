// kili-desk-cli: headless inspection and prediction import. Everything lives in kilicli; this
// only wires the process's streams to it.
#include "cli/clirunner.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("kili-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("kili-desk"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    kili::cli::CliRunner runner(out, err, ::isatty(STDERR_FILENO) == 1);
    const int code = runner.run(QCoreApplication::arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
