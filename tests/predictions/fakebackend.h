// An in-memory Kili for the pipeline tests: assets, labels and an interface, with faults that can
// be scripted per appendManyLabels call (answer lost after applying, refused, never answered).
// Answers come from the event loop, like a server's.
#pragma once

#include "predictions/importbackend.h"

#include <QHash>
#include <QObject>
#include <deque>

namespace kili::predictions::testing {

class FakeBackend : public QObject, public ImportBackend {
    Q_OBJECT
public:
    enum class Fault {
        None,
        Refuse,            // the server answers with an error: nothing created
        LoseAnswer,        // created, but the answer is lost (outcome unknown)
        UnknownNotApplied, // the connection drops before the server sees it (outcome unknown)
        NeverAnswer,       // created, and no answer ever comes (the process is killed)
    };

    FakeBackend();
    void setInterface(const kili::Interface& interface) { m_interface = interface; }
    // Adds an asset "id-<externalId>" with that external id.
    QString addAsset(const QString& externalId);
    QString addLabel(const QString& assetId, kili::LabelType type, const QString& modelName,
                     const QByteArray& jsonResponse);
    void scriptAppend(std::deque<Fault> faults) { m_appendFaults = std::move(faults); }
    void setFetchLabelsFails(bool fails) { m_fetchLabelsFails = fails; }
    void setChunkSize(int size) { m_chunkSize = size; }

    QList<kili::Label> labelsOf(const QString& assetId) const;
    int labelCount(kili::LabelType type) const;

    int fetchAssetCalls = 0;
    int appendCalls = 0;
    int fetchLabelCalls = 0;
    int deleteCalls = 0;
    QList<int> batchSizes;

    void fetchInterface(const QString& projectId, Callback<kili::Interface> done) override;
    void fetchAssets(const QString& projectId, const QStringList& externalIds,
                     const QStringList& assetIds, Callback<QList<kili::Asset>> done) override;
    void appendLabels(const AppendRequest& request, Callback<QStringList> done) override;
    void fetchLabels(const QString& projectId, const QStringList& assetIds,
                     kili::LabelType labelType, Callback<QList<kili::Label>> done) override;
    void deleteLabels(const QStringList& labelIds, Callback<QStringList> done) override;
    void cancelAll() override { ++m_generation; }
    int assetChunkSize() const override { return m_chunkSize; }
    qint64 requestCount() const override {
        return fetchAssetCalls + appendCalls + fetchLabelCalls + deleteCalls + 1;
    }
    QString serverName() const override { return QStringLiteral("fake"); }

private:
    void later(std::function<void()> answer);

    kili::Interface m_interface;
    QHash<QString, kili::Asset> m_assets;
    QStringList m_order;
    std::deque<Fault> m_appendFaults;
    bool m_fetchLabelsFails = false;
    int m_chunkSize = 500;
    int m_nextLabel = 1;
    quint64 m_generation = 0;
};

} // namespace kili::predictions::testing
