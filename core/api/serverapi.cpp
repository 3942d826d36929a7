#include "api/serverapi.h"

namespace kili::api {

QString featureName(Feature feature) {
    switch (feature) {
    case Feature::SignIn:
        return QStringLiteral("Sign-in");
    case Feature::BrowseProjects:
        return QStringLiteral("Browsing projects");
    case Feature::ReadInterface:
        return QStringLiteral("Reading a project's interface");
    case Feature::BrowseAssets:
        return QStringLiteral("Browsing assets");
    case Feature::BrowseLabels:
        return QStringLiteral("Browsing labels");
    case Feature::Import:
        return QStringLiteral("Import");
    case Feature::Rollback:
        return QStringLiteral("Rolling back imports");
    }
    return {};
}

QString featureConsequence(Feature feature) {
    switch (feature) {
    case Feature::SignIn:
        return QStringLiteral("the API key cannot be checked");
    case Feature::BrowseProjects:
        return QStringLiteral("projects cannot be listed");
    case Feature::ReadInterface:
        return QStringLiteral("a project's interface cannot be read (nor predictions checked "
                              "against it)");
    case Feature::BrowseAssets:
        return QStringLiteral("assets cannot be listed or matched");
    case Feature::BrowseLabels:
        return QStringLiteral("labels cannot be listed or counted");
    case Feature::Import:
        return QStringLiteral("predictions cannot be imported");
    case Feature::Rollback:
        return QStringLiteral("imported predictions cannot be deleted (rolled back)");
    }
    return {};
}

ServerApi::ServerApi(QString serverVersion, QList<DocumentProblem> problems,
                     QStringList omittedFields)
    : m_checked(true)
    , m_serverVersion(std::move(serverVersion))
    , m_problems(std::move(problems))
    , m_omittedFields(std::move(omittedFields)) {}

bool ServerApi::offers(Feature feature) const {
    for (const DocumentProblem& problem : m_problems) {
        if (problem.feature == feature)
            return false;
    }
    return true;
}

std::optional<Feature> ServerApi::firstUnavailable(const QList<Feature>& features) const {
    for (Feature feature : features) {
        if (!offers(feature))
            return feature;
    }
    return std::nullopt;
}

QList<Feature> ServerApi::unavailableFeatures() const {
    QList<Feature> features;
    for (const DocumentProblem& problem : m_problems) {
        if (!features.contains(problem.feature))
            features.append(problem.feature);
    }
    return features;
}

QString ServerApi::whyUnavailable(Feature feature) const {
    QStringList missing;
    QStringList refused;
    for (const DocumentProblem& problem : m_problems) {
        if (problem.feature != feature)
            continue;
        if (problem.rootFieldMissing)
            missing.append(problem.rootField);
        else
            refused.append(problem.operation + QStringLiteral(": ") + problem.message);
    }
    if (missing.isEmpty() && refused.isEmpty())
        return {};
    missing.removeDuplicates();
    QString what =
        missing.isEmpty()
            ? QStringLiteral("no longer accepts this version of Kili Desk's requests "
                             "(%1)")
                  .arg(refused.join(QStringLiteral("; ")))
            : QStringLiteral("no longer offers %1").arg(missing.join(QStringLiteral(", ")));
    QString sentence = QStringLiteral("This server %1, so %2; the rest works.")
                           .arg(what, featureConsequence(feature));
    if (!m_serverVersion.isEmpty())
        sentence += QStringLiteral(" Server version %1.").arg(m_serverVersion);
    return sentence;
}

QStringList ServerApi::messages() const {
    QStringList sentences;
    for (Feature feature : unavailableFeatures())
        sentences.append(whyUnavailable(feature));
    return sentences;
}

} // namespace kili::api
