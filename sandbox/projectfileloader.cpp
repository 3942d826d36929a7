#include "projectfileloader.h"

#include "accountstore.h"
#include "bulkinsert.h"
#include "database.h"
#include "ids.h"
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
#include <QSqlQuery>

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
    project.jsonInterface =
        QString::fromUtf8(QJsonDocument(jsonInterface).toJson(QJsonDocument::Compact));
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
         QStringLiteral("created_at"), QStringLiteral("updated_at")},
        32);
    BulkInsert fileRows(
        db, QStringLiteral("asset_files"),
        {QStringLiteral("asset_seq"), QStringLiteral("mime"), QStringLiteral("data")}, 8);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - assets.size();
    QList<NewLabel> labels;
    QList<std::pair<qint64, QString>> explicitStatuses;
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const QJsonObject asset = assets.at(i).toObject();
        const qint64 seq = nextSeq + i;
        const QString stamp = isoTimestamp(QDateTime::fromMSecsSinceEpoch(start + i, Qt::UTC));
        QJsonObject metadata;
        objectOrEncoded(asset.value(QLatin1String("jsonMetadata")), &metadata);
        if (!assetRows.add(
                {seq, m_ids.next(), project.seq, i + 1,
                 asset.value(QLatin1String("externalId")).toString(), loaded.at(i).content,
                 loaded.at(i).contentKind,
                 QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact)),
                 QStringLiteral("TODO"), stamp, stamp})) {
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
                email.isEmpty()
                    ? m_accounts.defaultUser(error)
                    : m_accounts.ensureUser(email, email.section(QLatin1Char('@'), 0, 0), QString(),
                                            QStringLiteral("USER"), error);
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
