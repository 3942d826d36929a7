#include "labelsearch.h"

#include <QRegularExpression>

namespace kili::sandbox {

namespace {

struct Token {
    enum Kind { Term, Operator, Number, And, Or, Open, Close, End } kind;
    QString text;
    qsizetype position;
};

class Parser {
public:
    Parser(const QString& source, const QString& column)
        : m_source(source)
        , m_column(column) {
        tokenize();
    }

    bool parse(QString* sql, QVariantList* values, QString* error) {
        m_values = values;
        if (!m_error.isEmpty()) {
            *error = m_error;
            return false;
        }
        *sql = disjunction();
        if (m_error.isEmpty() && peek().kind != Token::End)
            fail(QStringLiteral("unexpected \"%1\"").arg(peek().text));
        if (!m_error.isEmpty()) {
            *error = m_error;
            return false;
        }
        return true;
    }

private:
    void tokenize() {
        static const QRegularExpression token(QStringLiteral(
            R"(\s*(?:(\()|(\))|(==|>=|<=|>|<)|(AND\b|and\b)|(OR\b|or\b)|(-?\d+(?:\.\d+)?)|([A-Za-z0-9_\-]+\.[^\s.()]+\.count)))"));
        qsizetype position = 0;
        while (position < m_source.size()) {
            if (m_source.mid(position).trimmed().isEmpty())
                break;
            const auto match = token.match(m_source, position, QRegularExpression::NormalMatch,
                                           QRegularExpression::AnchorAtOffsetMatchOption);
            if (!match.hasMatch()) {
                m_error = QStringLiteral("The label search \"%1\" does not parse at character %2: "
                                         "expected JOB.CATEGORY.count, an operator (== >= <= > <), "
                                         "a number, AND, OR or a parenthesis.")
                              .arg(m_source)
                              .arg(position + 1);
                return;
            }
            const Token::Kind kinds[] = {Token::Open, Token::Close,  Token::Operator, Token::And,
                                         Token::Or,   Token::Number, Token::Term};
            for (int group = 1; group <= 7; ++group) {
                if (match.capturedLength(group) > 0) {
                    m_tokens.append(
                        {kinds[group - 1], match.captured(group), match.capturedStart(group)});
                    break;
                }
            }
            position = match.capturedEnd(0);
        }
        m_tokens.append({Token::End, QStringLiteral("end of the search"), m_source.size()});
    }

    const Token& peek() const { return m_tokens.at(m_index); }
    Token take() { return m_tokens.at(m_index++); }

    void fail(const QString& what) {
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("The label search \"%1\" is not valid at character %2: %3.")
                          .arg(m_source)
                          .arg(peek().position + 1)
                          .arg(what);
        }
    }

    QString disjunction() {
        QString left = conjunction();
        while (m_error.isEmpty() && peek().kind == Token::Or) {
            take();
            left =
                QLatin1Char('(') + left + QStringLiteral(" OR ") + conjunction() + QLatin1Char(')');
        }
        return left;
    }

    QString conjunction() {
        QString left = primary();
        while (m_error.isEmpty() && peek().kind == Token::And) {
            take();
            left = QLatin1Char('(') + left + QStringLiteral(" AND ") + primary() + QLatin1Char(')');
        }
        return left;
    }

    QString primary() {
        if (peek().kind == Token::Open) {
            take();
            const QString inner = disjunction();
            if (peek().kind != Token::Close)
                fail(QStringLiteral("a closing parenthesis is missing"));
            else
                take();
            return inner;
        }
        if (peek().kind != Token::Term) {
            fail(QStringLiteral("expected JOB.CATEGORY.count, found \"%1\"").arg(peek().text));
            return {};
        }
        const QString term = take().text;
        if (peek().kind != Token::Operator) {
            fail(QStringLiteral("expected an operator (== >= <= > <) after %1").arg(term));
            return {};
        }
        QString op = take().text;
        if (op == QLatin1String("=="))
            op = QStringLiteral("=");
        if (peek().kind != Token::Number) {
            fail(QStringLiteral("expected a number after %1 %2").arg(term, op));
            return {};
        }
        const double number = take().text.toDouble();
        const QStringList parts = term.split(QLatin1Char('.'));
        const QString job = parts.at(0);
        const QString category = parts.mid(1, parts.size() - 2).join(QLatin1Char('.'));
        m_values->append(QString(QStringLiteral("$.\"") + job + QLatin1Char('"')));
        m_values->append(category);
        m_values->append(number);
        return QStringLiteral("(SELECT COUNT(*) FROM json_tree(") + m_column
               + QStringLiteral(", ?) t WHERE t.key = 'name' AND t.value = ? AND t.path LIKE "
                                "'%.categories[%]') ")
               + op + QStringLiteral(" ?");
    }

    QString m_source;
    QString m_column;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    QVariantList* m_values = nullptr;
    QString m_error;
};

} // namespace

bool LabelSearch::toSql(const QString& expression, const QString& jsonColumn, SqlCondition& out,
                        QString* error) {
    Parser parser(expression, jsonColumn);
    QString sql;
    QVariantList values;
    if (!parser.parse(&sql, &values, error))
        return false;
    out.add(sql, values);
    return true;
}

} // namespace kili::sandbox
