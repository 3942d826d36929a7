#pragma once

#include "api/basejob.h"
#include "api/filters.h"

namespace kili::api {

// A count query (countProjects, countAssets, countLabels): one request, one integer.
class CountJob : public BaseJob {
    Q_OBJECT
public:
    // The count once succeeded() was emitted; -1 before.
    int count() const { return m_count; }

protected:
    CountJob(Connection* connection, QString operation, QString document, QJsonObject where,
             QString action, QObject* parent);
    QString action() const override { return m_action; }
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    GraphQLRequest m_request;
    QString m_action;
    int m_count = -1;
};

class CountProjectsJob : public CountJob {
    Q_OBJECT
public:
    explicit CountProjectsJob(Connection* connection, const ProjectFilter& filter = {},
                              QObject* parent = nullptr);
};

class CountAssetsJob : public CountJob {
    Q_OBJECT
public:
    CountAssetsJob(Connection* connection, const AssetFilter& filter, QObject* parent = nullptr);
};

class CountLabelsJob : public CountJob {
    Q_OBJECT
public:
    CountLabelsJob(Connection* connection, const LabelFilter& filter, QObject* parent = nullptr);
};

} // namespace kili::api
