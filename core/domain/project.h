#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace kili {

class Interface;

struct Project {
    QString id;
    QString title;
    QString description;
    // IMAGE, TEXT, PDF, VIDEO, GEOSPATIAL, LLM_* — or a legacy value; kept as the server sends it.
    QString inputType;
    // The jsonInterface text exactly as received (document order intact); parse with interface().
    QString jsonInterface;
    int numberOfAssets = 0;
    int numberOfRemainingAssets = 0;
    int numberOfReviewedAssets = 0;
    bool archived = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    // "V1" (status-based) or "V2" (step-based workflow).
    QString workflowVersion;

    // 1 − remaining/total, 0 for an empty project.
    double progress() const;
    // Parses jsonInterface; on bad text `*error` names the project and what is wrong.
    Interface interface(QString* error = nullptr) const;

    static Project fromJson(const QJsonObject& json);
};

} // namespace kili
