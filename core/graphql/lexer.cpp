#include "graphql/lexer.h"

#include <QStringList>

namespace kili::graphql {

namespace {

bool isNameStart(char16_t c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNameContinue(char16_t c) {
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

bool isDigit(char16_t c) {
    return c >= u'0' && c <= u'9';
}

int hexValue(char16_t c) {
    if (c >= u'0' && c <= u'9') {
        return c - u'0';
    }
    if (c >= u'a' && c <= u'f') {
        return c - u'a' + 10;
    }
    if (c >= u'A' && c <= u'F') {
        return c - u'A' + 10;
    }
    return -1;
}

QString punctuatorText(Token::Kind kind) {
    switch (kind) {
    case Token::Kind::Bang:
        return QStringLiteral("!");
    case Token::Kind::Dollar:
        return QStringLiteral("$");
    case Token::Kind::Amp:
        return QStringLiteral("&");
    case Token::Kind::ParenL:
        return QStringLiteral("(");
    case Token::Kind::ParenR:
        return QStringLiteral(")");
    case Token::Kind::Spread:
        return QStringLiteral("...");
    case Token::Kind::Colon:
        return QStringLiteral(":");
    case Token::Kind::Equals:
        return QStringLiteral("=");
    case Token::Kind::At:
        return QStringLiteral("@");
    case Token::Kind::BracketL:
        return QStringLiteral("[");
    case Token::Kind::BracketR:
        return QStringLiteral("]");
    case Token::Kind::BraceL:
        return QStringLiteral("{");
    case Token::Kind::Pipe:
        return QStringLiteral("|");
    case Token::Kind::BraceR:
        return QStringLiteral("}");
    default:
        return {};
    }
}

} // namespace

QString tokenKindDescription(Token::Kind kind) {
    switch (kind) {
    case Token::Kind::StartOfFile:
        return QStringLiteral("<SOF>");
    case Token::Kind::EndOfFile:
        return QStringLiteral("<EOF>");
    case Token::Kind::Name:
        return QStringLiteral("Name");
    case Token::Kind::Int:
        return QStringLiteral("Int");
    case Token::Kind::Float:
        return QStringLiteral("Float");
    case Token::Kind::String:
        return QStringLiteral("String");
    case Token::Kind::BlockString:
        return QStringLiteral("BlockString");
    default:
        return QLatin1Char('"') + punctuatorText(kind) + QLatin1Char('"');
    }
}

QString tokenDescription(const Token& token) {
    QString description = tokenKindDescription(token.kind);
    if (token.hasValue()) {
        description += QLatin1String(" \"") + token.value + QLatin1Char('"');
    }
    return description;
}

Lexer::Lexer(QStringView source)
    : m_source(source) {}

SourceLocation Lexer::locationAt(qsizetype position) const {
    return {m_line, int(position - m_lineStart + 1)};
}

void Lexer::fail(qsizetype position, const QString& message) const {
    throw SyntaxError{message, locationAt(position)};
}

QString Lexer::describeCharAt(qsizetype position) const {
    if (position >= m_source.size()) {
        return QStringLiteral("<EOF>");
    }
    const char16_t c = m_source[position].unicode();
    if (c >= 0x20 && c <= 0x7e) {
        return c == u'"' ? QStringLiteral("'\"'") : QLatin1Char('"') + QChar(c) + QLatin1Char('"');
    }
    char32_t code = c;
    if (QChar::isHighSurrogate(c) && position + 1 < m_source.size()
        && m_source[position + 1].isLowSurrogate()) {
        code = QChar::surrogateToUcs4(c, m_source[position + 1].unicode());
    }
    return QLatin1String("U+")
           + QString::number(uint(code), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

void Lexer::newLine(qsizetype position, qsizetype length) {
    ++m_line;
    m_lineStart = position + length;
}

void Lexer::skipIgnored() {
    const qsizetype size = m_source.size();
    while (m_position < size) {
        const char16_t c = m_source[m_position].unicode();
        if (c == 0xfeff || c == u'\t' || c == u' ' || c == u',') {
            ++m_position;
        } else if (c == u'\n') {
            newLine(m_position, 1);
            ++m_position;
        } else if (c == u'\r') {
            const qsizetype length =
                m_position + 1 < size && m_source[m_position + 1] == QLatin1Char('\n') ? 2 : 1;
            newLine(m_position, length);
            m_position += length;
        } else if (c == u'#') {
            while (m_position < size && m_source[m_position] != QLatin1Char('\n')
                   && m_source[m_position] != QLatin1Char('\r')) {
                ++m_position;
            }
        } else {
            return;
        }
    }
}

Token Lexer::makeToken(Token::Kind kind, qsizetype start, qsizetype end, QString value) const {
    Token token;
    token.kind = kind;
    token.start = start;
    token.end = end;
    token.value = std::move(value);
    token.location = locationAt(start);
    return token;
}

Token Lexer::next() {
    skipIgnored();
    const qsizetype start = m_position;
    if (start >= m_source.size()) {
        return makeToken(Token::Kind::EndOfFile, start, start);
    }
    const char16_t c = m_source[start].unicode();
    Token::Kind punctuator = Token::Kind::StartOfFile;
    switch (c) {
    case u'!':
        punctuator = Token::Kind::Bang;
        break;
    case u'$':
        punctuator = Token::Kind::Dollar;
        break;
    case u'&':
        punctuator = Token::Kind::Amp;
        break;
    case u'(':
        punctuator = Token::Kind::ParenL;
        break;
    case u')':
        punctuator = Token::Kind::ParenR;
        break;
    case u':':
        punctuator = Token::Kind::Colon;
        break;
    case u'=':
        punctuator = Token::Kind::Equals;
        break;
    case u'@':
        punctuator = Token::Kind::At;
        break;
    case u'[':
        punctuator = Token::Kind::BracketL;
        break;
    case u']':
        punctuator = Token::Kind::BracketR;
        break;
    case u'{':
        punctuator = Token::Kind::BraceL;
        break;
    case u'|':
        punctuator = Token::Kind::Pipe;
        break;
    case u'}':
        punctuator = Token::Kind::BraceR;
        break;
    case u'.':
        if (m_source.mid(start, 3) == QLatin1String("...")) {
            m_position += 3;
            return makeToken(Token::Kind::Spread, start, m_position);
        }
        break;
    case u'"':
        if (m_source.mid(start, 3) == QLatin1String("\"\"\"")) {
            return readBlockString(start);
        }
        return readString(start);
    default:
        break;
    }
    if (punctuator != Token::Kind::StartOfFile) {
        ++m_position;
        return makeToken(punctuator, start, m_position);
    }
    if (isDigit(c) || c == u'-') {
        return readNumber(start);
    }
    if (isNameStart(c)) {
        return readName(start);
    }
    if (c == u'\'') {
        fail(start, QStringLiteral("Unexpected single quote character ('), did you mean to use a "
                                   "double quote (\")?"));
    }
    const bool loneSurrogate = QChar::isSurrogate(c)
                               && !(QChar::isHighSurrogate(c) && start + 1 < m_source.size()
                                    && m_source[start + 1].isLowSurrogate());
    fail(start, (loneSurrogate ? QStringLiteral("Invalid character: ")
                               : QStringLiteral("Unexpected character: "))
                    + describeCharAt(start) + QLatin1Char('.'));
}

Token Lexer::readName(qsizetype start) {
    qsizetype end = start + 1;
    while (end < m_source.size() && isNameContinue(m_source[end].unicode())) {
        ++end;
    }
    m_position = end;
    return makeToken(Token::Kind::Name, start, end, m_source.sliced(start, end - start).toString());
}

qsizetype Lexer::readDigits(qsizetype position) {
    if (position >= m_source.size() || !isDigit(m_source[position].unicode())) {
        fail(position, QStringLiteral("Invalid number, expected digit but got: ")
                           + describeCharAt(position) + QLatin1Char('.'));
    }
    while (position < m_source.size() && isDigit(m_source[position].unicode())) {
        ++position;
    }
    return position;
}

Token Lexer::readNumber(qsizetype start) {
    qsizetype position = start;
    bool isFloat = false;
    if (m_source[position] == QLatin1Char('-')) {
        ++position;
    }
    if (position < m_source.size() && m_source[position] == QLatin1Char('0')) {
        ++position;
        if (position < m_source.size() && isDigit(m_source[position].unicode())) {
            fail(position, QStringLiteral("Invalid number, unexpected digit after 0: ")
                               + describeCharAt(position) + QLatin1Char('.'));
        }
    } else {
        position = readDigits(position);
    }
    if (position < m_source.size() && m_source[position] == QLatin1Char('.')) {
        isFloat = true;
        position = readDigits(position + 1);
    }
    if (position < m_source.size()
        && (m_source[position] == QLatin1Char('e') || m_source[position] == QLatin1Char('E'))) {
        isFloat = true;
        ++position;
        if (position < m_source.size()
            && (m_source[position] == QLatin1Char('+') || m_source[position] == QLatin1Char('-'))) {
            ++position;
        }
        position = readDigits(position);
    }
    if (position < m_source.size()
        && (m_source[position] == QLatin1Char('.') || isNameStart(m_source[position].unicode()))) {
        fail(position, QStringLiteral("Invalid number, expected digit but got: ")
                           + describeCharAt(position) + QLatin1Char('.'));
    }
    m_position = position;
    return makeToken(isFloat ? Token::Kind::Float : Token::Kind::Int, start, position,
                     m_source.sliced(start, position - start).toString());
}

// Reads `\uXXXX` or `\u{X…}` at `position` (the backslash); returns the code point or
// U+FFFFFFFF when the sequence is invalid, and the length consumed.
char32_t Lexer::readEscapedUnicode(qsizetype position, qsizetype* length) const {
    constexpr char32_t invalid = 0xffffffff;
    const qsizetype size = m_source.size();
    qsizetype p = position + 2;
    if (p < size && m_source[p] == QLatin1Char('{')) {
        char32_t value = 0;
        ++p;
        const qsizetype digitsStart = p;
        while (p < size && hexValue(m_source[p].unicode()) >= 0 && p - digitsStart < 8) {
            value = value * 16 + char32_t(hexValue(m_source[p].unicode()));
            ++p;
        }
        *length = p - position + 1;
        if (p == digitsStart || p >= size || m_source[p] != QLatin1Char('}') || value > 0x10ffff
            || (value >= 0xd800 && value <= 0xdfff)) {
            return invalid;
        }
        return value;
    }
    char32_t value = 0;
    for (int i = 0; i < 4; ++i, ++p) {
        const int digit = p < size ? hexValue(m_source[p].unicode()) : -1;
        if (digit < 0) {
            *length = std::min<qsizetype>(6, size - position);
            return invalid;
        }
        value = value * 16 + char32_t(digit);
    }
    *length = 6;
    if (QChar::isHighSurrogate(value)) {
        // A surrogate pair written as two escapes: `\uD83D\uDE00`.
        qsizetype trailLength = 0;
        if (p + 1 < size && m_source[p] == QLatin1Char('\\')
            && m_source[p + 1] == QLatin1Char('u')) {
            const char32_t trail = readEscapedUnicode(p, &trailLength);
            if (trail != invalid && QChar::isLowSurrogate(trail)) {
                *length = 6 + trailLength;
                return QChar::surrogateToUcs4(char16_t(value), char16_t(trail));
            }
        }
        return invalid;
    }
    if (QChar::isLowSurrogate(value)) {
        return invalid;
    }
    return value;
}

Token Lexer::readString(qsizetype start) {
    const qsizetype size = m_source.size();
    qsizetype position = start + 1;
    qsizetype chunkStart = position;
    QString value;
    while (position < size) {
        const char16_t c = m_source[position].unicode();
        if (c == u'"') {
            value += m_source.sliced(chunkStart, position - chunkStart);
            m_position = position + 1;
            return makeToken(Token::Kind::String, start, m_position, value);
        }
        if (c == u'\\') {
            value += m_source.sliced(chunkStart, position - chunkStart);
            const char16_t escaped = position + 1 < size ? m_source[position + 1].unicode() : 0;
            qsizetype length = 2;
            switch (escaped) {
            case u'"':
                value += QLatin1Char('"');
                break;
            case u'\\':
                value += QLatin1Char('\\');
                break;
            case u'/':
                value += QLatin1Char('/');
                break;
            case u'b':
                value += QLatin1Char('\b');
                break;
            case u'f':
                value += QLatin1Char('\f');
                break;
            case u'n':
                value += QLatin1Char('\n');
                break;
            case u'r':
                value += QLatin1Char('\r');
                break;
            case u't':
                value += QLatin1Char('\t');
                break;
            case u'u': {
                const char32_t code = readEscapedUnicode(position, &length);
                if (code == 0xffffffff) {
                    fail(position, QStringLiteral("Invalid Unicode escape sequence: \"")
                                       + m_source.sliced(position, length) + QLatin1String("\"."));
                }
                value += QString::fromUcs4(&code, 1);
                break;
            }
            default:
                fail(position,
                     QStringLiteral("Invalid character escape sequence: \"")
                         + m_source.sliced(position, std::min<qsizetype>(2, size - position))
                         + QLatin1String("\"."));
            }
            position += length;
            chunkStart = position;
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            break;
        }
        if (c < 0x20 && c != u'\t') {
            fail(position, QStringLiteral("Invalid character within String: ")
                               + describeCharAt(position) + QLatin1Char('.'));
        }
        ++position;
    }
    fail(position, QStringLiteral("Unterminated string."));
}

Token Lexer::readBlockString(qsizetype start) {
    const qsizetype size = m_source.size();
    const SourceLocation startLocation = locationAt(start);
    qsizetype position = start + 3;
    qsizetype chunkStart = position;
    QString raw;
    while (position < size) {
        const char16_t c = m_source[position].unicode();
        if (c == u'"' && m_source.mid(position, 3) == QLatin1String("\"\"\"")) {
            raw += m_source.sliced(chunkStart, position - chunkStart);
            m_position = position + 3;
            Token token =
                makeToken(Token::Kind::BlockString, start, m_position, blockStringValue(raw));
            token.location = startLocation;
            return token;
        }
        if (c == u'\\' && m_source.mid(position, 4) == QLatin1String("\\\"\"\"")) {
            raw += m_source.sliced(chunkStart, position - chunkStart) + QLatin1String("\"\"\"");
            position += 4;
            chunkStart = position;
            continue;
        }
        if (c == u'\n') {
            newLine(position, 1);
            ++position;
            continue;
        }
        if (c == u'\r') {
            const qsizetype length =
                position + 1 < size && m_source[position + 1] == QLatin1Char('\n') ? 2 : 1;
            newLine(position, length);
            position += length;
            continue;
        }
        if (c < 0x20 && c != u'\t') {
            fail(position, QStringLiteral("Invalid character within String: ")
                               + describeCharAt(position) + QLatin1Char('.'));
        }
        ++position;
    }
    fail(position, QStringLiteral("Unterminated string."));
}

QString blockStringValue(QStringView raw) {
    QList<QStringView> lines;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] == QLatin1Char('\n') || raw[i] == QLatin1Char('\r')) {
            lines.append(raw.sliced(lineStart, i - lineStart));
            if (raw[i] == QLatin1Char('\r') && i + 1 < raw.size()
                && raw[i + 1] == QLatin1Char('\n')) {
                ++i;
            }
            lineStart = i + 1;
        }
    }
    lines.append(raw.sliced(lineStart));

    qsizetype commonIndent = std::numeric_limits<qsizetype>::max();
    qsizetype firstNonEmpty = -1;
    qsizetype lastNonEmpty = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        qsizetype indent = 0;
        while (indent < line.size()
               && (line[indent] == QLatin1Char(' ') || line[indent] == QLatin1Char('\t'))) {
            ++indent;
        }
        if (indent == line.size()) {
            continue;
        }
        if (firstNonEmpty < 0) {
            firstNonEmpty = i;
        }
        lastNonEmpty = i;
        if (i != 0 && indent < commonIndent) {
            commonIndent = indent;
        }
    }
    if (firstNonEmpty < 0) {
        return {};
    }
    QString value;
    for (qsizetype i = firstNonEmpty; i <= lastNonEmpty; ++i) {
        if (i > firstNonEmpty) {
            value += QLatin1Char('\n');
        }
        const QStringView line = lines[i];
        value += i == 0 ? line : line.mid(std::min(commonIndent, line.size()));
    }
    return value;
}

} // namespace kili::graphql
