#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace kili::sandbox {

// One step of a project's workflow (Project.steps).
struct StepRecord {
    QString id;
    QString name;
    QString type; // DEFAULT (labeling) or REVIEW
};

// The sandbox's workflow: every project has a labeling step followed by a review step, the shape
// of Kili's default workflow-V2 project. Where an asset stands (Asset.currentStep) is not stored
// but follows from its workflow-V1 status and its `skipped` flag, so that V1 and V2 views of an
// asset always agree and every label written moves both on:
//
//   status              current step   status in step
//   TODO                labeling       TO_DO
//   ONGOING             labeling       DOING
//   LABELED, TO_REVIEW  review         TO_DO
//   REVIEWED            review         DONE
//   (skipped)           as above       SKIPPED
namespace workflow {

enum StepIndex { Labeling = 0, Review = 1, StepCount = 2 };

// "Labeling" (DEFAULT) and "Review" (REVIEW), without ids.
QList<StepRecord> defaultSteps();
// The types the steps must have, in order.
QString stepType(int index);
// The StatusInStep values.
const QStringList& stepStatuses();

int stepIndexForStatus(const QString& status);
QString stepStatus(const QString& status, bool skipped);
// The asset statuses whose current step is `index`, quoted for SQL: "'TODO', 'ONGOING'".
QString statusesInStepSql(int index);
// The status in step of the assets row `alias`, as an SQL expression.
QString stepStatusSql(const QString& alias);

} // namespace workflow
} // namespace kili::sandbox
