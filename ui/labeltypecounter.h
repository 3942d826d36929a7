// Counts a project's labels of each type (countLabels with typeIn, every type in one request), for
// the counts on the label-type toggles.
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
    void counted(kili::LabelType type, int count);
    void failed(const QString& message);

private:
    api::Connection* m_connection;
    QList<QPointer<api::BaseJob>> m_jobs;
};

} // namespace kili::ui
