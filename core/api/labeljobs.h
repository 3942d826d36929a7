#pragma once

#include "api/basejob.h"
#include "api/filters.h"
#include "api/pagedjob.h"
#include "domain/label.h"

#include <optional>

namespace kili::api {

// Reads the labels matching a filter, streaming one page at a time.
class LabelsJob : public PagedQueryJob {
    Q_OBJECT
public:
    LabelsJob(Connection* connection, const LabelFilter& filter, QObject* parent = nullptr);

    void setCollect(bool collect) { m_collect = collect; }
    QList<kili::Label> labels() const { return m_labels; }

Q_SIGNALS:
    void pageReceived(const QList<kili::Label>& labels, int skip);

protected:
    QString action() const override;
    GraphQLRequest pageRequest() const override;
    void handlePage(const QJsonArray& items, int skip) override;

private:
    LabelFilter m_filter;
    bool m_collect = false;
    QList<kili::Label> m_labels;
};

// One label to create: the asset it goes on and its jsonResponse.
struct LabelInput {
    QString assetId;
    QJsonObject jsonResponse;
    std::optional<double> secondsToLabel;
};

// appendManyLabels: creates labels (PREDICTION, INFERENCE…) in one call. A write: if its outcome
// is unknown (timeout or dropped connection after sending) it fails with UnknownOutcome and is
// not resent; the caller decides (the import journal checks first).
class AppendManyLabelsJob : public BaseJob {
    Q_OBJECT
public:
    // The SDK sends at most this many labels per call.
    static constexpr int kMaxLabelsPerCall = 100;
    // How long one call may take on `connection` before its outcome is unknown.
    static std::chrono::milliseconds timeoutOn(const Connection& connection);

    AppendManyLabelsJob(Connection* connection, const QString& projectId, kili::LabelType labelType,
                        const QString& modelName, const QList<LabelInput>& labels,
                        bool overwrite = false, QObject* parent = nullptr);

    // Ids of the created labels, in the server's order.
    QStringList createdLabelIds() const { return m_createdIds; }
    // The exact variables sent (for journals and tests).
    QJsonObject variables() const;

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    QString m_projectId;
    kili::LabelType m_labelType;
    QString m_modelName;
    QList<LabelInput> m_labels;
    bool m_overwrite = false;
    QStringList m_createdIds;
};

// deleteLabels: deletes PREDICTION / INFERENCE labels by id; returns the deleted ids.
class DeleteLabelsJob : public BaseJob {
    Q_OBJECT
public:
    DeleteLabelsJob(Connection* connection, const QStringList& labelIds, QObject* parent = nullptr);
    QStringList deletedIds() const { return m_deleted; }

protected:
    QString action() const override;
    void startRequests() override;
    void handleData(const QJsonObject& data) override;

private:
    QStringList m_ids;
    QStringList m_deleted;
};

} // namespace kili::api
