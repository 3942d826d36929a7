// The real kili-desk window with the import attached, against an in-process sandbox holding the
// demo projects; settings and import journals in temporary folders.
#pragma once

#include "api/connection.h"
#include "predictions/kiliapibackend.h"
#include "sandbox/sandboxserver.h"
#include "ui/assetbrowser.h"
#include "ui/assetlabelmodel.h"
#include "ui/import/importdesk.h"
#include "ui/mainwindow.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

namespace kili::testing {

// A drop of local files on `target`, as a file manager makes it: enter, then drop.
inline void drop(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPointF where(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    ASSERT_TRUE(enter.isAccepted());
    QDropEvent dropEvent(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
    ASSERT_TRUE(dropEvent.isAccepted());
}

class ImportWindowTest : public ::testing::Test {
protected:
    virtual void configure(sandbox::SandboxOptions&) {}

    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        qputenv("KILI_DESK_JOURNAL_DIR", m_dir.filePath(QStringLiteral("journal")).toUtf8());
        sandbox::SandboxOptions options;
        options.seedDemo = true;
        configure(options);
        m_server = std::make_unique<sandbox::SandboxServer>(options);
        QString error;
        ASSERT_TRUE(m_server->start(&error)) << error.toStdString();
        m_connection =
            std::make_unique<api::Connection>(m_server->graphqlUrl(), m_server->apiKey());
        m_backend = std::make_unique<predictions::KiliApiBackend>(m_connection.get());
        m_window = std::make_unique<ui::MainWindow>(m_connection.get());
        m_desk = ui::ImportDesk::attach(m_window.get(), m_connection.get());
        m_window->resize(1400, 900);
        m_window->show();
        m_window->start();
    }

    void TearDown() override {
        m_window.reset();
        m_backend.reset();
        m_connection.reset();
        m_server.reset();
        qunsetenv("KILI_DESK_JOURNAL_DIR");
    }

    QString projectId(int which) const { return m_server->createdProjectIds().value(which); }
    QString porsche() const { return projectId(0); }

    void openProject(const QString& id) {
        m_window->openProject(id);
        ASSERT_TRUE(QTest::qWaitFor([&] { return m_window->currentProject().id == id; }, 15000));
        ui::AssetLabelModel* model = m_window->assetBrowser()->model();
        ASSERT_TRUE(QTest::qWaitFor([&] { return model->rowCount() > 0 && model->isPageLoaded(0); },
                                    15000));
    }

    QString writeFile(const QString& name, const QByteArray& content) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return path;
    }

    // Assets of the project with their labels, straight from the server.
    QList<Asset> serverAssets(const QString& project, const QStringList& externalIds) {
        QList<Asset> result;
        bool done = false;
        m_backend->fetchAssets(
            project, externalIds, {},
            [&](QList<Asset> assets, std::optional<predictions::BackendFailure> f) {
                EXPECT_FALSE(f.has_value());
                result = assets;
                done = true;
            });
        EXPECT_TRUE(QTest::qWaitFor([&] { return done; }, 15000));
        return result;
    }

    QList<Label> labelsOfModel(const QString& project, const QStringList& externalIds,
                               const QString& model) {
        QList<Label> labels;
        for (const Asset& asset : serverAssets(project, externalIds)) {
            for (Label label : asset.labels) {
                if (label.modelName == model && label.labelType == LabelType::Prediction) {
                    label.assetId = asset.externalId; // for messages
                    labels << label;
                }
            }
        }
        return labels;
    }

    static QStringList cars(int count) {
        QStringList ids;
        for (int i = 1; i <= count; ++i)
            ids << QStringLiteral("car-%1").arg(i, 2, 10, QLatin1Char('0'));
        return ids;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<api::Connection> m_connection;
    std::unique_ptr<predictions::KiliApiBackend> m_backend;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::ImportDesk* m_desk = nullptr;
};

} // namespace kili::testing
