#include "graphql/executor.h"

#include "graphql/introspection_p.h"
#include "graphql/jsonwriter.h"
#include "graphql/parser.h"
#include "graphql/validation.h"
#include "graphql/values.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <utility>
#include <vector>

namespace kili::graphql {

namespace {

// A field failed: the error is to be recorded at the field's path.
struct FieldFailure {
    GraphQLError error;
};
// A null reached a non-null position after its error was recorded: the nearest nullable parent
// becomes null.
struct NullPropagation {};

using FieldNodes = std::vector<const ast::Selection*>;
using GroupedFields = std::vector<std::pair<QString, FieldNodes>>;

QList<SourceLocation> locationsOf(const FieldNodes& nodes) {
    QList<SourceLocation> locations;
    for (const ast::Selection* node : nodes) {
        locations.append(node->location);
    }
    return locations;
}

GraphQLError requestError(const QString& message, const QList<SourceLocation>& locations = {}) {
    return GraphQLError{message, locations, {}, {}};
}

// A request error: the response has no "data" member, as the spec says.
SerializedResponse errorsResponse(const QList<GraphQLError>& errors) {
    return SerializedResponse{json::response(errors, {}), false, errors};
}

} // namespace

class Execution {
public:
    Execution(const Executor& executor, const ast::Document& document, void* context)
        : m_executor(executor)
        , m_schema(executor.m_schema)
        , m_document(document)
        , m_context(context) {
        for (const ast::FragmentDefinition& fragment : document.fragments) {
            if (!m_fragments.contains(fragment.name)) {
                m_fragments.insert(fragment.name, &fragment);
            }
        }
    }

    SerializedResponse run(const QString& operationName, const QJsonObject& variables) {
        // Codes as Kili (Apollo Server) gives them: no operation to run is Apollo's
        // OPERATION_RESOLUTION_FAILURE; variables that do not coerce are reported with the
        // validation errors (kili-api.md §11: the PageSize message is GRAPHQL_VALIDATION_FAILED).
        const ast::OperationDefinition* operation = findOperation(operationName);
        if (!operation) {
            return errorsResponse(withCode(QStringLiteral("OPERATION_RESOLUTION_FAILURE")));
        }
        if (!coerceVariables(*operation, variables)) {
            return errorsResponse(withCode(QStringLiteral("GRAPHQL_VALIDATION_FAILED")));
        }
        const TypeDef* rootType = m_schema.rootType(operation->operation);
        if (!rootType) {
            m_errors.append(requestError(QStringLiteral("Schema is not configured to execute %1 "
                                                        "operation.")
                                             .arg(ast::operationTypeName(operation->operation)),
                                         {operation->location}));
            return errorsResponse(m_errors);
        }
        try {
            GroupedFields fields;
            QSet<QString> visited;
            collectFields(*rootType, operation->selectionSet, fields, visited);
            executeFields(*rootType, QJsonObject(), fields, {}, 0);
        } catch (const NullPropagation&) {
            m_out.clear();
            m_out.append("null");
        }
        return SerializedResponse{json::response(m_errors, m_out), true, m_errors};
    }

private:
    QList<GraphQLError> withCode(const QString& code) const {
        QList<GraphQLError> errors = m_errors;
        for (GraphQLError& error : errors) {
            error.extensions.insert(QStringLiteral("code"), code);
        }
        return errors;
    }

    const ast::OperationDefinition* findOperation(const QString& operationName) {
        const auto& operations = m_document.operations;
        if (operationName.isEmpty()) {
            if (operations.size() == 1) {
                return &operations.front();
            }
            m_errors.append(requestError(
                operations.empty()
                    ? QStringLiteral("Must provide an operation.")
                    : QStringLiteral("Must provide operation name if query contains multiple "
                                     "operations.")));
            return nullptr;
        }
        if (const ast::OperationDefinition* operation = m_document.operation(operationName)) {
            return operation;
        }
        m_errors.append(
            requestError(QStringLiteral("Unknown operation named \"%1\".").arg(operationName)));
        return nullptr;
    }

    bool coerceVariables(const ast::OperationDefinition& operation, const QJsonObject& inputs) {
        for (const ast::VariableDefinition& definition : operation.variables) {
            const QString& name = definition.name;
            const QString typeText = definition.type.toString();
            const TypeDef* named = m_schema.type(definition.type.namedType());
            if (!named || !named->isInputType()) {
                m_errors.append(requestError(QStringLiteral("Variable \"$%1\" expected value of "
                                                            "type \"%2\" which cannot be used as "
                                                            "an input type.")
                                                 .arg(name, typeText),
                                             {definition.typeLocation}));
                continue;
            }
            if (!inputs.contains(name)) {
                if (definition.defaultValue) {
                    m_variables.insert(name, valueFromLiteral(m_schema, *definition.defaultValue,
                                                              definition.type, {}));
                } else if (definition.type.isNonNull()) {
                    m_errors.append(requestError(QStringLiteral("Variable \"$%1\" of required "
                                                                "type \"%2\" was not provided.")
                                                     .arg(name, typeText),
                                                 {definition.location}));
                }
                continue;
            }
            const QJsonValue input = inputs.value(name);
            if (input.isNull() && definition.type.isNonNull()) {
                m_errors.append(requestError(QStringLiteral("Variable \"$%1\" of non-null type "
                                                            "\"%2\" must not be null.")
                                                 .arg(name, typeText),
                                             {definition.location}));
                continue;
            }
            const QJsonValue coerced = coerceInputValue(
                m_schema, input, definition.type,
                [&](const QJsonArray& path, const QJsonValue& invalid, const QString& message) {
                    QString prefix = QStringLiteral("Variable \"$%1\" got invalid value %2")
                                         .arg(name, inspectJson(invalid));
                    if (!path.isEmpty()) {
                        prefix += QStringLiteral(" at \"%1%2\"").arg(name, printInputPath(path));
                    }
                    m_errors.append(requestError(prefix + QLatin1String("; ") + message,
                                                 {definition.location}));
                });
            if (!coerced.isUndefined()) {
                m_variables.insert(name, coerced);
            }
        }
        return m_errors.isEmpty();
    }

    bool shouldInclude(const std::vector<ast::Directive>& directives) const {
        for (const ast::Directive& directive : directives) {
            const bool isSkip = directive.name == QLatin1String("skip");
            if (!isSkip && directive.name != QLatin1String("include")) {
                continue;
            }
            for (const ast::Argument& argument : directive.arguments) {
                if (argument.name != QLatin1String("if")) {
                    continue;
                }
                const QJsonValue condition = valueFromLiteral(
                    m_schema, argument.value, TypeRef::nonNull(TypeRef(QStringLiteral("Boolean"))),
                    m_variables);
                if (condition.isBool() && condition.toBool() == isSkip) {
                    return false;
                }
            }
        }
        return true;
    }

    bool fragmentApplies(const TypeDef& objectType, const QString& typeCondition) const {
        if (typeCondition.isEmpty()) {
            return true;
        }
        const TypeDef* conditionType = m_schema.type(typeCondition);
        return conditionType && m_schema.isPossibleType(*conditionType, objectType);
    }

    // graphql-js's collectFields: groups the selections that apply to `objectType` by response
    // key, in document order; `visited` keeps fragment cycles from looping. Iterative, so that a
    // long chain of fragments spread inside each other cannot exhaust the stack.
    void collectFields(const TypeDef& objectType, const ast::SelectionSet& selectionSet,
                       GroupedFields& fields, QSet<QString>& visited) const {
        QHash<QString, size_t> indexByKey;
        for (size_t i = 0; i < fields.size(); ++i) {
            indexByKey.insert(fields[i].first, i);
        }
        std::vector<std::pair<const ast::SelectionSet*, size_t>> stack{{&selectionSet, 0}};
        while (!stack.empty()) {
            auto& [set, next] = stack.back();
            if (next >= set->selections.size()) {
                stack.pop_back();
                continue;
            }
            const ast::Selection& selection = set->selections[next++];
            if (!shouldInclude(selection.directives)) {
                continue;
            }
            switch (selection.kind) {
            case ast::Selection::Kind::Field: {
                const QString& key = selection.responseKey();
                const auto it = indexByKey.constFind(key);
                if (it == indexByKey.cend()) {
                    indexByKey.insert(key, fields.size());
                    fields.emplace_back(key, FieldNodes{&selection});
                } else {
                    fields[*it].second.push_back(&selection);
                }
                break;
            }
            case ast::Selection::Kind::InlineFragment:
                if (fragmentApplies(objectType, selection.typeCondition)) {
                    stack.emplace_back(&selection.selectionSet, 0);
                }
                break;
            case ast::Selection::Kind::FragmentSpread: {
                if (visited.contains(selection.name)) {
                    break;
                }
                visited.insert(selection.name);
                const ast::FragmentDefinition* fragment =
                    m_fragments.value(selection.name, nullptr);
                if (fragment && fragmentApplies(objectType, fragment->typeCondition)) {
                    stack.emplace_back(&fragment->selectionSet, 0);
                }
                break;
            }
            }
        }
    }

    // Names of the fields directly selected under `nodes`, whatever the runtime type.
    QStringList selectedFieldNames(const FieldNodes& nodes) const {
        QStringList names;
        QSet<QString> visited;
        std::vector<const ast::SelectionSet*> pending;
        for (const ast::Selection* node : nodes) {
            pending.push_back(&node->selectionSet);
        }
        while (!pending.empty()) {
            const ast::SelectionSet* set = pending.back();
            pending.pop_back();
            for (const ast::Selection& selection : set->selections) {
                if (!shouldInclude(selection.directives)) {
                    continue;
                }
                if (selection.kind == ast::Selection::Kind::Field) {
                    if (!names.contains(selection.name)) {
                        names.append(selection.name);
                    }
                } else if (selection.kind == ast::Selection::Kind::InlineFragment) {
                    pending.push_back(&selection.selectionSet);
                } else if (!visited.contains(selection.name)) {
                    visited.insert(selection.name);
                    if (const ast::FragmentDefinition* fragment =
                            m_fragments.value(selection.name, nullptr)) {
                        pending.push_back(&fragment->selectionSet);
                    }
                }
            }
        }
        return names;
    }

    // Writes the object of `fields` to m_out, members in the order of the selection set. A
    // NullPropagation leaves a partial object behind: whoever catches it truncates m_out.
    void executeFields(const TypeDef& objectType, const QJsonValue& parent,
                       const GroupedFields& fields, const QJsonArray& path, int depth) {
        m_out.append('{');
        bool first = true;
        for (const auto& [key, nodes] : fields) {
            const FieldDef* definition = m_schema.field(objectType, nodes.front()->name);
            if (!definition) {
                continue; // not in the schema: skipped, as graphql-js does (validation reports it)
            }
            if (!first) {
                m_out.append(',');
            }
            first = false;
            json::appendString(m_out, key);
            m_out.append(':');
            QJsonArray fieldPath = path;
            fieldPath.append(key);
            executeField(objectType, *definition, parent, nodes, fieldPath, depth);
        }
        m_out.append('}');
    }

    QJsonObject coerceArguments(const std::vector<InputValueDef>& definitions,
                                const ast::Selection& node) const {
        QJsonObject arguments;
        for (const InputValueDef& definition : definitions) {
            const QString& name = definition.name;
            const QString typeText = definition.type.toString();
            const ast::Argument* argument = nullptr;
            for (const ast::Argument& candidate : node.arguments) {
                if (candidate.name == name) {
                    argument = &candidate;
                    break;
                }
            }
            const QJsonValue defaultValue = defaultValueOf(m_schema, definition);
            if (!argument) {
                if (!defaultValue.isUndefined()) {
                    arguments.insert(name, defaultValue);
                } else if (definition.type.isNonNull()) {
                    throw FieldFailure{requestError(QStringLiteral("Argument \"%1\" of required "
                                                                   "type \"%2\" was not provided.")
                                                        .arg(name, typeText),
                                                    {node.location})};
                }
                continue;
            }
            const ast::Value& literal = argument->value;
            bool isNull = literal.kind == ast::Value::Kind::Null;
            if (literal.kind == ast::Value::Kind::Variable) {
                if (!m_variables.contains(literal.text)) {
                    if (!defaultValue.isUndefined()) {
                        arguments.insert(name, defaultValue);
                    } else if (definition.type.isNonNull()) {
                        throw FieldFailure{requestError(
                            QStringLiteral("Argument \"%1\" of required type \"%2\" was provided "
                                           "the variable \"$%3\" which was not provided a runtime "
                                           "value.")
                                .arg(name, typeText, literal.text),
                            {literal.location})};
                    }
                    continue;
                }
                isNull = m_variables.value(literal.text).isNull();
            }
            if (isNull && definition.type.isNonNull()) {
                throw FieldFailure{requestError(
                    QStringLiteral("Argument \"%1\" of non-null type \"%2\" must not be null.")
                        .arg(name, typeText),
                    {literal.location})};
            }
            const QJsonValue value =
                valueFromLiteral(m_schema, literal, definition.type, m_variables);
            if (value.isUndefined()) {
                throw FieldFailure{
                    requestError(QStringLiteral("Argument \"%1\" has invalid value %2.")
                                     .arg(name, ast::printValue(literal)),
                                 {literal.location})};
            }
            arguments.insert(name, value);
        }
        return arguments;
    }

    QJsonValue resolve(const TypeDef& parentType, const FieldDef& definition,
                       const QJsonValue& parent, const FieldNodes& nodes, const QJsonArray& path) {
        const ast::Selection& node = *nodes.front();
        if (definition.name == QLatin1String("__typename")) {
            return parentType.name;
        }
        const QJsonObject arguments = coerceArguments(definition.arguments, node);
        if (definition.name == QLatin1String("__schema")) {
            return QJsonObject{};
        }
        if (definition.name == QLatin1String("__type")
            && parentType.name != QLatin1String("__Type")) {
            const TypeDef* type = m_schema.type(arguments.value(QStringLiteral("name")).toString());
            return type ? QJsonValue(typeRefJson(m_schema, TypeRef(type->name)))
                        : QJsonValue(QJsonValue::Null);
        }
        if (parentType.name.startsWith(QLatin1String("__"))) {
            return resolveIntrospectionField(m_schema, parentType.name, definition.name, arguments,
                                             parent);
        }
        const auto it =
            m_executor.m_resolvers.constFind(parentType.name + QLatin1Char('.') + definition.name);
        if (it == m_executor.m_resolvers.cend()) {
            return parent.toObject().value(definition.name);
        }
        FieldContext context;
        context.parentType = parentType.name;
        context.fieldName = definition.name;
        context.arguments = arguments;
        context.parent = parent;
        context.path = path;
        context.context = m_context;
        const TypeDef* returnType = m_schema.type(definition.type.namedType());
        if (returnType && returnType->isComposite()) {
            context.selectedFields = selectedFieldNames(nodes);
        }
        ResolveResult result = (*it)(context);
        if (result.error) {
            GraphQLError error = *result.error;
            error.locations = locationsOf(nodes);
            error.path = path;
            throw FieldFailure{error};
        }
        return result.value;
    }

    // Writes the field's value to m_out: its completed value, or null after an error (which
    // propagates to the parent when the field is non-null).
    void executeField(const TypeDef& parentType, const FieldDef& definition,
                      const QJsonValue& parent, const FieldNodes& nodes, const QJsonArray& path,
                      int depth) {
        const qsizetype mark = m_out.size();
        try {
            const QJsonValue resolved = resolve(parentType, definition, parent, nodes, path);
            completeValue(parentType, definition, definition.type, nodes, resolved, path, depth);
            return;
        } catch (FieldFailure& failure) {
            if (failure.error.locations.isEmpty()) {
                failure.error.locations = locationsOf(nodes);
            }
            failure.error.path = path;
            m_errors.append(failure.error);
        } catch (const NullPropagation&) {
            // recorded already
        }
        m_out.truncate(mark);
        if (definition.type.isNonNull()) {
            throw NullPropagation{};
        }
        m_out.append("null");
    }

    // Writes `result` completed as `type` to m_out; returns true when what it wrote is null.
    bool completeValue(const TypeDef& parentType, const FieldDef& definition, const TypeRef& type,
                       const FieldNodes& nodes, const QJsonValue& result, const QJsonArray& path,
                       int depth) {
        if (type.isNonNull()) {
            const qsizetype mark = m_out.size();
            if (completeValue(parentType, definition, type.ofType(), nodes, result, path, depth)) {
                m_out.truncate(mark);
                throw FieldFailure{
                    GraphQLError{QStringLiteral("Cannot return null for non-nullable field %1.%2.")
                                     .arg(parentType.name, definition.name),
                                 locationsOf(nodes),
                                 path,
                                 {}}};
            }
            return false;
        }
        if (result.isNull() || result.isUndefined()) {
            m_out.append("null");
            return true;
        }
        if (type.isList()) {
            if (!result.isArray()) {
                throw FieldFailure{requestError(
                    QStringLiteral("Expected Iterable, but did not find one for field \"%1.%2\".")
                        .arg(parentType.name, definition.name))};
            }
            const TypeRef itemType = type.ofType();
            const QJsonArray items = result.toArray();
            m_out.append('[');
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (i > 0) {
                    m_out.append(',');
                }
                const qsizetype mark = m_out.size();
                QJsonArray itemPath = path;
                itemPath.append(int(i));
                try {
                    completeValue(parentType, definition, itemType, nodes, items.at(i), itemPath,
                                  depth);
                    continue;
                } catch (FieldFailure& failure) {
                    if (failure.error.locations.isEmpty()) {
                        failure.error.locations = locationsOf(nodes);
                    }
                    if (failure.error.path.isEmpty()) {
                        failure.error.path = itemPath;
                    }
                    m_errors.append(failure.error);
                } catch (const NullPropagation&) {
                }
                m_out.truncate(mark);
                if (itemType.isNonNull()) {
                    throw NullPropagation{};
                }
                m_out.append("null");
            }
            m_out.append(']');
            return false;
        }
        const TypeDef* named = m_schema.type(type.namedType());
        if (!named) {
            m_out.append("null");
            return true;
        }
        if (named->isLeaf()) {
            QString error;
            const std::optional<QJsonValue> serialized = serializeLeaf(*named, result, &error);
            if (!serialized) {
                throw FieldFailure{requestError(error)};
            }
            json::appendValue(m_out, *serialized);
            return serialized->isNull();
        }
        const TypeDef* runtimeType = named;
        if (named->isAbstract()) {
            runtimeType =
                m_schema.type(result.toObject().value(QStringLiteral("__typename")).toString());
            if (!runtimeType || runtimeType->kind != TypeKind::Object
                || !m_schema.isPossibleType(*named, *runtimeType)) {
                throw FieldFailure{requestError(
                    QStringLiteral(
                        "Abstract type \"%1\" must resolve to an Object type at runtime "
                        "for field \"%2.%3\"; the resolver's value needs a \"__typename\" "
                        "naming one of its possible types.")
                        .arg(named->name, parentType.name, definition.name))};
            }
        }
        if (!result.isObject()) {
            throw FieldFailure{requestError(
                QStringLiteral("Expected an object of type \"%1\" for field \"%2.%3\", got %4.")
                    .arg(runtimeType->name, parentType.name, definition.name,
                         inspectJson(result)))};
        }
        if (depth + 1 > m_executor.m_limits.maxDepth) {
            throw FieldFailure{requestError(
                QStringLiteral("The query nests fields deeper than %1 levels; split it into "
                               "smaller queries.")
                    .arg(m_executor.m_limits.maxDepth))};
        }
        GroupedFields subFields;
        QSet<QString> visited;
        for (const ast::Selection* node : nodes) {
            collectFields(*runtimeType, node->selectionSet, subFields, visited);
        }
        executeFields(*runtimeType, result, subFields, path, depth + 1);
        return false;
    }

    const Executor& m_executor;
    const Schema& m_schema;
    const ast::Document& m_document;
    void* m_context;
    QHash<QString, const ast::FragmentDefinition*> m_fragments;
    QJsonObject m_variables;
    QList<GraphQLError> m_errors;
    // The "data" member being written, keys in selection order.
    QByteArray m_out;
};

Executor::Executor(const Schema& schema)
    : m_schema(schema) {}

void Executor::setResolver(const QString& type, const QString& field, FieldResolver resolver) {
    const QString key = type + QLatin1Char('.') + field;
    if (resolver) {
        m_resolvers.insert(key, std::move(resolver));
    } else {
        m_resolvers.remove(key);
    }
}

void Executor::setValidationEnabled(bool enabled) {
    m_validate = enabled;
}

void Executor::setLimits(const ExecutionLimits& limits) {
    m_limits = limits;
}

QJsonObject SerializedResponse::toJsonObject() const {
    return QJsonDocument::fromJson(json).object();
}

QJsonObject Executor::execute(const ast::Document& document, const QString& operationName,
                              const QJsonObject& variables, void* context) const {
    return executeSerialized(document, operationName, variables, context).toJsonObject();
}

QJsonObject Executor::executeRequest(const QJsonObject& request, void* context) const {
    return executeRequestSerialized(request, context).toJsonObject();
}

SerializedResponse Executor::executeSerialized(const ast::Document& document,
                                               const QString& operationName,
                                               const QJsonObject& variables, void* context) const {
    if (m_validate) {
        QList<GraphQLError> errors = validate(m_schema, document);
        if (!errors.isEmpty()) {
            for (GraphQLError& error : errors) {
                error.extensions.insert(QStringLiteral("code"),
                                        QStringLiteral("GRAPHQL_VALIDATION_FAILED"));
            }
            return errorsResponse(errors);
        }
    }
    Execution execution(*this, document, context);
    return execution.run(operationName, variables);
}

SerializedResponse Executor::executeRequestSerialized(const QJsonObject& request,
                                                      void* context) const {
    const QJsonValue query = request.value(QStringLiteral("query"));
    if (!query.isString()) {
        return errorsResponse({requestError(QStringLiteral(
            "The request has no \"query\" string; send {\"query\": \"…\", \"variables\": {…}}."))});
    }
    const QJsonValue variables = request.value(QStringLiteral("variables"));
    if (!variables.isUndefined() && !variables.isNull() && !variables.isObject()) {
        return errorsResponse({requestError(
            QStringLiteral("\"variables\" must be an object mapping variable names to values."))});
    }
    ParseResult parsed = parse(QStringView(query.toString()));
    if (!parsed.ok()) {
        for (GraphQLError& error : parsed.errors) {
            error.extensions.insert(QStringLiteral("code"), QStringLiteral("GRAPHQL_PARSE_FAILED"));
        }
        return errorsResponse(parsed.errors);
    }
    return executeSerialized(parsed.document,
                             request.value(QStringLiteral("operationName")).toString(),
                             variables.toObject(), context);
}

} // namespace kili::graphql
