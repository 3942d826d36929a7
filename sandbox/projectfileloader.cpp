#include "projectfileloader.h"

#include "accountstore.h"
#include "bulkinsert.h"
#include "database.h"
#include "ids.h"
#include "imagesize.h"
#include "labelwriter.h"
#include "projectstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <simdjson.h>

namespace kili::sandbox {

namespace {

const QStringList labelTypes = {QStringLiteral("AUTOSAVE"), QStringLiteral("DEFAULT"),
                                QStringLiteral("INFERENCE"), QStringLiteral("PREDICTION"),
                                QStringLiteral("REVIEW")};
const QStringList inputTypes = {QStringLiteral("GEOSPATIAL"),
                                QStringLiteral("IMAGE"),
                                QStringLiteral("LLM_INSTR_FOLLOWING"),
                                QStringLiteral("LLM_RLHF"),
                                QStringLiteral("LLM_STATIC"),
                                QStringLiteral("PDF"),
                                QStringLiteral("TEXT"),
                                QStringLiteral("VIDEO")};
const QStringList statuses = {QStringLiteral("TODO"), QStringLiteral("ONGOING"),
                              QStringLiteral("LABELED"), QStringLiteral("TO_REVIEW"),
                              QStringLiteral("REVIEWED")};

const QStringList issueTypes = {QStringLiteral("ISSUE"), QStringLiteral("QUESTION")};
const QStringList issueStatuses = {QStringLiteral("OPEN"), QStringLiteral("SOLVED"),
                                   QStringLiteral("CANCELLED")};

// Line and column of a byte offset, for JSON syntax errors.
QString lineAndColumn(const QByteArray& json, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// `json` without the whitespace between tokens, its members in the order they were written.
QString minified(std::string_view json) {
    std::string out(json.size(), '\0');
    std::size_t length = 0;
    if (simdjson::minify(json.data(), json.size(), out.data(), length) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(out.data(), qsizetype(length));
}

// The jsonInterface as its author wrote it (QJsonObject would sort the keys, and the desk shows
// jobs and categories in the order of the text): the member's own text, or the text of the
// JSON-encoded string. Empty when it cannot be had (the caller then writes the parsed object).
QString interfaceTextInOrder(const QByteArray& file, const QJsonValue& value) {
    if (value.isString())
        return minified(value.toString().toStdString());
    simdjson::ondemand::parser parser;
    const simdjson::padded_string padded(file.constData(), std::size_t(file.size()));
    simdjson::ondemand::document document;
    if (parser.iterate(padded).get(document) != simdjson::SUCCESS)
        return {};
    simdjson::ondemand::object member;
    std::string_view raw;
    if (document.find_field_unordered("jsonInterface").get_object().get(member) != simdjson::SUCCESS
        || member.raw_json().get(raw) != simdjson::SUCCESS)
        return {};
    return minified(raw);
}

// When an asset was created: its own "createdAt", else a day before its earliest dated label (an
// asset exists before anyone labels it), else `fallbackMs` (the time of the load).
QDateTime assetCreatedAt(const QJsonObject& asset, qint64 fallbackMs) {
    const QDateTime given = QDateTime::fromString(
        asset.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    if (given.isValid())
        return given.toUTC();
    QDateTime created = QDateTime::fromMSecsSinceEpoch(fallbackMs, Qt::UTC);
    for (const QJsonValue& label : asset.value(QLatin1String("labels")).toArray()) {
        const QDateTime labelled = QDateTime::fromString(
            label.toObject().value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
        if (labelled.isValid() && labelled.addDays(-1) < created)
            created = labelled.addDays(-1).toUTC();
    }
    return created;
}

// A JSON value that must be an object, given either as an object or as a JSON-encoded string.
bool objectOrEncoded(const QJsonValue& value, QJsonObject* out) {
    if (value.isObject()) {
        *out = value.toObject();
        return true;
    }
    if (value.isString()) {
        const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
        if (document.isObject()) {
            *out = document.object();
            return true;
        }
    }
    return false;
}

struct LoadedAsset {
    QString content;
    int contentKind = 0;
    QByteArray fileData;
    QString mimeType;
    QSize size; // of images read from files: Asset.resolution
};

} // namespace

ProjectFileLoader::ProjectFileLoader(Database& database, ProjectStore& projects,
                                     AccountStore& accounts, LabelWriter& labelWriter,
                                     IdGenerator& ids)
    : m_database(database)
    , m_projects(projects)
    , m_accounts(accounts)
    , m_labelWriter(labelWriter)
    , m_ids(ids) {}

bool ProjectFileLoader::addAssignees(qint64 assetSeq, const QJsonArray& emails, QString* error) {
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("INSERT OR IGNORE INTO asset_assignees(asset_seq, user_seq) VALUES (?, ?)"));
    for (const QJsonValue& email : emails) {
        const auto user = ensureUser(email.toString(), error);
        if (!user)
            return false;
        query.addBindValue(assetSeq);
        query.addBindValue(user->seq);
        if (!query.exec()) {
            *error = QStringLiteral("The sandbox database could not assign an asset: %1")
                         .arg(query.lastError().text());
            return false;
        }
    }
    return true;
}

bool ProjectFileLoader::addIssues(qint64 assetSeq, qint64 projectSeq, const QString& createdAt,
                                  const QJsonArray& issues, QString* error) {
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO issues(id, project_seq, asset_seq, type, status, "
                                 "text, author_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QJsonValue& value : issues) {
        const QJsonObject issue = value.toObject();
        const QString email = issue.value(QLatin1String("author")).toString();
        const auto author =
            email.isEmpty() ? m_accounts.defaultUser(error) : ensureUser(email, error);
        if (!author)
            return false;
        query.addBindValue(m_ids.next());
        query.addBindValue(projectSeq);
        query.addBindValue(assetSeq);
        query.addBindValue(issue.value(QLatin1String("type")).toString(QStringLiteral("ISSUE")));
        query.addBindValue(issue.value(QLatin1String("status")).toString(QStringLiteral("OPEN")));
        query.addBindValue(issue.value(QLatin1String("text")).toString());
        query.addBindValue(author->seq);
        query.addBindValue(createdAt);
        if (!query.exec()) {
            *error = QStringLiteral("The sandbox database could not add an issue: %1")
                         .arg(query.lastError().text());
            return false;
        }
    }
    return true;
}

std::optional<UserRecord> ProjectFileLoader::ensureUser(const QString& email, QString* error) {
    return m_accounts.ensureUser(email, email.section(QLatin1Char('@'), 0, 0), QString(),
                                 QStringLiteral("USER"), error);
}

bool ProjectFileLoader::loadFile(const QString& path, QString* projectId, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("Could not read the project file %1: %2.").arg(path, file.errorString());
        return false;
    }
    return load(file.readAll(), path, QFileInfo(path).absolutePath(), projectId, error);
}

bool ProjectFileLoader::load(const QByteArray& json, const QString& origin, const QString& baseDir,
                             QString* projectId, QString* error) {
    const auto fail = [&](const QString& place, const QString& problem) {
        *error = QStringLiteral("%1: %2: %3").arg(origin, place, problem);
        return false;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(lineAndColumn(json, parseError.offset),
                    QStringLiteral("not valid JSON (%1)").arg(parseError.errorString()));
    }
    if (!document.isObject())
        return fail(QStringLiteral("top level"),
                    QStringLiteral("expected a JSON object {\"title\", ...}"));
    const QJsonObject root = document.object();

    ProjectRecord project;
    project.title = root.value(QLatin1String("title")).toString();
    if (project.title.trimmed().isEmpty())
        return fail(QStringLiteral("title"), QStringLiteral("a non-empty string is required"));
    project.description = root.value(QLatin1String("description")).toString();
    project.inputType = root.value(QLatin1String("inputType")).toString();
    if (!inputTypes.contains(project.inputType)) {
        return fail(QStringLiteral("inputType"),
                    QStringLiteral("\"%1\" is not one of %2")
                        .arg(project.inputType, inputTypes.join(QStringLiteral(", "))));
    }
    QJsonObject jsonInterface;
    if (!objectOrEncoded(root.value(QLatin1String("jsonInterface")), &jsonInterface)
        || !jsonInterface.value(QLatin1String("jobs")).isObject()) {
        return fail(QStringLiteral("jsonInterface"),
                    QStringLiteral("expected an object with a \"jobs\" object (or that object "
                                   "JSON-encoded in a string)"));
    }
    project.jsonInterface = interfaceTextInOrder(json, root.value(QLatin1String("jsonInterface")));
    if (project.jsonInterface.isEmpty())
        project.jsonInterface =
            QString::fromUtf8(QJsonDocument(jsonInterface).toJson(QJsonDocument::Compact));
    const QJsonValue workflowVersion = root.value(QLatin1String("workflowVersion"));
    if (!workflowVersion.isUndefined()) {
        if (workflowVersion.toString() != QLatin1String("V1")
            && workflowVersion.toString() != QLatin1String("V2"))
            return fail(QStringLiteral("workflowVersion"),
                        QStringLiteral("expected \"V1\" (status-based) or \"V2\" (step-based)"));
        project.workflowVersion = workflowVersion.toString();
    }
    const QJsonValue stepsValue = root.value(QLatin1String("steps"));
    if (!stepsValue.isUndefined()) {
        const QJsonArray steps = stepsValue.toArray();
        if (!stepsValue.isArray() || steps.size() != workflow::StepCount) {
            return fail(QStringLiteral("steps"),
                        QStringLiteral("expected two steps, the labeling step then the review "
                                       "step: [{\"name\": \"Labeling\"}, {\"name\": \"Review\"}]"));
        }
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const QString place = QStringLiteral("steps[%1]").arg(i);
            const QJsonObject step = steps.at(i).toObject();
            const QString name = step.value(QLatin1String("name")).toString();
            if (name.trimmed().isEmpty())
                return fail(place + QStringLiteral(".name"),
                            QStringLiteral("a non-empty string is required"));
            const QJsonValue type = step.value(QLatin1String("type"));
            if (!type.isUndefined() && type.toString() != workflow::stepType(int(i))) {
                return fail(place + QStringLiteral(".type"),
                            QStringLiteral("step %1 is the %2 step: its type is \"%3\"")
                                .arg(i + 1)
                                .arg(i == 0 ? QStringLiteral("labeling") : QStringLiteral("review"),
                                     workflow::stepType(int(i))));
            }
            project.steps.append(StepRecord{QString(), name, workflow::stepType(int(i))});
        }
    }
    const QJsonValue assetsValue = root.value(QLatin1String("assets"));
    if (!assetsValue.isArray() && !assetsValue.isUndefined())
        return fail(QStringLiteral("assets"), QStringLiteral("expected a list of assets"));
    const QJsonArray assets = assetsValue.toArray();
    const bool isText = project.inputType == QLatin1String("TEXT");
    const QDir base(baseDir);
    static const QMimeDatabase mimeTypes;

    // Check and prepare everything before writing anything.
    QList<LoadedAsset> loaded;
    QSet<QString> externalIds;
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QString place = QStringLiteral("assets[%1]").arg(i);
        if (!assets.at(i).isObject())
            return fail(place,
                        QStringLiteral("expected an object {\"externalId\", \"content\", ...}"));
        const QJsonObject asset = assets.at(i).toObject();
        const QString externalId = asset.value(QLatin1String("externalId")).toString();
        if (externalId.isEmpty())
            return fail(place + QStringLiteral(".externalId"),
                        QStringLiteral("a non-empty string is required"));
        if (externalIds.contains(externalId)) {
            return fail(place + QStringLiteral(".externalId"),
                        QStringLiteral("\"%1\" is used by an earlier asset; external ids must be "
                                       "unique in a project")
                            .arg(externalId));
        }
        externalIds.insert(externalId);
        const QString content = asset.value(QLatin1String("content")).toString();
        if (content.isEmpty())
            return fail(
                place + QStringLiteral(".content"),
                QStringLiteral("a URL, a file path or (TEXT projects) the text is required"));
        LoadedAsset prepared;
        const QString path = QDir::isAbsolutePath(content) ? content : base.filePath(content);
        if (content.startsWith(QLatin1String("http://"))
            || content.startsWith(QLatin1String("https://"))) {
            prepared.content = content;
        } else if (QFileInfo(path).isFile()) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                return fail(place + QStringLiteral(".content"),
                            QStringLiteral("could not read %1: %2").arg(path, file.errorString()));
            }
            if (isText) {
                prepared.content = QString::fromUtf8(file.readAll());
            } else {
                prepared.contentKind = 1;
                prepared.content = QStringLiteral("");
                prepared.fileData = file.readAll();
                prepared.mimeType =
                    mimeTypes.mimeTypeForFileNameAndData(path, prepared.fileData).name();
                prepared.size = imageSize(prepared.fileData);
            }
        } else if (isText) {
            prepared.content = content;
        } else {
            return fail(
                place + QStringLiteral(".content"),
                QStringLiteral("\"%1\" is neither an http(s) URL nor a file (looked for %2)")
                    .arg(content, path));
        }
        const QJsonValue status = asset.value(QLatin1String("status"));
        if (!status.isUndefined() && !statuses.contains(status.toString())) {
            return fail(place + QStringLiteral(".status"),
                        QStringLiteral("\"%1\" is not one of %2")
                            .arg(status.toString(), statuses.join(QStringLiteral(", "))));
        }
        const QJsonValue skipped = asset.value(QLatin1String("skipped"));
        if (!skipped.isUndefined() && !skipped.isBool())
            return fail(place + QStringLiteral(".skipped"),
                        QStringLiteral("expected true or false"));
        const QJsonValue assignees = asset.value(QLatin1String("assignees"));
        if (!assignees.isUndefined()) {
            const QJsonArray list = assignees.toArray();
            if (!assignees.isArray())
                return fail(place + QStringLiteral(".assignees"),
                            QStringLiteral("expected a list of emails"));
            for (qsizetype j = 0; j < list.size(); ++j) {
                if (!list.at(j).toString().contains(QLatin1Char('@')))
                    return fail(place + QStringLiteral(".assignees[%1]").arg(j),
                                QStringLiteral("expected an email such as \"alice@example.com\""));
            }
        }
        const QJsonValue issues = asset.value(QLatin1String("issues"));
        if (!issues.isUndefined() && !issues.isArray())
            return fail(place + QStringLiteral(".issues"),
                        QStringLiteral("expected a list of issues"));
        const QJsonArray issueList = issues.toArray();
        for (qsizetype j = 0; j < issueList.size(); ++j) {
            const QString issuePlace = place + QStringLiteral(".issues[%1]").arg(j);
            if (!issueList.at(j).isObject())
                return fail(issuePlace, QStringLiteral("expected an object {\"type\", \"status\", "
                                                       "\"text\"}"));
            const QJsonObject issue = issueList.at(j).toObject();
            for (const auto& [key, allowed] :
                 {std::pair{"type", &issueTypes}, std::pair{"status", &issueStatuses}}) {
                const QJsonValue value = issue.value(QLatin1String(key));
                if (!value.isUndefined() && !allowed->contains(value.toString())) {
                    return fail(issuePlace + QLatin1Char('.') + QLatin1String(key),
                                QStringLiteral("\"%1\" is not one of %2")
                                    .arg(value.toString(), allowed->join(QStringLiteral(", "))));
                }
            }
            const QJsonValue author = issue.value(QLatin1String("author"));
            if (!author.isUndefined() && !author.toString().contains(QLatin1Char('@')))
                return fail(issuePlace + QStringLiteral(".author"),
                            QStringLiteral("expected an email such as \"alice@example.com\""));
        }
        const QJsonValue labels = asset.value(QLatin1String("labels"));
        if (!labels.isUndefined() && !labels.isArray())
            return fail(place + QStringLiteral(".labels"),
                        QStringLiteral("expected a list of labels"));
        const QJsonArray labelList = labels.toArray();
        for (qsizetype j = 0; j < labelList.size(); ++j) {
            const QString labelPlace = place + QStringLiteral(".labels[%1]").arg(j);
            const QJsonObject label = labelList.at(j).toObject();
            const QString type = label.value(QLatin1String("labelType")).toString();
            if (!labelTypes.contains(type)) {
                return fail(labelPlace + QStringLiteral(".labelType"),
                            QStringLiteral("\"%1\" is not one of %2")
                                .arg(type, labelTypes.join(QStringLiteral(", "))));
            }
            QJsonObject response;
            if (!objectOrEncoded(label.value(QLatin1String("jsonResponse")), &response)) {
                return fail(
                    labelPlace + QStringLiteral(".jsonResponse"),
                    QStringLiteral(
                        "expected a JSON object (or that object JSON-encoded in a string)"));
            }
            if ((type == QLatin1String("PREDICTION") || type == QLatin1String("INFERENCE"))
                && label.value(QLatin1String("modelName")).toString().isEmpty()) {
                return fail(labelPlace + QStringLiteral(".modelName"),
                            QStringLiteral("%1 labels need a modelName").arg(type));
            }
            const QJsonValue createdAt = label.value(QLatin1String("createdAt"));
            if (!createdAt.isUndefined()
                && !QDateTime::fromString(createdAt.toString(), Qt::ISODateWithMs).isValid()) {
                return fail(labelPlace + QStringLiteral(".createdAt"),
                            QStringLiteral("\"%1\" is not an ISO-8601 date-time such as "
                                           "\"2022-12-15T12:15:52.169Z\"")
                                .arg(createdAt.toString()));
            }
            const QJsonValue seconds = label.value(QLatin1String("secondsToLabel"));
            if (!seconds.isUndefined() && !seconds.isNull() && !seconds.isDouble())
                return fail(labelPlace + QStringLiteral(".secondsToLabel"),
                            QStringLiteral("expected a number"));
        }
        loaded.append(prepared);
    }

    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!m_projects.insert(project, error))
        return false;
    ProjectInsertGuard forgetOnFailure(m_projects, project.seq);
    qint64 nextSeq = 1;
    {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM assets"));
        if (query.next())
            nextSeq = query.value(0).toLongLong();
    }
    BulkInsert assetRows(
        db, QStringLiteral("assets"),
        {QStringLiteral("seq"), QStringLiteral("id"), QStringLiteral("project_seq"),
         QStringLiteral("position"), QStringLiteral("external_id"), QStringLiteral("content"),
         QStringLiteral("content_kind"), QStringLiteral("json_metadata"), QStringLiteral("status"),
         QStringLiteral("skipped"), QStringLiteral("width"), QStringLiteral("height"),
         QStringLiteral("created_at"), QStringLiteral("updated_at")},
        32);
    BulkInsert fileRows(
        db, QStringLiteral("asset_files"),
        {QStringLiteral("asset_seq"), QStringLiteral("mime"), QStringLiteral("data")}, 8);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - assets.size();
    const QVariant nullReal{QMetaType(QMetaType::Double)};
    QList<NewLabel> labels;
    QList<std::pair<qint64, QString>> explicitStatuses;
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QJsonObject asset = assets.at(i).toObject();
        const qint64 seq = nextSeq + i;
        const QString stamp = isoTimestamp(assetCreatedAt(asset, start + i));
        QJsonObject metadata;
        objectOrEncoded(asset.value(QLatin1String("jsonMetadata")), &metadata);
        if (!assetRows.add(
                {seq, m_ids.next(), project.seq, i + 1,
                 asset.value(QLatin1String("externalId")).toString(), loaded.at(i).content,
                 loaded.at(i).contentKind,
                 QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact)),
                 QStringLiteral("TODO"), asset.value(QLatin1String("skipped")).toBool(),
                 loaded.at(i).size.isValid() ? QVariant(loaded.at(i).size.width()) : nullReal,
                 loaded.at(i).size.isValid() ? QVariant(loaded.at(i).size.height()) : nullReal,
                 stamp, stamp})) {
            *error = assetRows.error();
            return false;
        }
        if (loaded.at(i).contentKind == 1
            && !fileRows.add({seq, loaded.at(i).mimeType, loaded.at(i).fileData})) {
            *error = fileRows.error();
            return false;
        }
        if (asset.contains(QLatin1String("status")))
            explicitStatuses.append({seq, asset.value(QLatin1String("status")).toString()});
        if (!addAssignees(seq, asset.value(QLatin1String("assignees")).toArray(), error)
            || !addIssues(seq, project.seq, stamp, asset.value(QLatin1String("issues")).toArray(),
                          error))
            return false;
        const QJsonArray labelList = asset.value(QLatin1String("labels")).toArray();
        for (const QJsonValue& value : labelList) {
            const QJsonObject label = value.toObject();
            NewLabel row;
            row.assetSeq = seq;
            row.projectSeq = project.seq;
            row.labelType = label.value(QLatin1String("labelType")).toString();
            QJsonObject response;
            objectOrEncoded(label.value(QLatin1String("jsonResponse")), &response);
            row.jsonResponse =
                QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
            row.modelName = label.value(QLatin1String("modelName")).toString();
            const QString email = label.value(QLatin1String("author")).toString();
            const auto author =
                email.isEmpty() ? m_accounts.defaultUser(error) : ensureUser(email, error);
            if (!author)
                return false;
            row.authorSeq = author->seq;
            const QString createdAt = label.value(QLatin1String("createdAt")).toString();
            row.createdAt = createdAt.isEmpty()
                                ? stamp
                                : isoTimestamp(QDateTime::fromString(createdAt, Qt::ISODateWithMs));
            if (label.value(QLatin1String("secondsToLabel")).isDouble())
                row.secondsToLabel = label.value(QLatin1String("secondsToLabel")).toDouble();
            labels.append(row);
        }
    }
    if (!assetRows.flush() || !fileRows.flush()) {
        *error = assetRows.error().isEmpty() ? fileRows.error() : assetRows.error();
        return false;
    }
    QStringList created;
    if (!m_labelWriter.insert(labels, &created, error))
        return false;
    for (const NewLabel& label : std::as_const(labels)) {
        if (!m_labelWriter.advanceStatuses({label.assetSeq}, label.labelType, error))
            return false;
    }
    for (const auto& [seq, status] : std::as_const(explicitStatuses)) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE assets SET status = ? WHERE seq = ?"));
        query.addBindValue(status);
        query.addBindValue(seq);
        query.exec();
    }
    if (!transaction.commit()) {
        *error =
            QStringLiteral("%1: the sandbox database could not commit the project.").arg(origin);
        return false;
    }
    forgetOnFailure.committed();
    m_projects.invalidateCounts(project.seq);
    *projectId = project.id;
    return true;
}

} // namespace kili::sandbox
