#include "graphql/operationcheck.h"

#include "graphql/parser.h"
#include "graphql/validation.h"

namespace kili::graphql {

QString OperationProblem::sentence() const {
    QStringList reasons;
    for (const GraphQLError& error : errors) {
        reasons.append(error.message);
    }
    return QStringLiteral(
               "%1 is unavailable: the server's API no longer accepts this request (%2). "
               "Update Kili Desk or ask the server's administrator which version it "
               "runs.")
        .arg(feature, reasons.join(QLatin1Char(' ')));
}

QList<OperationProblem> checkClientOperations(const Schema& schema,
                                              const QList<ClientOperation>& operations) {
    QList<OperationProblem> problems;
    for (const ClientOperation& operation : operations) {
        const ParseResult parsed = parse(QStringView(operation.document));
        QList<GraphQLError> errors =
            parsed.ok() ? validate(schema, parsed.document) : parsed.errors;
        if (!errors.isEmpty()) {
            problems.append(OperationProblem{operation.feature, errors});
        }
    }
    return problems;
}

} // namespace kili::graphql
