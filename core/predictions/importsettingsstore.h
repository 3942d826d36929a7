// What the import remembers per project between sessions (QSettings, shared by kili-desk and
// kili-desk-cli): the last model name and label type, and the category mapping from a file's
// class names to the interface's keys, and the COCO dataset that names the images of COCO results
// lists.
#pragma once

#include "predictions/responsefilter.h"

#include <QString>

namespace kili::predictions {

using CategoryMapping = CategoryMap;

class ImportSettingsStore {
public:
    explicit ImportSettingsStore(QString projectId);

    QString modelName() const;
    void setModelName(const QString& name);
    QString labelType() const; // "PREDICTION" unless INFERENCE was chosen last
    void setLabelType(const QString& type);
    CategoryMapping categoryMapping() const;
    void setCategoryMapping(const CategoryMapping& mapping);
    QString cocoDataset() const; // empty when none was chosen yet
    void setCocoDataset(const QString& path);

private:
    QString key(const char* name) const;
    QString m_projectId;
};

} // namespace kili::predictions
