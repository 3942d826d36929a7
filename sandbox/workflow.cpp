#include "workflow.h"

namespace kili::sandbox::workflow {

QList<StepRecord> defaultSteps() {
    return {StepRecord{QString(), QStringLiteral("Labeling"), stepType(Labeling)},
            StepRecord{QString(), QStringLiteral("Review"), stepType(Review)}};
}

QString stepType(int index) {
    return index == Review ? QStringLiteral("REVIEW") : QStringLiteral("DEFAULT");
}

const QStringList& stepStatuses() {
    static const QStringList statuses = {
        QStringLiteral("TO_DO"), QStringLiteral("DOING"), QStringLiteral("PARTIALLY_DONE"),
        QStringLiteral("REDO"),  QStringLiteral("DONE"),  QStringLiteral("SKIPPED")};
    return statuses;
}

int stepIndexForStatus(const QString& status) {
    return status == QLatin1String("TODO") || status == QLatin1String("ONGOING") ? Labeling
                                                                                 : Review;
}

QString stepStatus(const QString& status, bool skipped) {
    if (skipped)
        return QStringLiteral("SKIPPED");
    if (status == QLatin1String("ONGOING"))
        return QStringLiteral("DOING");
    if (status == QLatin1String("REVIEWED"))
        return QStringLiteral("DONE");
    return QStringLiteral("TO_DO");
}

QString statusesInStepSql(int index) {
    return index == Labeling ? QStringLiteral("'TODO', 'ONGOING'")
                             : QStringLiteral("'LABELED', 'TO_REVIEW', 'REVIEWED'");
}

QString stepStatusSql(const QString& alias) {
    return QStringLiteral("(CASE WHEN %1.skipped THEN 'SKIPPED' WHEN %1.status = 'ONGOING' THEN "
                          "'DOING' WHEN %1.status = 'REVIEWED' THEN 'DONE' ELSE 'TO_DO' END)")
        .arg(alias);
}

} // namespace kili::sandbox::workflow
