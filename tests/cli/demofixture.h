// The fixture of the CLI tests on the demo projects: kili-desk-cli's runner against an in-process
// sandbox seeded with them, journals in a temporary folder.
#pragma once

#include "cli/clirunner.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>
#include <gtest/gtest.h>

namespace kili::testing {

class DemoCli : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(QStringLiteral("journals")).toUtf8());
        sandbox::SandboxOptions options;
        options.seedDemo = true;
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
    }

    // The runner against the sandbox; what it printed is in m_out and m_err (and `out`).
    int cli(QStringList arguments, QString* out = nullptr) {
        m_out.clear();
        m_err.clear();
        QTextStream outStream(&m_out), errStream(&m_err);
        cli::CliRunner runner(outStream, errStream);
        arguments = QStringList{QStringLiteral("--endpoint"), m_server->graphqlUrl().toString(),
                                QStringLiteral("--api-key"), m_server->apiKey()}
                    + arguments;
        const int code = runner.run(arguments);
        outStream.flush();
        errStream.flush();
        if (out)
            *out = m_out;
        return code;
    }

    // The id of the first demo project whose `field` is `value` (title, inputType…).
    QString demoProjectId(const QString& field, const QString& value) {
        EXPECT_EQ(cli({QStringLiteral("projects"), QStringLiteral("--json")}), 0)
            << m_err.toStdString();
        for (const QJsonValue& project : QJsonDocument::fromJson(m_out.toUtf8()).array())
            if (project[field].toString() == value)
                return project[QStringLiteral("id")].toString();
        return {};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QString m_out, m_err;
};

} // namespace kili::testing
