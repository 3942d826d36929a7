// GoogleTest entry point for the non-GUI suites: a QCoreApplication exists for the whole run so
// that tests can use timers, sockets and QSignalSpy::wait.
#include <QCoreApplication>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kili-desk-tests"));
    // Caches (the schema check's introspection results) live in a folder of this run only: no
    // test reads what another run left, and nothing lands in the home folder.
    QTemporaryDir cache;
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
