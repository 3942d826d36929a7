// The plan says what an import will do before it does anything: which predictions are created,
// which are already on the server, which replace earlier predictions of the same model, which
// assets already carry human labels, and which items are invalid or name unknown assets.
#pragma once

#include "domain/asset.h"
#include "domain/labeltype.h"
#include "predictions/predictionitem.h"
#include "predictions/predictionscanner.h"

#include <QHash>

namespace kili::predictions {

struct ImportSettings {
    QString projectId;
    QString modelName;
    kili::LabelType labelType = kili::LabelType::Prediction;
    bool overwrite = false;
};

struct PlannedItem {
    QString assetId;
    QString externalId;
    QString modelName;
    QByteArray jsonResponse;
    SourceLocation source;
    bool overwrites = false; // replaces earlier labels of the same model and type
};

struct PresentItem {
    QString assetId;
    QString externalId;
    QString labelId; // the identical label already on the server
};

struct ImportPlan {
    ImportSettings settings;
    std::vector<PlannedItem> toCreate;
    QList<PresentItem> alreadyPresent;
    int overwriteCount = 0;
    int assetsWithHumanLabels = 0;
    QList<Problem> problems;    // scan problems and unknown ids, errors and warnings
    qint64 problemsNotKept = 0; // beyond the scan's kept problems (PredictionScanner)
    QStringList unknownIds;
    qint64 invalidItems = 0; // items with at least one error (unknown ids included)
    ConfidenceStats confidence;
    std::optional<double> minConfidence;    // the scan's minimum, when one was asked for
    ClassMinimums classMinimums;            // per class minimums, when some were asked for
    ConfidenceDrops droppedBelowConfidence; // what it took away before the checks, and the
                                            // names the category mapping renamed
    QStringList unusedMappings;             // "JOB: name → KEY" entries no item used

    bool hasErrors() const { return invalidItems > 0; }
    QString summaryText() const; // a few lines for a terminal or a dialog

private:
    QString minimumText() const;
    QStringList confidenceLines() const;
    QStringList mappingLines() const;
};

// The assets the matcher found, by external id and by id.
struct AssetIndex {
    QHash<QString, kili::Asset> byId;
    QHash<QString, QString> idByExternalId;
    void add(const kili::Asset& asset);
};

class ImportPlanner {
public:
    static ImportPlan plan(ScanResult scan, const AssetIndex& assets,
                           const ImportSettings& settings);
};

// Same jsonResponse, whatever the key order or number spelling (87 and 87.0).
bool sameResponse(const QByteArray& compact, const QJsonObject& existing);

} // namespace kili::predictions
