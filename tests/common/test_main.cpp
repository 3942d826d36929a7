// GoogleTest entry point for the non-GUI suites: a QCoreApplication exists for the whole run so
// that tests can use timers, sockets and QSignalSpy::wait.
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kili-desk-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
