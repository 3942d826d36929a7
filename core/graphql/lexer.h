// The lexical grammar of GraphQL (https://spec.graphql.org/October2021/#sec-Language.Source-Text):
// turns source text into tokens, skipping ignored tokens (whitespace, commas, comments). Error
// messages and positions follow graphql-js so that people searching for them find answers.
#pragma once

#include "graphql/error.h"

#include <QString>
#include <QStringView>

namespace kili::graphql {

struct Token {
    enum class Kind : unsigned char {
        StartOfFile,
        EndOfFile,
        Bang,
        Dollar,
        Amp,
        ParenL,
        ParenR,
        Spread,
        Colon,
        Equals,
        At,
        BracketL,
        BracketR,
        BraceL,
        Pipe,
        BraceR,
        Name,
        Int,
        Float,
        String,
        BlockString
    };
    Kind kind = Kind::StartOfFile;
    qsizetype start = 0;
    qsizetype end = 0;
    SourceLocation location;
    // Name, Int and Float: the text; String and BlockString: the value after escapes/dedent.
    QString value;

    bool hasValue() const { return kind >= Kind::Name; }
};

// "Name", "<EOF>" or "\"{\"" as graphql-js names a kind of token in its messages.
QString tokenKindDescription(Token::Kind kind);
// `Name "foo"`, `"}"` or `<EOF>` as graphql-js describes a token in its messages.
QString tokenDescription(const Token& token);

// Thrown by the lexer and the parser; parse() turns it into a GraphQLError.
struct SyntaxError {
    QString message; // without the "Syntax Error: " prefix
    SourceLocation location;
};

class Lexer {
public:
    explicit Lexer(QStringView source);

    // The next significant token; throws SyntaxError on malformed text.
    Token next();
    SourceLocation locationAt(qsizetype position) const;

private:
    [[noreturn]] void fail(qsizetype position, const QString& message) const;
    QString describeCharAt(qsizetype position) const;
    void skipIgnored();
    void newLine(qsizetype position, qsizetype length);
    Token makeToken(Token::Kind kind, qsizetype start, qsizetype end, QString value = {}) const;
    Token readName(qsizetype start);
    Token readNumber(qsizetype start);
    qsizetype readDigits(qsizetype position);
    Token readString(qsizetype start);
    Token readBlockString(qsizetype start);
    char32_t readEscapedUnicode(qsizetype position, qsizetype* length) const;

    QStringView m_source;
    qsizetype m_position = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
};

// The value of a block string: common indentation and leading/trailing blank lines removed.
QString blockStringValue(QStringView raw);

} // namespace kili::graphql
