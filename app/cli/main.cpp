// kili-desk-cli: headless inspection and prediction import. Everything lives in kilicli; this
// only wires the process's streams to it, and answers --version (the program's, not the library's).
#include "cli/clirunner.h"
#include "kiliversion.h"

#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <string_view>
#include <unistd.h>

namespace {

// --version among the options before the command (whose own options follow it); the global
// options --endpoint and --api-key take a value.
bool asksVersion(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--version")
            return true;
        if (argument == "--endpoint" || argument == "--api-key")
            ++i;
        else if (!argument.starts_with('-'))
            return false;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (asksVersion(argc, argv)) {
        std::printf("kili-desk-cli %s\n", kili::build::versionAndCommit);
        return 0;
    }
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
