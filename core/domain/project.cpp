#include "domain/project.h"

#include "domain/interface.h"
#include "domain/jsonfields.h"

#include <QJsonDocument>

namespace kili {

double Project::progress() const {
    if (numberOfAssets <= 0)
        return 0.0;
    return 1.0 - double(numberOfRemainingAssets) / double(numberOfAssets);
}

Interface Project::interface(QString* error) const {
    QString why;
    Interface parsed = Interface::parse(QByteArrayView(jsonInterface.toUtf8()), &why);
    if (error) {
        *error = why.isEmpty() ? QString()
                               : QStringLiteral("Project \"%1\" (%2): %3").arg(title, id, why);
    }
    return parsed;
}

Project Project::fromJson(const QJsonObject& json) {
    Project project;
    project.id = json.value(QLatin1String("id")).toString();
    project.title = json.value(QLatin1String("title")).toString();
    project.description = json.value(QLatin1String("description")).toString();
    project.inputType = json.value(QLatin1String("inputType")).toString();
    const QJsonValue interfaceValue = json.value(QLatin1String("jsonInterface"));
    if (interfaceValue.isObject()) {
        // A server that does not encode the interface: keep it usable (key order is then lost).
        project.jsonInterface = QString::fromUtf8(
            QJsonDocument(interfaceValue.toObject()).toJson(QJsonDocument::Compact));
    } else {
        project.jsonInterface = interfaceValue.toString();
    }
    project.numberOfAssets = json::integer(json.value(QLatin1String("numberOfAssets")));
    project.numberOfRemainingAssets =
        json::integer(json.value(QLatin1String("numberOfRemainingAssets")));
    project.numberOfReviewedAssets =
        json::integer(json.value(QLatin1String("numberOfReviewedAssets")));
    project.archived = json::boolean(json.value(QLatin1String("archived")));
    project.createdAt = json::dateTime(json.value(QLatin1String("createdAt")));
    project.updatedAt = json::dateTime(json.value(QLatin1String("updatedAt")));
    project.workflowVersion = json.value(QLatin1String("workflowVersion")).toString();
    return project;
}

} // namespace kili
