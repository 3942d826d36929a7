// The input of an evaluation: per asset, the truth's answer to the job and the prediction's.
#pragma once

#include "evaluation/shape.h"

#include <QHash>
#include <QStringList>
#include <vector>

namespace kili::evaluation {

struct EvaluatedAsset {
    QString assetId;
    QString externalId;
    JobAnswer truth;
    JobAnswer prediction;
    // False when the model said nothing about this asset (no label at all), which
    // classification's confusion matrix shows in its "(none)" column.
    bool hasPrediction = false;
};

// Category keys numbered in the interface's order, then the names labels use that the interface
// does not have, in the order they were met (a prediction of an unknown class still counts as a
// false positive).
class CategoryIndex {
public:
    explicit CategoryIndex(const QStringList& known = {});

    // The name's number, added when new.
    int indexOf(const QString& name);
    QStringList names() const { return m_names; }
    int size() const { return int(m_names.size()); }

private:
    static constexpr qsizetype kScannedNames = 16;
    QStringList m_names;
    QHash<QString, int> m_index;
};

} // namespace kili::evaluation
