// GoogleTest entry point for the Widgets suites: a QApplication on the offscreen platform unless
// the caller chose another one (a developer may want to watch the widgets under Xvfb).
#include <QApplication>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kili-desk-tests"));
    // Caches (the schema check's introspection results) live in a folder of this run only: no
    // test reads what another run left, and nothing lands in the home folder.
    QTemporaryDir cache;
    qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
