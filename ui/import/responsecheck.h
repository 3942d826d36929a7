// The import pipeline's checks (kilipredictions' ResponseValidator) on one jsonResponse typed in a
// window, so that the form says what is wrong exactly as an import of the same JSON would.
#pragma once

#include "domain/interface.h"
#include "predictions/interfacerules.h"
#include "predictions/predictionitem.h"

#include <QJsonObject>
#include <memory>

namespace kili::ui {

class ResponseCheck {
public:
    explicit ResponseCheck(const Interface& interface);
    ~ResponseCheck();

    // Every problem of `response`, errors and warnings; `externalId` only names it in messages.
    QList<predictions::Problem> check(const QJsonObject& response,
                                      const QString& externalId = {}) const;

private:
    std::unique_ptr<predictions::InterfaceRules> m_rules;
};

} // namespace kili::ui
