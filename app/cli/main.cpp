// kili-desk-cli: headless inspection and prediction import. Everything lives in kilicli; this
// only wires the process's streams to it, and answers --version (the program's, not the library's).
#include "kiliversion.h"
#include "predictions/cli/clirunner.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <cstring>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("kili-desk-cli %s\n", kili::build::versionAndCommit);
        return 0;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("kili-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("kili-desk"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    kili::predictions::CliRunner runner(out, err, ::isatty(STDERR_FILENO) == 1);
    const int code = runner.run(QCoreApplication::arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
