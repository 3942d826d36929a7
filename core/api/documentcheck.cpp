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

bool hasField(const kili::graphql::Schema& schema, const QString& type, const QString& field) {
    const kili::graphql::TypeDef* definition = schema.type(type);
    return definition && schema.field(*definition, field);
}

// The optional selected fields (documents::optionalFields()) that `schema` does not have.
QStringList missingOptionalFields(const kili::graphql::Schema& schema) {
    QStringList missing;
    for (const QString& typeAndField : documents::optionalFields()) {
        const qsizetype dot = typeAndField.indexOf(QLatin1Char('.'));
        if (!hasField(schema, typeAndField.left(dot), typeAndField.mid(dot + 1)))
            missing.append(typeAndField);
    }
    return missing;
}

QList<DocumentProblem> problemsOf(const kili::graphql::Schema& schema,
                                  const documents::OperationDocument& document) {
    DocumentProblem problem{document.feature, document.operation, false, document.rootField, {}};
    if (!hasField(schema, document.rootType, document.rootField)) {
        problem.rootFieldMissing = true;
        problem.message =
            QStringLiteral("%1 has no field \"%2\"").arg(document.rootType, document.rootField);
        return {problem};
    }
    const kili::graphql::ParseResult parsed = kili::graphql::parse(QStringView(document.text));
    QList<kili::graphql::GraphQLError> errors = parsed.errors;
    if (parsed.ok())
        errors = kili::graphql::validate(schema, parsed.document);
    QList<DocumentProblem> problems;
    for (const kili::graphql::GraphQLError& error : errors) {
        problem.message = withLocation(error);
        problems.append(problem);
    }
    return problems;
}

} // namespace

ServerApi checkServerApi(const kili::graphql::Schema& schema, const QString& serverVersion) {
    const QStringList omitted = missingOptionalFields(schema);
    QList<DocumentProblem> problems;
    for (const documents::OperationDocument& document : documents::all(omitted))
        problems.append(problemsOf(schema, document));
    return ServerApi(serverVersion, problems, omitted);
}

} // namespace kili::api
