#include "api/documentcheck.h"

#include "api/documents.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"

namespace kili::api {

namespace {
QString withLocation(const kili::graphql::GraphQLError& error) {
    if (error.locations.isEmpty())
        return error.message;
    const auto& where = error.locations.first();
    return QStringLiteral("%1 (line %2, column %3)")
        .arg(error.message)
        .arg(where.line)
        .arg(where.column);
}
} // namespace

QList<DocumentProblem> checkDocuments(const kili::graphql::Schema& schema) {
    QList<DocumentProblem> problems;
    for (const documents::OperationDocument& document : documents::all()) {
        const kili::graphql::ParseResult parsed = kili::graphql::parse(QStringView(document.text));
        QList<kili::graphql::GraphQLError> errors = parsed.errors;
        if (parsed.ok())
            errors = kili::graphql::validate(schema, parsed.document);
        for (const kili::graphql::GraphQLError& error : errors)
            problems.append({document.feature, document.operation, withLocation(error)});
    }
    return problems;
}

QStringList unavailableFeatures(const QList<DocumentProblem>& problems) {
    QStringList features;
    for (const DocumentProblem& problem : problems) {
        if (!features.contains(problem.feature))
            features.append(problem.feature);
    }
    return features;
}

QStringList describeProblems(const QList<DocumentProblem>& problems) {
    QStringList sentences;
    for (const QString& feature : unavailableFeatures(problems)) {
        QStringList details;
        for (const DocumentProblem& problem : problems) {
            if (problem.feature == feature)
                details.append(problem.operation + QStringLiteral(": ") + problem.message);
        }
        sentences.append(QStringLiteral("%1 is unavailable: the server's API no longer matches "
                                        "what this version of Kili Desk sends (%2). The rest "
                                        "keeps working; update Kili Desk to use %1 again.")
                             .arg(feature, details.join(QStringLiteral("; "))));
    }
    return sentences;
}

} // namespace kili::api
