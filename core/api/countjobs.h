#pragma once

#include "api/basejob.h"
#include "api/filters.h"
#include "domain/labeltype.h"

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

// The labels of a project per label type, and the assets holding them, every known type in one
// request (aliases) rather than two requests per type.
class CountLabelsByTypeJob : public BaseJob {
    Q_OBJECT
public:
    struct Count {
        kili::LabelType type;
        int labels = 0;
        int assets = 0; // assets with at least one label of the type
    };

    CountLabelsByTypeJob(Connection* connection, const QString& projectId,
                         QObject* parent = nullptr);

    // Per LabelType::known(), once succeeded() was emitted.
    QList<Count> counts() const { return m_counts; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    QString m_projectId;
    QList<Count> m_counts;
};

} // namespace kili::api
