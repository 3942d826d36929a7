// Turns a class name written by a model (COCO categories, YOLO names, VOC objects…) into the
// name a jsonResponse carries for the target job, without asking the user when the answer is
// plain: the category key itself, or a name equal to the key or to the display name ignoring case
// and treating spaces, hyphens and underscores as one (`traffic light` → `TRAFFIC_LIGHT`, named
// "Traffic light"). A name the category mapping knows is left as it is, so that the mapping
// renames it later and the plan counts the renaming.
#pragma once

#include "predictions/interfacerules.h"
#include "predictions/responsefilter.h"

#include <optional>

namespace kili::predictions {

class CategoryResolver {
public:
    CategoryResolver(const JobRule& job, const CategoryMap& map);

    // The name to write, or nothing when it matches no category (see unmatchedMessage()).
    std::optional<QString> resolve(const QString& name) const;
    // "class \"truck\" matches no category of DETECTION (CAR, PERSON); …what to do"
    QString unmatchedMessage(const QString& name) const;

private:
    static QString folded(const QString& name);

    QString m_job;
    QStringList m_keys;
    QHash<QString, QString> m_mapped;           // names the mapping knows (job or "*")
    QHash<QString, QStringList> m_keysByFolded; // folded key or display name → keys
};

} // namespace kili::predictions
