// The rules that look at selections and values where they are written: fields on correct type,
// leaf selections, arguments, values of correct type, input field names, directives, type names,
// fragments on composite types and possible spreads. Also records the variable usages and fragment
// spreads of each definition for the whole-operation rules.
#include "graphql/suggestions.h"
#include "graphql/validation_p.h"
#include "graphql/values.h"

namespace kili::graphql {

namespace {

class SelectionWalker {
public:
    explicit SelectionWalker(ValidationContext& context)
        : m_context(context)
        , m_schema(context.schema) {}

    void walkOperation(const ast::OperationDefinition& operation, DefinitionFacts* facts) {
        m_facts = facts;
        for (const ast::VariableDefinition& variable : operation.variables) {
            checkTypeName(variable.type.namedType(), variable.typeLocation);
            checkDirectives(variable.directives, QStringLiteral("VARIABLE_DEFINITION"));
            if (variable.defaultValue) {
                const TypeDef* type = m_schema.type(variable.type.namedType());
                checkValue(*variable.defaultValue,
                           type && type->isInputType() ? variable.type : TypeRef(), false);
            }
        }
        checkDirectives(operation.directives,
                        ast::operationTypeName(operation.operation).toUpper());
        const TypeDef* root = m_schema.rootType(operation.operation);
        if (!root) {
            report(QStringLiteral("Schema is not configured to execute %1 operation.")
                       .arg(ast::operationTypeName(operation.operation)),
                   {operation.location});
        }
        walkSelectionSet(operation.selectionSet, root);
    }

    void walkFragment(const ast::FragmentDefinition& fragment, DefinitionFacts* facts) {
        m_facts = facts;
        const TypeDef* type = m_schema.type(fragment.typeCondition);
        if (!type) {
            checkTypeName(fragment.typeCondition, fragment.typeConditionLocation);
        } else if (!type->isComposite()) {
            report(QStringLiteral("Fragment \"%1\" cannot condition on non composite type \"%2\".")
                       .arg(fragment.name, fragment.typeCondition),
                   {fragment.typeConditionLocation});
            type = nullptr;
        }
        checkDirectives(fragment.directives, QStringLiteral("FRAGMENT_DEFINITION"));
        walkSelectionSet(fragment.selectionSet, type);
    }

private:
    void report(const QString& message, const QList<SourceLocation>& locations) {
        m_context.report(message, locations);
    }

    void checkTypeName(const QString& name, const SourceLocation& location) {
        if (m_schema.type(name)) {
            return;
        }
        QStringList names;
        for (const TypeDef& type : m_schema.types()) {
            names.append(type.name);
        }
        report(QStringLiteral("Unknown type \"%1\".").arg(name)
                   + didYouMean(suggestionList(name, names)),
               {location});
    }

    bool typesOverlap(const TypeDef& a, const TypeDef& b) const {
        if (&a == &b) {
            return true;
        }
        if (a.isAbstract()) {
            if (b.isAbstract()) {
                for (const TypeDef* possible : m_schema.possibleObjectTypes(a)) {
                    if (m_schema.isPossibleType(b, *possible)) {
                        return true;
                    }
                }
                return false;
            }
            return m_schema.isPossibleType(a, b);
        }
        return b.isAbstract() && m_schema.isPossibleType(b, a);
    }

    void walkSelectionSet(const ast::SelectionSet& selectionSet, const TypeDef* parentType) {
        for (const ast::Selection& selection : selectionSet.selections) {
            switch (selection.kind) {
            case ast::Selection::Kind::Field:
                walkField(selection, parentType);
                break;
            case ast::Selection::Kind::InlineFragment:
                walkInlineFragment(selection, parentType);
                break;
            case ast::Selection::Kind::FragmentSpread:
                walkFragmentSpread(selection, parentType);
                break;
            }
        }
    }

    void walkField(const ast::Selection& field, const TypeDef* parentType) {
        const FieldDef* definition = parentType ? m_schema.field(*parentType, field.name) : nullptr;
        if (parentType && !definition) {
            QStringList names;
            for (const FieldDef& candidate : parentType->fields) {
                names.append(candidate.name);
            }
            report(QStringLiteral("Cannot query field \"%1\" on type \"%2\".")
                           .arg(field.name, parentType->name)
                       + didYouMean(suggestionList(field.name, names)),
                   {field.location});
        }
        const TypeDef* fieldType =
            definition ? m_schema.type(definition->type.namedType()) : nullptr;
        if (fieldType && fieldType->isLeaf() && !field.selectionSet.isEmpty()) {
            report(QStringLiteral("Field \"%1\" must not have a selection since type \"%2\" has no "
                                  "subfields.")
                       .arg(field.name, definition->type.toString()),
                   {field.selectionSet.location});
        } else if (fieldType && !fieldType->isLeaf() && field.selectionSet.isEmpty()) {
            report(QStringLiteral("Field \"%1\" of type \"%2\" must have a selection of subfields. "
                                  "Did you mean \"%1 { ... }\"?")
                       .arg(field.name, definition->type.toString()),
                   {field.location});
        }
        const QString owner =
            parentType && definition
                ? QStringLiteral("field \"%1.%2\"").arg(parentType->name, field.name)
                : QString();
        checkArguments(field.arguments, definition ? &definition->arguments : nullptr, owner,
                       QStringLiteral("Field \"%1\"").arg(field.name), field.location);
        checkDirectives(field.directives, QStringLiteral("FIELD"));
        walkSelectionSet(field.selectionSet,
                         fieldType && fieldType->isComposite() ? fieldType : nullptr);
    }

    void walkInlineFragment(const ast::Selection& fragment, const TypeDef* parentType) {
        const TypeDef* type = parentType;
        if (!fragment.typeCondition.isEmpty()) {
            type = m_schema.type(fragment.typeCondition);
            if (!type) {
                checkTypeName(fragment.typeCondition, fragment.location);
            } else if (!type->isComposite()) {
                report(QStringLiteral("Fragment cannot condition on non composite type \"%1\".")
                           .arg(fragment.typeCondition),
                       {fragment.location});
                type = nullptr;
            } else if (parentType && !typesOverlap(*type, *parentType)) {
                report(
                    QStringLiteral("Fragment cannot be spread here as objects of type \"%1\" can "
                                   "never be of type \"%2\".")
                        .arg(parentType->name, type->name),
                    {fragment.location});
            }
        }
        checkDirectives(fragment.directives, QStringLiteral("INLINE_FRAGMENT"));
        walkSelectionSet(fragment.selectionSet, type);
    }

    void walkFragmentSpread(const ast::Selection& spread, const TypeDef* parentType) {
        m_facts->spreads.push_back(FragmentSpreadUse{spread.name, spread.location});
        const ast::FragmentDefinition* fragment = m_context.fragment(spread.name);
        if (!fragment) {
            report(QStringLiteral("Unknown fragment \"%1\".").arg(spread.name), {spread.location});
        } else if (const TypeDef* type = m_schema.type(fragment->typeCondition);
                   type && type->isComposite() && parentType && !typesOverlap(*type, *parentType)) {
            report(QStringLiteral("Fragment \"%1\" cannot be spread here as objects of type \"%2\" "
                                  "can never be of type \"%3\".")
                       .arg(spread.name, parentType->name, type->name),
                   {spread.location});
        }
        checkDirectives(spread.directives, QStringLiteral("FRAGMENT_SPREAD"));
    }

    // `owner` names the field or directive in "Unknown argument" messages ("field \"Query.a\"",
    // "directive \"@skip\""); `requiredOwner` starts the missing-argument message.
    void checkArguments(const std::vector<ast::Argument>& arguments,
                        const std::vector<InputValueDef>* definitions, const QString& owner,
                        const QString& requiredOwner, const SourceLocation& location) {
        QStringList reported;
        for (size_t i = 0; i < arguments.size(); ++i) {
            const ast::Argument& argument = arguments[i];
            QList<SourceLocation> duplicates{argument.location};
            for (size_t j = i + 1; j < arguments.size(); ++j) {
                if (arguments[j].name == argument.name) {
                    duplicates.append(arguments[j].location);
                }
            }
            if (duplicates.size() > 1 && !reported.contains(argument.name)) {
                reported.append(argument.name);
                report(QStringLiteral("There can be only one argument named \"%1\".")
                           .arg(argument.name),
                       duplicates);
            }
            const InputValueDef* definition = nullptr;
            if (definitions) {
                QStringList names;
                for (const InputValueDef& candidate : *definitions) {
                    names.append(candidate.name);
                    if (candidate.name == argument.name) {
                        definition = &candidate;
                    }
                }
                if (!definition) {
                    report(
                        QStringLiteral("Unknown argument \"%1\" on %2.").arg(argument.name, owner)
                            + didYouMean(suggestionList(argument.name, names)),
                        {argument.location});
                }
            }
            checkValue(argument.value, definition ? definition->type : TypeRef(),
                       definition && definition->defaultValue.has_value());
        }
        if (!definitions) {
            return;
        }
        for (const InputValueDef& definition : *definitions) {
            if (!definition.type.isNonNull() || definition.defaultValue) {
                continue;
            }
            const bool provided =
                std::any_of(arguments.begin(), arguments.end(), [&](const ast::Argument& argument) {
                    return argument.name == definition.name;
                });
            if (!provided) {
                report(
                    QStringLiteral("%1 argument \"%2\" of type \"%3\" is required, but it was not "
                                   "provided.")
                        .arg(requiredOwner, definition.name, definition.type.toString()),
                    {location});
            }
        }
    }

    void checkDirectives(const std::vector<ast::Directive>& directives, const QString& location) {
        QHash<QString, SourceLocation> seen;
        for (const ast::Directive& directive : directives) {
            const DirectiveDef* definition = m_schema.directive(directive.name);
            if (!definition) {
                report(QStringLiteral("Unknown directive \"@%1\".").arg(directive.name),
                       {directive.location});
            } else {
                if (!definition->locations.contains(location)) {
                    report(QStringLiteral("Directive \"@%1\" may not be used on %2.")
                               .arg(directive.name, location),
                           {directive.location});
                }
                if (!definition->isRepeatable) {
                    const auto first = seen.constFind(directive.name);
                    if (first != seen.cend()) {
                        report(QStringLiteral("The directive \"@%1\" can only be used once at this "
                                              "location.")
                                   .arg(directive.name),
                               {*first, directive.location});
                    } else {
                        seen.insert(directive.name, directive.location);
                    }
                }
            }
            checkArguments(directive.arguments, definition ? &definition->arguments : nullptr,
                           QStringLiteral("directive \"@%1\"").arg(directive.name),
                           QStringLiteral("Directive \"@%1\"").arg(directive.name),
                           directive.location);
        }
    }

    // Variables inside a value that is not checked field by field still count as used.
    void collectVariables(const ast::Value& value) {
        if (value.kind == ast::Value::Kind::Variable) {
            m_facts->variableUsages.push_back(VariableUsage{value.text, value.location, {}, false});
        }
        for (const ast::Value& item : value.items) {
            collectVariables(item);
        }
        for (const ast::ObjectField& field : value.fields) {
            collectVariables(field.value);
        }
    }

    void checkLeafValue(const ast::Value& value, const TypeRef& type) {
        const TypeDef* named = m_schema.type(type.namedType());
        if (!named) {
            return;
        }
        if (!named->isLeaf()) {
            report(QStringLiteral("Expected value of type \"%1\", found %2.")
                       .arg(type.toString(), ast::printValue(value)),
                   {value.location});
            return;
        }
        const LeafInput parsed = parseLeafLiteral(*named, value);
        if (!parsed.value) {
            report(parsed.error, {value.location});
        }
    }

    // ValuesOfCorrectType and UniqueInputFieldNames for a value expected to be of `type` (invalid
    // when unknown), recording variable usages with the type of their position.
    void checkValue(const ast::Value& value, const TypeRef& type, bool hasLocationDefault) {
        using Kind = ast::Value::Kind;
        switch (value.kind) {
        case Kind::Variable:
            m_facts->variableUsages.push_back(
                VariableUsage{value.text, value.location, type, hasLocationDefault});
            return;
        case Kind::Null:
            if (type.isNonNull()) {
                report(QStringLiteral("Expected value of type \"%1\", found null.")
                           .arg(type.toString()),
                       {value.location});
            }
            return;
        case Kind::List: {
            const TypeRef nullable = type.nullable();
            if (type.isValid() && !nullable.isList()) {
                checkLeafValue(value, type);
                collectVariables(value);
                return;
            }
            for (const ast::Value& item : value.items) {
                checkValue(item, type.isValid() ? nullable.ofType() : TypeRef(), false);
            }
            return;
        }
        case Kind::Object: {
            QStringList reported;
            for (size_t i = 0; i < value.fields.size(); ++i) {
                for (size_t j = 0; j < i; ++j) {
                    if (value.fields[j].name == value.fields[i].name
                        && !reported.contains(value.fields[i].name)) {
                        reported.append(value.fields[i].name);
                        report(QStringLiteral("There can be only one input field named \"%1\".")
                                   .arg(value.fields[i].name),
                               {value.fields[j].location, value.fields[i].location});
                    }
                }
            }
            const TypeDef* named = type.isValid() ? m_schema.type(type.namedType()) : nullptr;
            if (type.isValid() && !(named && named->kind == TypeKind::InputObject)) {
                checkLeafValue(value, type);
                collectVariables(value);
                return;
            }
            QStringList names;
            if (named) {
                for (const InputValueDef& field : named->inputFields) {
                    names.append(field.name);
                    const bool provided = std::any_of(
                        value.fields.begin(), value.fields.end(),
                        [&](const ast::ObjectField& node) { return node.name == field.name; });
                    if (!provided && field.type.isNonNull() && !field.defaultValue) {
                        report(QStringLiteral("Field \"%1.%2\" of required type \"%3\" was not "
                                              "provided.")
                                   .arg(named->name, field.name, field.type.toString()),
                               {value.location});
                    }
                }
            }
            for (const ast::ObjectField& node : value.fields) {
                const InputValueDef* field = named ? named->inputField(node.name) : nullptr;
                if (named && !field) {
                    report(QStringLiteral("Field \"%1\" is not defined by type \"%2\".")
                                   .arg(node.name, named->name)
                               + didYouMean(suggestionList(node.name, names)),
                           {node.location});
                }
                checkValue(node.value, field ? field->type : TypeRef(),
                           field && field->defaultValue.has_value());
            }
            return;
        }
        default:
            if (type.isValid()) {
                checkLeafValue(value, type);
            }
            return;
        }
    }

    ValidationContext& m_context;
    const Schema& m_schema;
    DefinitionFacts* m_facts = nullptr;
};

} // namespace

void validateSelections(ValidationContext& context) {
    SelectionWalker walker(context);
    context.operationFacts.resize(context.document.operations.size());
    for (size_t i = 0; i < context.document.operations.size(); ++i) {
        walker.walkOperation(context.document.operations[i], &context.operationFacts[i]);
    }
    for (const ast::FragmentDefinition& fragment : context.document.fragments) {
        walker.walkFragment(fragment, &context.fragmentFacts[fragment.name]);
    }
}

} // namespace kili::graphql
