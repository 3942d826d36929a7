#include "fakebackend.h"

#include <QJsonDocument>
#include <QTimer>

namespace kili::predictions::testing {

FakeBackend::FakeBackend() = default;

QString FakeBackend::addAsset(const QString& externalId) {
    kili::Asset asset;
    asset.id = QStringLiteral("id-") + externalId;
    asset.externalId = externalId;
    m_assets.insert(asset.id, asset);
    m_order << asset.id;
    return asset.id;
}

QString FakeBackend::addLabel(const QString& assetId, kili::LabelType type,
                              const QString& modelName, const QByteArray& jsonResponse) {
    kili::Label label;
    label.id = QStringLiteral("lbl-%1").arg(m_nextLabel++);
    label.labelType = type;
    label.modelName = modelName;
    label.jsonResponse = QJsonDocument::fromJson(jsonResponse).object();
    label.assetId = assetId;
    m_assets[assetId].labels.append(label);
    return label.id;
}

QList<kili::Label> FakeBackend::labelsOf(const QString& assetId) const {
    return m_assets.value(assetId).labels;
}

int FakeBackend::labelCount(kili::LabelType type) const {
    int count = 0;
    for (const kili::Asset& asset : m_assets) {
        for (const kili::Label& label : asset.labels)
            count += label.labelType == type ? 1 : 0;
    }
    return count;
}

void FakeBackend::later(std::function<void()> answer) {
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation, answer] {
        if (generation == m_generation)
            answer();
    });
}

void FakeBackend::fetchInterface(const QString&, Callback<kili::Interface> done) {
    later([this, done] { done(m_interface, std::nullopt); });
}

void FakeBackend::fetchAssets(const QString&, const QStringList& externalIds,
                              const QStringList& assetIds, Callback<QList<kili::Asset>> done) {
    ++fetchAssetCalls;
    QList<kili::Asset> found;
    for (const QString& id : std::as_const(m_order)) {
        const kili::Asset& asset = m_assets[id];
        if (externalIds.contains(asset.externalId) || assetIds.contains(asset.id))
            found << asset;
    }
    later([done, found] { done(found, std::nullopt); });
}

void FakeBackend::appendLabels(const AppendRequest& request, Callback<QStringList> done) {
    ++appendCalls;
    batchSizes << int(request.assetIds.size());
    const Fault fault = m_appendFaults.empty() ? Fault::None : m_appendFaults.front();
    if (!m_appendFaults.empty())
        m_appendFaults.pop_front();
    if (fault == Fault::Refuse) {
        later([done] {
            done({}, BackendFailure{QStringLiteral("This asset is currently being edited by "
                                                   "another user."),
                                    false});
        });
        return;
    }
    if (fault == Fault::UnknownNotApplied) {
        later([done] { done({}, BackendFailure{QStringLiteral("connection dropped"), true}); });
        return;
    }
    QStringList ids;
    for (qsizetype i = 0; i < request.assetIds.size(); ++i) {
        const QString& assetId = request.assetIds.at(i);
        if (request.overwrite) {
            auto& labels = m_assets[assetId].labels;
            labels.removeIf([&](const kili::Label& label) {
                return label.labelType == request.labelType && label.modelName == request.modelName;
            });
        }
        ids << addLabel(assetId, request.labelType, request.modelName, request.jsonResponses.at(i));
    }
    if (fault == Fault::NeverAnswer)
        return;
    if (fault == Fault::LoseAnswer) {
        later([done] { done({}, BackendFailure{QStringLiteral("timeout"), true}); });
        return;
    }
    later([done, ids] { done(ids, std::nullopt); });
}

void FakeBackend::fetchLabels(const QString&, const QStringList& assetIds,
                              kili::LabelType labelType, Callback<QList<kili::Label>> done) {
    ++fetchLabelCalls;
    if (m_fetchLabelsFails) {
        later([done] { done({}, BackendFailure{QStringLiteral("network unreachable")}); });
        return;
    }
    QList<kili::Label> labels;
    for (const QString& id : assetIds) {
        for (const kili::Label& label : m_assets.value(id).labels) {
            if (label.labelType == labelType)
                labels << label;
        }
    }
    later([done, labels] { done(labels, std::nullopt); });
}

void FakeBackend::deleteLabels(const QStringList& labelIds, Callback<QStringList> done) {
    ++deleteCalls;
    QStringList deleted;
    for (kili::Asset& asset : m_assets) {
        asset.labels.removeIf([&](const kili::Label& label) {
            if (!labelIds.contains(label.id))
                return false;
            deleted << label.id;
            return true;
        });
    }
    later([done, deleted] { done(deleted, std::nullopt); });
}

} // namespace kili::predictions::testing
