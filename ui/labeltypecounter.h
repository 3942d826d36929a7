// Counts a project's labels of each type and the assets holding them (every type in one request),
// for the counts on the label-type toggles.
#pragma once

#include "domain/labeltype.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace kili::api {
class Connection;
class BaseJob;
} // namespace kili::api

namespace kili::ui {

class LabelTypeCounter : public QObject {
    Q_OBJECT
public:
    explicit LabelTypeCounter(api::Connection* connection, QObject* parent = nullptr);
    ~LabelTypeCounter() override;

    void count(const QString& projectId);
    void cancel();

Q_SIGNALS:
    // `labels` of the type in the project, on `assets` assets.
    void counted(kili::LabelType type, int labels, int assets);
    void failed(const QString& message);

private:
    api::Connection* m_connection;
    QList<QPointer<api::BaseJob>> m_jobs;
};

} // namespace kili::ui
