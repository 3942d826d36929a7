#include "predictions/importsettingsstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace kili::predictions {

ImportSettingsStore::ImportSettingsStore(QString projectId)
    : m_projectId(std::move(projectId)) {}

QString ImportSettingsStore::key(const char* name) const {
    // Project ids are opaque; keep them from being read as QSettings groups.
    return QLatin1String("import/") + QString::fromLatin1(m_projectId.toUtf8().toHex())
           + QLatin1Char('/') + QLatin1String(name);
}

QString ImportSettingsStore::modelName() const {
    return QSettings().value(key("modelName")).toString();
}

void ImportSettingsStore::setModelName(const QString& name) {
    QSettings().setValue(key("modelName"), name);
}

QString ImportSettingsStore::labelType() const {
    const QString type = QSettings().value(key("labelType")).toString();
    return type == QLatin1String("INFERENCE") ? type : QStringLiteral("PREDICTION");
}

void ImportSettingsStore::setLabelType(const QString& type) {
    QSettings().setValue(key("labelType"), type);
}

CategoryMapping ImportSettingsStore::categoryMapping() const {
    const QJsonObject jobs =
        QJsonDocument::fromJson(QSettings().value(key("categoryMapping")).toByteArray()).object();
    CategoryMapping mapping;
    for (auto job = jobs.begin(); job != jobs.end(); ++job) {
        const QJsonObject names = job.value().toObject();
        for (auto name = names.begin(); name != names.end(); ++name)
            mapping[job.key()].insert(name.key(), name.value().toString());
    }
    return mapping;
}

void ImportSettingsStore::setCategoryMapping(const CategoryMapping& mapping) {
    QJsonObject jobs;
    for (auto job = mapping.cbegin(); job != mapping.cend(); ++job) {
        QJsonObject names;
        for (auto name = job->cbegin(); name != job->cend(); ++name)
            names.insert(name.key(), name.value());
        jobs.insert(job.key(), names);
    }
    QSettings().setValue(key("categoryMapping"),
                         QJsonDocument(jobs).toJson(QJsonDocument::Compact));
}

QString ImportSettingsStore::cocoDataset() const {
    return QSettings().value(key("cocoDataset")).toString();
}

void ImportSettingsStore::setCocoDataset(const QString& path) {
    QSettings().setValue(key("cocoDataset"), path);
}

} // namespace kili::predictions
