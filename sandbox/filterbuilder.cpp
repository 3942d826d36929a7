#include "filterbuilder.h"

#include "accountstore.h"
#include "labelsearch.h"
#include "projectstore.h"
#include "wherefields.h"
#include "workflow.h"

#include <QJsonArray>

namespace kili::sandbox {

FilterBuilder::FilterBuilder(const ProjectStore& projects, AccountStore& accounts)
    : m_projects(projects)
    , m_accounts(accounts) {}

QString FilterBuilder::nextAlias(const char* prefix) const {
    return QLatin1String(prefix) + QString::number(++m_aliasCounter);
}

bool FilterBuilder::projectFilter(const QJsonObject& where, const QString& column,
                                  SqlCondition& out) const {
    const QJsonObject project = where::object(where, QLatin1String("project"));
    if (const auto id = where::string(project, QLatin1String("id"))) {
        const qint64 seq = m_projects.seqForId(*id);
        if (seq < 0)
            out.impossible = true; // not found is an empty list, not an error
        else
            out.add(column + QStringLiteral(" = ?"), {seq});
    }
    return true;
}

void FilterBuilder::userFilter(const QJsonObject& where, QLatin1String key, const QString& column,
                               SqlCondition& out, bool negate) const {
    const auto names = where::stringList(where, key);
    if (!names)
        return;
    const QList<qint64> users = m_accounts.usersNamed(*names);
    if (users.isEmpty()) {
        if (!negate)
            out.impossible = true;
        return;
    }
    QVariantList bound;
    for (qint64 user : users)
        bound.append(user);
    out.add(column + (negate ? QStringLiteral(" NOT IN (") : QStringLiteral(" IN ("))
                + placeholders(bound.size()) + QLatin1Char(')'),
            bound);
}

bool FilterBuilder::metadataFilter(const QJsonObject& metadata, const QString& alias,
                                   SqlCondition& out, QString* error) const {
    for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it) {
        QString key = it.key();
        key.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        const QString path = QStringLiteral("$.\"") + key + QLatin1Char('"');
        const QString column =
            QStringLiteral("json_extract(") + alias + QStringLiteral(".json_metadata, ?)");
        const QJsonValue value = it.value();
        if (value.isNull())
            continue;
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.size() == 2 && array.at(0).isDouble() && array.at(1).isDouble()) {
                out.add(column + QStringLiteral(" BETWEEN ? AND ?"),
                        {path, array.at(0).toDouble(), array.at(1).toDouble()});
                continue;
            }
            QVariantList bound = {path};
            for (const QJsonValue& item : array)
                bound.append(item.toVariant());
            if (array.isEmpty()) {
                out.impossible = true;
                continue;
            }
            out.add(column + QStringLiteral(" IN (") + placeholders(array.size())
                        + QLatin1Char(')'),
                    bound);
        } else if (value.isString() || value.isDouble() || value.isBool()) {
            out.add(column + QStringLiteral(" = ?"), {path, value.toVariant()});
        } else {
            *error = QStringLiteral("The metadata filter on \"%1\" must be a value, a list of "
                                    "values or a [min, max] pair of numbers.")
                         .arg(it.key());
            return false;
        }
    }
    return true;
}

QList<qint64> FilterBuilder::usersMatching(const QStringList& names) const {
    QList<qint64> users = m_accounts.usersNamed(names);
    for (const QString& name : names) {
        if (const auto user = m_accounts.userById(name); user && !users.contains(user->seq))
            users.append(user->seq);
    }
    return users;
}

void FilterBuilder::assigneeFilter(const QJsonObject& where, const QString& a,
                                   SqlCondition& out) const {
    for (const bool negate : {false, true}) {
        const auto names = where::stringList(where, negate ? QLatin1String("assigneeNotIn")
                                                           : QLatin1String("assigneeIn"));
        if (!names)
            continue;
        const QList<qint64> users = usersMatching(*names);
        if (users.isEmpty()) {
            if (!negate)
                out.impossible = true; // nobody of that name: nothing is assigned to them
            continue;
        }
        QVariantList bound;
        for (qint64 user : users)
            bound.append(user);
        out.add((negate ? QStringLiteral("NOT EXISTS") : QStringLiteral("EXISTS"))
                    + QStringLiteral(" (SELECT 1 FROM asset_assignees aa WHERE aa.asset_seq = ") + a
                    + QStringLiteral(".seq AND aa.user_seq IN (") + placeholders(bound.size())
                    + QStringLiteral("))"),
                bound);
    }
}

void FilterBuilder::issueFilter(const QJsonObject& issue, const QString& a,
                                SqlCondition& out) const {
    // `issue: {}` (sent by the SDK in every asset query) is no filter; with a type and/or a
    // status, an asset matches when one of its issues has them.
    QString clause;
    QVariantList bound;
    for (const char* key : {"type", "status"}) {
        if (const auto value = where::string(issue, QLatin1String(key))) {
            clause += QStringLiteral(" AND i.") + QLatin1String(key) + QStringLiteral(" = ?");
            bound.append(*value);
        }
    }
    if (bound.isEmpty())
        return;
    out.add(QStringLiteral("EXISTS (SELECT 1 FROM issues i WHERE i.asset_seq = ") + a
                + QStringLiteral(".seq") + clause + QLatin1Char(')'),
            bound);
}

void FilterBuilder::stepFilter(const QJsonObject& where, const QString& a,
                               SqlCondition& out) const {
    for (const bool negate : {false, true}) {
        const auto ids = where::stringList(where, negate ? QLatin1String("stepIdNotIn")
                                                         : QLatin1String("stepIdIn"));
        if (!ids)
            continue;
        // An asset is in a step when it belongs to the step's project and its status puts it
        // there (workflow.h).
        QStringList ors;
        QVariantList bound;
        for (const QString& id : *ids) {
            if (const auto place = m_projects.stepPlace(id)) {
                ors.append(QStringLiteral("(") + a + QStringLiteral(".project_seq = ? AND ") + a
                           + QStringLiteral(".status IN (")
                           + workflow::statusesInStepSql(place->index) + QStringLiteral("))"));
                bound.append(place->projectSeq);
            }
        }
        if (ors.isEmpty()) {
            if (!negate)
                out.impossible = true; // unknown steps hold no asset
            continue;
        }
        out.add((negate ? QStringLiteral("NOT (") : QStringLiteral("("))
                    + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')'),
                bound);
    }
    where::addIn(where, QLatin1String("stepStatusIn"), workflow::stepStatusSql(a), out);
    where::addIn(where, QLatin1String("stepStatusNotIn"), workflow::stepStatusSql(a), out, true);
}

bool FilterBuilder::assetWhere(const QJsonObject& where, const QString& a, SqlCondition& out,
                               QString* error) const {
    if (const auto id = where::string(where, QLatin1String("id")))
        out.add(a + QStringLiteral(".id = ?"), {*id});
    where::addIn(where, QLatin1String("idIn"), a + QStringLiteral(".id"), out);
    where::addIn(where, QLatin1String("idNotIn"), a + QStringLiteral(".id"), out, true);
    projectFilter(where, a + QStringLiteral(".project_seq"), out);
    where::addIn(where, QLatin1String("externalIdStrictlyIn"), a + QStringLiteral(".external_id"),
                 out);
    if (const auto parts = where::stringList(where, QLatin1String("externalIdIn"))) {
        // Kili's externalIdIn is a partial ("contains") match.
        if (parts->isEmpty()) {
            out.impossible = true;
        } else {
            QStringList ors;
            QVariantList bound;
            for (const QString& part : *parts) {
                ors.append(QStringLiteral("instr(") + a + QStringLiteral(".external_id, ?) > 0"));
                bound.append(part);
            }
            out.add(QLatin1Char('(') + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')'), bound);
        }
    }
    where::addIn(where, QLatin1String("statusIn"), a + QStringLiteral(".status"), out);
    if (const auto skipped = where::boolean(where, QLatin1String("skipped")))
        out.add(a + QStringLiteral(".skipped = ?"), {*skipped ? 1 : 0});
    for (const char* mark : {"consensusMark", "honeypotMark", "inferenceMark"}) {
        QString column = QLatin1String(mark);
        column = a + QLatin1Char('.') + column.left(column.size() - 4).toLower()
                 + QStringLiteral("_mark");
        const QByteArray gte = QByteArray(mark) + "Gte";
        const QByteArray lte = QByteArray(mark) + "Lte";
        where::addNumberBound(where, QLatin1String(gte), column, false, out);
        where::addNumberBound(where, QLatin1String(lte), column, true, out);
    }
    if (where::isSet(where, QLatin1String("metadata"))) {
        if (!metadataFilter(where::object(where, QLatin1String("metadata")), a, out, error))
            return false;
    }
    assigneeFilter(where, a, out);
    issueFilter(where::object(where, QLatin1String("issue")), a, out);
    stepFilter(where, a, out);
    for (const auto& [key, column, upper] : {std::tuple{"createdAtGte", "created_at", false},
                                             std::tuple{"createdAtLte", "created_at", true},
                                             std::tuple{"updatedAtGte", "updated_at", false},
                                             std::tuple{"updatedAtLte", "updated_at", true}}) {
        if (!where::addDateBound(where, QLatin1String(key),
                                 a + QLatin1Char('.') + QLatin1String(column), upper, out, error))
            return false;
    }
    const QJsonObject label = where::object(where, QLatin1String("label"));
    SqlCondition labelCondition;
    const QString l = nextAlias("al");
    if (!labelWhere(label, l, labelCondition, error))
        return false;
    if (labelCondition.impossible) {
        out.impossible = true;
    } else if (!labelCondition.clauses.isEmpty()) {
        out.add(QStringLiteral("EXISTS (SELECT 1 FROM labels ") + l + QStringLiteral(" WHERE ") + l
                    + QStringLiteral(".asset_seq = ") + a + QStringLiteral(".seq")
                    + labelCondition.andClause() + QLatin1Char(')'),
                labelCondition.values);
    }
    return true;
}

bool FilterBuilder::labelWhere(const QJsonObject& where, const QString& l, SqlCondition& out,
                               QString* error) const {
    if (const auto id = where::string(where, QLatin1String("id")))
        out.add(l + QStringLiteral(".id = ?"), {*id});
    where::addIn(where, QLatin1String("idIn"), l + QStringLiteral(".id"), out);
    projectFilter(where, l + QStringLiteral(".project_seq"), out);
    where::addIn(where, QLatin1String("typeIn"), l + QStringLiteral(".label_type"), out);
    userFilter(where, QLatin1String("authorIn"), l + QStringLiteral(".author_seq"), out, false);
    userFilter(where, QLatin1String("labelerIn"), l + QStringLiteral(".author_seq"), out, false);
    userFilter(where, QLatin1String("labelerNotIn"), l + QStringLiteral(".author_seq"), out, true);
    if (where::isSet(where, QLatin1String("reviewerIn"))) {
        out.add(l + QStringLiteral(".label_type = 'REVIEW'"));
        userFilter(where, QLatin1String("reviewerIn"), l + QStringLiteral(".author_seq"), out,
                   false);
    }
    if (where::isSet(where, QLatin1String("reviewerNotIn"))) {
        SqlCondition reviewers;
        userFilter(where, QLatin1String("reviewerNotIn"), l + QStringLiteral(".author_seq"),
                   reviewers, true);
        if (!reviewers.clauses.isEmpty()) {
            out.add(QStringLiteral("(") + l + QStringLiteral(".label_type <> 'REVIEW' OR ")
                        + reviewers.clauses.join(QStringLiteral(" AND ")) + QLatin1Char(')'),
                    reviewers.values);
        }
    }
    const QJsonObject user = where::object(where, QLatin1String("user"));
    if (const auto userId = where::string(user, QLatin1String("id"))) {
        const auto found = m_accounts.userById(*userId);
        if (!found)
            out.impossible = true;
        else
            out.add(l + QStringLiteral(".author_seq = ?"), {found->seq});
    }
    if (const auto email = where::string(user, QLatin1String("email"))) {
        const QList<qint64> users = m_accounts.usersNamed({*email});
        if (users.isEmpty())
            out.impossible = true;
        else
            out.add(l + QStringLiteral(".author_seq = ?"), {users.first()});
    }
    // Labels carry no consensus mark in the sandbox: a bound on it matches nothing.
    if (where::isSet(where, QLatin1String("consensusMarkGte"))
        || where::isSet(where, QLatin1String("consensusMarkLte")))
        out.impossible = true;
    where::addNumberBound(where, QLatin1String("honeypotMarkGte"),
                          l + QStringLiteral(".honeypot_mark"), false, out);
    where::addNumberBound(where, QLatin1String("honeypotMarkLte"),
                          l + QStringLiteral(".honeypot_mark"), true, out);
    if (const auto day = where::string(where, QLatin1String("createdAt"))) {
        out.add(QStringLiteral("substr(") + l + QStringLiteral(".created_at, 1, ?) = ?"),
                {day->size(), *day});
    }
    if (!where::addDateBound(where, QLatin1String("createdAtGte"),
                             l + QStringLiteral(".created_at"), false, out, error)
        || !where::addDateBound(where, QLatin1String("createdAtLte"),
                                l + QStringLiteral(".created_at"), true, out, error))
        return false;
    if (const auto search = where::string(where, QLatin1String("search"))) {
        if (!search->trimmed().isEmpty()) {
            SqlCondition searchCondition;
            if (!LabelSearch::toSql(*search, l + QStringLiteral(".json_response"), searchCondition,
                                    error))
                return false;
            out.merge(searchCondition);
        }
    }
    if (where::isSet(where, QLatin1String("asset"))) {
        const QJsonObject asset = where::object(where, QLatin1String("asset"));
        const QString a = nextAlias("la");
        SqlCondition assetCondition;
        if (!assetWhere(asset, a, assetCondition, error))
            return false;
        if (assetCondition.impossible) {
            out.impossible = true;
        } else if (!assetCondition.clauses.isEmpty()) {
            out.add(QStringLiteral("EXISTS (SELECT 1 FROM assets ") + a + QStringLiteral(" WHERE ")
                        + a + QStringLiteral(".seq = ") + l + QStringLiteral(".asset_seq")
                        + assetCondition.andClause() + QLatin1Char(')'),
                    assetCondition.values);
        }
    }
    return true;
}

} // namespace kili::sandbox
