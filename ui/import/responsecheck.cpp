#include "ui/import/responsecheck.h"

#include "predictions/responsevalidator.h"

#include <QJsonDocument>
#include <simdjson.h>

namespace kili::ui {

ResponseCheck::ResponseCheck(const Interface& interface)
    : m_rules(std::make_unique<predictions::InterfaceRules>(interface)) {}

ResponseCheck::~ResponseCheck() = default;

QList<predictions::Problem> ResponseCheck::check(const QJsonObject& response,
                                                 const QString& externalId) const {
    QList<predictions::Problem> problems;
    const QByteArray json = QJsonDocument(response).toJson(QJsonDocument::Compact);
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json.constData(), std::size_t(json.size())).get(root)) {
        predictions::Problem problem;
        problem.externalId = externalId;
        problem.message = QStringLiteral("the jsonResponse is not valid JSON");
        problems << problem;
        return problems;
    }
    predictions::PredictionItem item;
    item.externalId = externalId;
    predictions::ResponseValidator validator(*m_rules);
    validator.validate(root, item, problems);
    return problems;
}

} // namespace kili::ui
