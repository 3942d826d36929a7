#include "graphql/parser.h"

#include "graphql/lexer.h"

#include <optional>

namespace kili::graphql {

namespace {

using Kind = Token::Kind;

const QStringList& directiveLocationNames() {
    static const QStringList names = {
        QStringLiteral("QUERY"),
        QStringLiteral("MUTATION"),
        QStringLiteral("SUBSCRIPTION"),
        QStringLiteral("FIELD"),
        QStringLiteral("FRAGMENT_DEFINITION"),
        QStringLiteral("FRAGMENT_SPREAD"),
        QStringLiteral("INLINE_FRAGMENT"),
        QStringLiteral("VARIABLE_DEFINITION"),
        QStringLiteral("SCHEMA"),
        QStringLiteral("SCALAR"),
        QStringLiteral("OBJECT"),
        QStringLiteral("FIELD_DEFINITION"),
        QStringLiteral("ARGUMENT_DEFINITION"),
        QStringLiteral("INTERFACE"),
        QStringLiteral("UNION"),
        QStringLiteral("ENUM"),
        QStringLiteral("ENUM_VALUE"),
        QStringLiteral("INPUT_OBJECT"),
        QStringLiteral("INPUT_FIELD_DEFINITION"),
    };
    return names;
}

// Recursive descent over the grammar of the October 2021 specification. Recursion only happens
// where the document nests (selection sets, values, list types) and every such level is counted
// against ParseLimits::maxDepth, so the stack stays bounded.
class Parser {
public:
    Parser(QStringView source, const ParseLimits& limits)
        : m_source(source)
        , m_lexer(source)
        , m_limits(limits) {
        m_token = m_lexer.next();
    }

    ast::Document parseDocument() {
        ast::Document document;
        do {
            parseDefinition(document);
        } while (!peek(Kind::EndOfFile));
        return document;
    }

    ast::Value parseConstValueDocument() {
        ast::Value value = parseValue(true);
        expect(Kind::EndOfFile);
        return value;
    }

private:
    class DepthGuard {
    public:
        DepthGuard(Parser& parser)
            : m_parser(parser) {
            if (++m_parser.m_depth > m_parser.m_limits.maxDepth) {
                throw SyntaxError{QStringLiteral("Document nests deeper than %1 levels (selection "
                                                 "sets, lists, objects and list types). Parsing "
                                                 "aborted.")
                                      .arg(m_parser.m_limits.maxDepth),
                                  m_parser.m_token.location};
            }
        }
        ~DepthGuard() { --m_parser.m_depth; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Parser& m_parser;
    };

    bool peek(Kind kind) const { return m_token.kind == kind; }
    bool peekKeyword(QLatin1String keyword) const {
        return m_token.kind == Kind::Name && m_token.value == keyword;
    }
    bool peekDescription() const { return peek(Kind::String) || peek(Kind::BlockString); }

    Token advance() {
        Token current = std::move(m_token);
        m_lastEnd = current.end;
        if (m_lookahead) {
            m_token = std::move(*m_lookahead);
            m_lookahead.reset();
        } else {
            m_token = m_lexer.next();
        }
        if (m_token.kind != Kind::EndOfFile && ++m_tokenCount > m_limits.maxTokens) {
            throw SyntaxError{QStringLiteral("Document contains more than %1 tokens. Parsing "
                                             "aborted.")
                                  .arg(m_limits.maxTokens),
                              m_token.location};
        }
        return current;
    }

    const Token& lookahead() {
        if (!m_lookahead) {
            m_lookahead = m_lexer.next();
        }
        return *m_lookahead;
    }

    [[noreturn]] void unexpected(const Token& token) const {
        throw SyntaxError{QStringLiteral("Unexpected ") + tokenDescription(token)
                              + QLatin1Char('.'),
                          token.location};
    }

    Token expect(Kind kind) {
        if (m_token.kind == kind) {
            return advance();
        }
        throw SyntaxError{QStringLiteral("Expected ") + tokenKindDescription(kind)
                              + QLatin1String(", found ") + tokenDescription(m_token)
                              + QLatin1Char('.'),
                          m_token.location};
    }

    bool expectOptional(Kind kind) {
        if (m_token.kind == kind) {
            advance();
            return true;
        }
        return false;
    }

    void expectKeyword(QLatin1String keyword) {
        if (!peekKeyword(keyword)) {
            throw SyntaxError{QStringLiteral("Expected \"") + keyword + QLatin1String("\", found ")
                                  + tokenDescription(m_token) + QLatin1Char('.'),
                              m_token.location};
        }
        advance();
    }

    bool expectOptionalKeyword(QLatin1String keyword) {
        if (peekKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    QString parseName(SourceLocation* location = nullptr) {
        if (location) {
            *location = m_token.location;
        }
        return expect(Kind::Name).value;
    }

    void parseDefinition(ast::Document& document) {
        if (peek(Kind::BraceL)) {
            document.operations.push_back(parseOperationDefinition());
            return;
        }
        const bool hasDescription = peekDescription();
        const Token& keyword = hasDescription ? lookahead() : m_token;
        if (keyword.kind == Kind::Name) {
            static const QStringList typeSystemKeywords = {
                QStringLiteral("schema"),    QStringLiteral("scalar"),   QStringLiteral("type"),
                QStringLiteral("interface"), QStringLiteral("union"),    QStringLiteral("enum"),
                QStringLiteral("input"),     QStringLiteral("directive")};
            if (typeSystemKeywords.contains(keyword.value)) {
                document.typeDefinitions.push_back(parseTypeSystemDefinition(false));
                return;
            }
            if (hasDescription) {
                throw SyntaxError{QStringLiteral("Unexpected description, descriptions are "
                                                 "supported only on type definitions."),
                                  m_token.location};
            }
            if (keyword.value == QLatin1String("query")
                || keyword.value == QLatin1String("mutation")
                || keyword.value == QLatin1String("subscription")) {
                document.operations.push_back(parseOperationDefinition());
                return;
            }
            if (keyword.value == QLatin1String("fragment")) {
                document.fragments.push_back(parseFragmentDefinition());
                return;
            }
            if (keyword.value == QLatin1String("extend")) {
                advance();
                if (!peek(Kind::Name) || !typeSystemKeywords.contains(m_token.value)
                    || m_token.value == QLatin1String("directive")) {
                    unexpected(m_token);
                }
                document.typeDefinitions.push_back(parseTypeSystemDefinition(true));
                return;
            }
        }
        unexpected(keyword);
    }

    ast::OperationDefinition::Type parseOperationType() {
        const Token token = expect(Kind::Name);
        if (token.value == QLatin1String("query")) {
            return ast::OperationDefinition::Type::Query;
        }
        if (token.value == QLatin1String("mutation")) {
            return ast::OperationDefinition::Type::Mutation;
        }
        if (token.value == QLatin1String("subscription")) {
            return ast::OperationDefinition::Type::Subscription;
        }
        unexpected(token);
    }

    ast::OperationDefinition parseOperationDefinition() {
        ast::OperationDefinition operation;
        operation.location = m_token.location;
        if (peek(Kind::BraceL)) {
            operation.selectionSet = parseSelectionSet();
            return operation;
        }
        operation.operation = parseOperationType();
        if (peek(Kind::Name)) {
            operation.name = parseName();
        }
        if (expectOptional(Kind::ParenL)) {
            do {
                operation.variables.push_back(parseVariableDefinition());
            } while (!expectOptional(Kind::ParenR));
        }
        operation.directives = parseDirectives(false);
        operation.selectionSet = parseSelectionSet();
        return operation;
    }

    ast::VariableDefinition parseVariableDefinition() {
        ast::VariableDefinition variable;
        variable.location = m_token.location;
        expect(Kind::Dollar);
        variable.name = parseName();
        expect(Kind::Colon);
        variable.typeLocation = m_token.location;
        variable.type = parseTypeReference();
        if (expectOptional(Kind::Equals)) {
            variable.defaultValue = parseValue(true);
        }
        variable.directives = parseDirectives(true);
        return variable;
    }

    ast::SelectionSet parseSelectionSet() {
        DepthGuard guard(*this);
        ast::SelectionSet selectionSet;
        selectionSet.location = m_token.location;
        expect(Kind::BraceL);
        do {
            selectionSet.selections.push_back(parseSelection());
        } while (!expectOptional(Kind::BraceR));
        return selectionSet;
    }

    ast::Selection parseSelection() {
        ast::Selection selection;
        selection.location = m_token.location;
        if (expectOptional(Kind::Spread)) {
            const bool hasTypeCondition = expectOptionalKeyword(QLatin1String("on"));
            if (!hasTypeCondition && peek(Kind::Name)) {
                selection.kind = ast::Selection::Kind::FragmentSpread;
                selection.name = parseFragmentName();
                selection.directives = parseDirectives(false);
                return selection;
            }
            selection.kind = ast::Selection::Kind::InlineFragment;
            if (hasTypeCondition) {
                selection.typeCondition = parseName();
            }
            selection.directives = parseDirectives(false);
            selection.selectionSet = parseSelectionSet();
            return selection;
        }
        selection.kind = ast::Selection::Kind::Field;
        const qsizetype start = m_token.start;
        selection.name = parseName();
        if (expectOptional(Kind::Colon)) {
            selection.alias = std::move(selection.name);
            selection.name = parseName();
        }
        selection.arguments = parseArguments(false);
        selection.directives = parseDirectives(false);
        if (peek(Kind::BraceL)) {
            selection.selectionSet = parseSelectionSet();
        }
        selection.fingerprint = qHash(m_source.sliced(start, m_lastEnd - start));
        return selection;
    }

    QString parseFragmentName() {
        if (peekKeyword(QLatin1String("on"))) {
            unexpected(m_token);
        }
        return parseName();
    }

    ast::FragmentDefinition parseFragmentDefinition() {
        ast::FragmentDefinition fragment;
        fragment.location = m_token.location;
        expectKeyword(QLatin1String("fragment"));
        fragment.name = parseFragmentName();
        expectKeyword(QLatin1String("on"));
        fragment.typeCondition = parseName(&fragment.typeConditionLocation);
        fragment.directives = parseDirectives(false);
        fragment.selectionSet = parseSelectionSet();
        return fragment;
    }

    std::vector<ast::Argument> parseArguments(bool isConst) {
        std::vector<ast::Argument> arguments;
        if (expectOptional(Kind::ParenL)) {
            do {
                ast::Argument argument;
                argument.name = parseName(&argument.location);
                expect(Kind::Colon);
                argument.value = parseValue(isConst);
                arguments.push_back(std::move(argument));
            } while (!expectOptional(Kind::ParenR));
        }
        return arguments;
    }

    std::vector<ast::Directive> parseDirectives(bool isConst) {
        std::vector<ast::Directive> directives;
        while (peek(Kind::At)) {
            ast::Directive directive;
            directive.location = m_token.location;
            advance();
            directive.name = parseName();
            directive.arguments = parseArguments(isConst);
            directives.push_back(std::move(directive));
        }
        return directives;
    }

    ast::Value parseValue(bool isConst) {
        ast::Value value;
        value.location = m_token.location;
        switch (m_token.kind) {
        case Kind::BracketL: {
            DepthGuard guard(*this);
            value.kind = ast::Value::Kind::List;
            advance();
            while (!expectOptional(Kind::BracketR)) {
                value.items.push_back(parseValue(isConst));
            }
            return value;
        }
        case Kind::BraceL: {
            DepthGuard guard(*this);
            value.kind = ast::Value::Kind::Object;
            advance();
            while (!expectOptional(Kind::BraceR)) {
                ast::ObjectField field;
                field.name = parseName(&field.location);
                expect(Kind::Colon);
                field.value = parseValue(isConst);
                value.fields.push_back(std::move(field));
            }
            return value;
        }
        case Kind::Int:
            value.kind = ast::Value::Kind::Int;
            value.text = advance().value;
            return value;
        case Kind::Float:
            value.kind = ast::Value::Kind::Float;
            value.text = advance().value;
            return value;
        case Kind::String:
        case Kind::BlockString:
            value.kind = ast::Value::Kind::String;
            value.isBlockString = peek(Kind::BlockString);
            value.text = advance().value;
            return value;
        case Kind::Name: {
            Token token = advance();
            if (token.value == QLatin1String("true") || token.value == QLatin1String("false")) {
                value.kind = ast::Value::Kind::Boolean;
                value.boolean = token.value == QLatin1String("true");
            } else if (token.value == QLatin1String("null")) {
                value.kind = ast::Value::Kind::Null;
            } else {
                value.kind = ast::Value::Kind::Enum;
                value.text = std::move(token.value);
            }
            return value;
        }
        case Kind::Dollar:
            if (isConst) {
                advance();
                if (peek(Kind::Name)) {
                    throw SyntaxError{QStringLiteral("Unexpected variable \"$") + m_token.value
                                          + QLatin1String("\" in constant value."),
                                      m_token.location};
                }
                unexpected(m_token);
            }
            advance();
            value.kind = ast::Value::Kind::Variable;
            value.text = parseName();
            return value;
        default:
            unexpected(m_token);
        }
    }

    TypeRef parseTypeReference() {
        TypeRef type;
        if (peek(Kind::BracketL)) {
            DepthGuard guard(*this);
            advance();
            const TypeRef inner = parseTypeReference();
            expect(Kind::BracketR);
            type = TypeRef::listOf(inner);
        } else {
            type = TypeRef(parseName());
        }
        if (expectOptional(Kind::Bang)) {
            type = TypeRef::nonNull(type);
        }
        return type;
    }

    // ---- type system (SDL)

    QString parseDescription() { return peekDescription() ? advance().value : QString(); }

    ast::TypeSystemDefinition parseTypeSystemDefinition(bool isExtension) {
        using Def = ast::TypeSystemDefinition;
        Def definition;
        definition.isExtension = isExtension;
        definition.location = m_token.location;
        definition.description = parseDescription();
        const QString keyword = expect(Kind::Name).value;
        if (keyword == QLatin1String("schema")) {
            definition.kind = Def::Kind::Schema;
            definition.directives = parseDirectives(true);
            expect(Kind::BraceL);
            do {
                ast::RootOperationType root;
                root.operation = parseOperationType();
                expect(Kind::Colon);
                root.typeName = parseName();
                definition.rootTypes.push_back(root);
            } while (!expectOptional(Kind::BraceR));
            return definition;
        }
        if (keyword == QLatin1String("directive")) {
            definition.kind = Def::Kind::Directive;
            expect(Kind::At);
            definition.name = parseName();
            definition.inputValues = parseArgumentDefinitions();
            definition.repeatable = expectOptionalKeyword(QLatin1String("repeatable"));
            expectKeyword(QLatin1String("on"));
            expectOptional(Kind::Pipe);
            do {
                const Token token = expect(Kind::Name);
                if (!directiveLocationNames().contains(token.value)) {
                    unexpected(token);
                }
                definition.directiveLocations.append(token.value);
            } while (expectOptional(Kind::Pipe));
            return definition;
        }
        definition.name = parseName();
        if (keyword == QLatin1String("scalar")) {
            definition.kind = Def::Kind::Scalar;
            definition.directives = parseDirectives(true);
        } else if (keyword == QLatin1String("type") || keyword == QLatin1String("interface")) {
            definition.kind =
                keyword == QLatin1String("type") ? Def::Kind::Object : Def::Kind::Interface;
            if (expectOptionalKeyword(QLatin1String("implements"))) {
                expectOptional(Kind::Amp);
                do {
                    definition.interfaces.append(parseName());
                } while (expectOptional(Kind::Amp));
            }
            definition.directives = parseDirectives(true);
            if (expectOptional(Kind::BraceL)) {
                do {
                    definition.fields.push_back(parseFieldDefinition());
                } while (!expectOptional(Kind::BraceR));
            }
        } else if (keyword == QLatin1String("union")) {
            definition.kind = Def::Kind::Union;
            definition.directives = parseDirectives(true);
            if (expectOptional(Kind::Equals)) {
                expectOptional(Kind::Pipe);
                do {
                    definition.unionMembers.append(parseName());
                } while (expectOptional(Kind::Pipe));
            }
        } else if (keyword == QLatin1String("enum")) {
            definition.kind = Def::Kind::Enum;
            definition.directives = parseDirectives(true);
            if (expectOptional(Kind::BraceL)) {
                do {
                    ast::EnumValueDefinition value;
                    value.location = m_token.location;
                    value.description = parseDescription();
                    if (peekKeyword(QLatin1String("true")) || peekKeyword(QLatin1String("false"))
                        || peekKeyword(QLatin1String("null"))) {
                        throw SyntaxError{tokenDescription(m_token)
                                              + QLatin1String(" is reserved and cannot be used "
                                                              "for an enum value."),
                                          m_token.location};
                    }
                    value.name = parseName();
                    value.directives = parseDirectives(true);
                    definition.enumValues.push_back(std::move(value));
                } while (!expectOptional(Kind::BraceR));
            }
        } else {
            definition.kind = Def::Kind::InputObject;
            definition.directives = parseDirectives(true);
            if (expectOptional(Kind::BraceL)) {
                do {
                    definition.inputValues.push_back(parseInputValueDefinition());
                } while (!expectOptional(Kind::BraceR));
            }
        }
        return definition;
    }

    std::vector<ast::InputValueDefinition> parseArgumentDefinitions() {
        std::vector<ast::InputValueDefinition> arguments;
        if (expectOptional(Kind::ParenL)) {
            do {
                arguments.push_back(parseInputValueDefinition());
            } while (!expectOptional(Kind::ParenR));
        }
        return arguments;
    }

    ast::FieldDefinition parseFieldDefinition() {
        ast::FieldDefinition field;
        field.location = m_token.location;
        field.description = parseDescription();
        field.name = parseName();
        field.arguments = parseArgumentDefinitions();
        expect(Kind::Colon);
        field.type = parseTypeReference();
        field.directives = parseDirectives(true);
        return field;
    }

    ast::InputValueDefinition parseInputValueDefinition() {
        ast::InputValueDefinition input;
        input.location = m_token.location;
        input.description = parseDescription();
        input.name = parseName();
        expect(Kind::Colon);
        input.type = parseTypeReference();
        if (expectOptional(Kind::Equals)) {
            input.defaultValue = parseValue(true);
        }
        input.directives = parseDirectives(true);
        return input;
    }

    QStringView m_source;
    Lexer m_lexer;
    ParseLimits m_limits;
    qsizetype m_lastEnd = 0;
    Token m_token;
    std::optional<Token> m_lookahead;
    int m_depth = 0;
    int m_tokenCount = 0;
};

} // namespace

namespace {

GraphQLError tooLong(qsizetype size, const ParseLimits& limits, const char* unit) {
    return GraphQLError{QStringLiteral("Syntax Error: Document is %1 %2 long, more than the limit "
                                       "of %3. Send a smaller document.")
                            .arg(size)
                            .arg(QLatin1String(unit))
                            .arg(limits.maxBytes),
                        {},
                        {},
                        {}};
}

} // namespace

ParseResult parse(QStringView source, const ParseLimits& limits) {
    ParseResult result;
    if (source.size() > limits.maxBytes) {
        result.errors.append(tooLong(source.size(), limits, "characters"));
        return result;
    }
    try {
        Parser parser(source, limits);
        result.document = parser.parseDocument();
    } catch (const SyntaxError& error) {
        result.document = {};
        result.errors.append(GraphQLError{
            QStringLiteral("Syntax Error: ") + error.message, {error.location}, {}, {}});
    }
    return result;
}

std::optional<ast::Value> parseConstValue(QStringView source, QString* error,
                                          const ParseLimits& limits) {
    try {
        Parser parser(source, limits);
        return parser.parseConstValueDocument();
    } catch (const SyntaxError& syntax) {
        if (error) {
            *error = QStringLiteral("Syntax Error: ") + syntax.message;
        }
        return std::nullopt;
    }
}

ParseResult parse(QByteArrayView source, const ParseLimits& limits) {
    if (source.size() > limits.maxBytes) {
        ParseResult result;
        result.errors.append(tooLong(source.size(), limits, "bytes"));
        return result;
    }
    const QString text = QString::fromUtf8(source);
    return parse(QStringView(text), limits);
}

} // namespace kili::graphql
