#include "predictions/interfacerules.h"

#include <algorithm>

namespace kili::predictions {

bool JobRule::hasTool(std::string_view tool) const {
    return std::find(tools.begin(), tools.end(), tool) != tools.end();
}

namespace {
JobRule::Kind kindOf(const Job& job) {
    const QString& task = job.mlTask;
    if (task == QLatin1String("CLASSIFICATION")
        || task == QLatin1String("PAGE_LEVEL_CLASSIFICATION"))
        return JobRule::Kind::Classification;
    if (task == QLatin1String("OBJECT_DETECTION"))
        return job.tools.contains(QLatin1String("pose")) ? JobRule::Kind::Pose
                                                         : JobRule::Kind::ObjectDetection;
    if (task == QLatin1String("POSE_ESTIMATION"))
        return JobRule::Kind::Pose;
    if (task == QLatin1String("NAMED_ENTITIES_RECOGNITION"))
        return JobRule::Kind::NamedEntities;
    if (task == QLatin1String("NAMED_ENTITIES_RELATION")
        || task == QLatin1String("OBJECT_RELATION"))
        return JobRule::Kind::Relation;
    if (task == QLatin1String("TRANSCRIPTION") || task == QLatin1String("PAGE_LEVEL_TRANSCRIPTION"))
        return JobRule::Kind::Transcription;
    return JobRule::Kind::Other;
}
} // namespace

InterfaceRules::InterfaceRules(const Interface& interface) {
    const QList<Job> jobs = interface.jobs();
    for (const Job& job : jobs) {
        JobRule rule;
        rule.name = job.name.toStdString();
        rule.displayName = job.name;
        rule.kind = kindOf(job);
        rule.mlTask = job.mlTask.toStdString();
        rule.input = job.input.toStdString();
        for (const QString& tool : job.tools)
            rule.tools.push_back(tool.toStdString());
        rule.isChild = job.isChild;
        rule.singleChoice = job.isSingleChoice();
        for (const Category& category : job.categories) {
            std::vector<std::string> children;
            for (const QString& child : category.children)
                children.push_back(child.toStdString());
            rule.categories.emplace(category.key.toStdString(), std::move(children));
            rule.categoryKeys << category.key;
            rule.categoryNames << category.name;
        }
        m_jobNames << job.name;
        m_jobs.emplace(rule.name, std::move(rule));
    }
}

const JobRule* InterfaceRules::job(std::string_view name) const {
    const auto it = m_jobs.find(name);
    return it == m_jobs.end() ? nullptr : &it->second;
}

} // namespace kili::predictions
