#include "predictions/importjournal.h"

#include "predictions/importreport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace kili::predictions {

namespace {

const QString kSuffix = QStringLiteral(".journal");
const QString kPartSuffix = QStringLiteral(".part");
constexpr QFile::Permissions kPrivateFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kPrivateFolder =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

QJsonArray toArray(const QList<int>& values) {
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QList<int> intList(const QJsonValue& value) {
    QList<int> list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& entry : array)
        list << entry.toInt();
    return list;
}

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& entry : array)
        list << entry.toString();
    return list;
}

QString key(const char* name) {
    return QLatin1String(name);
}

} // namespace

QList<int> JournalBatch::pendingItems() const {
    QList<int> pending;
    for (int i = 0; i < items.size(); ++i) {
        if (labelIds.at(i).isEmpty() && !inDoubt.contains(i))
            pending << i;
    }
    return pending;
}

int JournalBatch::confirmedCount() const {
    int count = 0;
    for (const QString& id : labelIds)
        count += id.isEmpty() ? 0 : 1;
    return count;
}

bool JournalBatch::isComplete() const {
    return confirmedCount() == items.size();
}

ImportJournal::ImportJournal() = default;
ImportJournal::~ImportJournal() = default;

QString ImportJournal::directory() {
    const QString overridden = qEnvironmentVariable("KILI_DESK_JOURNAL_DIR");
    if (!overridden.isEmpty())
        return overridden;
    // kili-desk and kili-desk-cli share this folder: an import started in one can be resumed or
    // rolled back from the other.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                        + QStringLiteral("/kili-desk/imports");
    // Earlier versions kept journals in <AppDataLocation>/imports (kili-desk/kili-desk/imports).
    const QString legacy = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                           + QStringLiteral("/imports");
    if (legacy != dir && QFileInfo(legacy).isDir() && !QFileInfo::exists(dir)) {
        QDir().mkpath(QFileInfo(dir).path());
        QDir().rename(legacy, dir);
    }
    return dir;
}

QString ImportJournal::newImportId() {
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-"))
           + QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16)
                 .rightJustified(6, QLatin1Char('0'));
}

bool ImportJournal::isImportId(const QString& text) {
    static const QRegularExpression form(QStringLiteral("^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$"));
    return form.match(text).hasMatch();
}

std::unique_ptr<ImportJournal> ImportJournal::create(const JournalHeader& header,
                                                     const ImportPlan& plan, int batchSize,
                                                     QString* error) {
    if (!isImportId(header.importId)) {
        *error = QStringLiteral("\"%1\" is not an import id").arg(header.importId);
        return {};
    }
    std::unique_ptr<ImportJournal> journal(new ImportJournal);
    const QString dir = directory();
    if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, kPrivateFolder)) {
        *error =
            QStringLiteral("cannot create the journal folder %1; check its permissions").arg(dir);
        return {};
    }
    const QString path = dir + QLatin1Char('/') + header.importId + kSuffix;
    if (!journal->lock(path, error))
        return {};
    journal->m_file.setFileName(path + kPartSuffix);
    if (!journal->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kPrivateFile)) {
        *error = QStringLiteral("cannot create the import journal %1 (%2)")
                     .arg(journal->m_file.fileName(), journal->m_file.errorString());
        return {};
    }
    if (!journal->writeHeader(header) || !journal->writeBatches(plan, batchSize)
        || !journal->writePlan(plan) || !journal->putInPlace(path)) {
        *error = journal->m_error;
        journal->m_file.remove();
        return {};
    }
    return journal;
}

bool ImportJournal::writeHeader(const JournalHeader& header) {
    return append(QJsonObject{{key("r"), key("header")},
                              {key("importId"), header.importId},
                              {key("projectId"), header.projectId},
                              {key("server"), header.server},
                              {key("labelType"), header.settings.labelType.toString()},
                              {key("modelName"), header.settings.modelName},
                              {key("overwrite"), header.settings.overwrite},
                              {key("createdAt"), header.createdAt.toString(Qt::ISODateWithMs)},
                              {key("inputs"), QJsonArray::fromStringList(header.inputs)},
                              {key("options"), header.options}});
}

// Batches: items of one model name (appendManyLabels is called per model), at most batchSize
// each, models in order of first appearance.
bool ImportJournal::writeBatches(const ImportPlan& plan, int batchSize) {
    QStringList models;
    for (const PlannedItem& item : plan.toCreate) {
        if (!models.contains(item.modelName))
            models << item.modelName;
    }
    int number = 0;
    for (const QString& model : std::as_const(models)) {
        QJsonArray items;
        qint64 bytes = 0;
        auto flush = [&] {
            const bool ok = append(QJsonObject{{key("r"), key("batch")},
                                               {key("n"), number++},
                                               {key("model"), model},
                                               {key("items"), items}});
            items = QJsonArray();
            bytes = 0;
            return ok;
        };
        for (const PlannedItem& item : plan.toCreate) {
            if (item.modelName != model)
                continue;
            const qint64 size = item.jsonResponse.size() + item.externalId.size() + 64;
            if (!items.isEmpty() && bytes + size > kMaxBatchBytes && !flush())
                return false;
            items.append(QJsonObject{{key("a"), item.assetId},
                                     {key("e"), item.externalId},
                                     {key("j"), QString::fromUtf8(item.jsonResponse)}});
            bytes += size;
            if (items.size() == batchSize && !flush())
                return false;
        }
        if (!items.isEmpty() && !flush())
            return false;
    }
    return true;
}

// The plan record closes the planning part: a journal without it was cut short while being
// written, before anything was sent.
bool ImportJournal::writePlan(const ImportPlan& plan) {
    QJsonArray present, invalid;
    for (const PresentItem& item : plan.alreadyPresent)
        present.append(QJsonObject{{key("assetId"), item.assetId},
                                   {key("externalId"), item.externalId},
                                   {key("labelId"), item.labelId}});
    for (const Problem& problem : plan.problems) {
        if (problem.isError())
            invalid.append(problem.toJson());
    }
    return append(QJsonObject{
        {key("r"), key("plan")},
        {key("alreadyPresent"), present},
        {key("invalid"), invalid},
        {key("invalidItems"), double(plan.invalidItems)},
        {key("unknownIds"), QJsonArray::fromStringList(plan.unknownIds)},
        {key("overwritten"), plan.overwriteCount},
        {key("droppedBelowConfidence"), ImportReport::dropsJson(plan.droppedBelowConfidence)},
        {key("mapped"), ImportReport::renamedJson(plan.droppedBelowConfidence)}});
}

// Renames the synced .part file into place and syncs the folder, so that after a crash the
// journal is either absent or whole.
bool ImportJournal::putInPlace(const QString& finalPath) {
    if (!m_file.rename(finalPath)) {
        m_error = QStringLiteral("cannot put the import journal in place as %1 (%2)")
                      .arg(finalPath, m_file.errorString());
        return false;
    }
    // rename() closed the file: reopen it to go on appending the batches' fates.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        m_error = QStringLiteral("cannot reopen the import journal %1 (%2)")
                      .arg(finalPath, m_file.errorString());
        return false;
    }
#ifdef Q_OS_UNIX
    const int folder =
        ::open(QFile::encodeName(QFileInfo(finalPath).path()).constData(), O_RDONLY | O_DIRECTORY);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
#endif
    return true;
}

bool ImportJournal::lock(const QString& journalPath, QString* error) {
    m_lock = std::make_unique<QLockFile>(journalPath + QStringLiteral(".lock"));
    // Never stale by age (an import may run for hours); a lock whose process is gone is stale.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;
    qint64 pid = 0;
    QString host, application;
    m_lock->getLockInfo(&pid, &host, &application);
    *error = QStringLiteral("import %1 is in use by %2 (process %3 on %4); wait until it ends, "
                            "then try again")
                 .arg(QFileInfo(journalPath).completeBaseName(),
                      application.isEmpty() ? QStringLiteral("another program") : application)
                 .arg(pid)
                 .arg(host.isEmpty() ? QStringLiteral("this computer") : host);
    m_lock.reset();
    return false;
}

std::unique_ptr<ImportJournal> ImportJournal::open(const QString& importId, QString* error) {
    return load(importId, Access::Write, error);
}

std::unique_ptr<ImportJournal> ImportJournal::read(const QString& importId, QString* error) {
    return load(importId, Access::Read, error);
}

std::unique_ptr<ImportJournal> ImportJournal::load(const QString& importId, Access access,
                                                   QString* error) {
    if (!isImportId(importId)) {
        *error = QStringLiteral("\"%1\" is not an import id (they look like %2); "
                                "`kili-desk-cli imports` lists the imports")
                     .arg(importId, QStringLiteral("20261201-221309-0a1b2c"));
        return {};
    }
    std::unique_ptr<ImportJournal> journal(new ImportJournal);
    const QString path = directory() + QLatin1Char('/') + importId + kSuffix;
    if (!QFileInfo(path).isFile()) {
        *error = QFileInfo::exists(path + kPartSuffix)
                     ? QStringLiteral("import %1 was cut short before it was planned: nothing of "
                                      "it was sent; run the import again")
                           .arg(importId)
                     : QStringLiteral("there is no import %1 on this computer; `kili-desk-cli "
                                      "imports` lists the imports")
                           .arg(importId);
        return {};
    }
    if (access == Access::Write && !journal->lock(path, error))
        return {};
    journal->m_file.setFileName(path);
    const auto mode = access == Access::Write ? QIODevice::ReadWrite : QIODevice::ReadOnly;
    if (!journal->m_file.open(mode | QIODevice::ExistingOnly)) {
        *error = QStringLiteral("cannot open the import journal %1 (%2)")
                     .arg(path, journal->m_file.errorString());
        return {};
    }
    if (!journal->readRecords(access)) {
        *error = journal->m_error;
        return {};
    }
    return journal;
}

bool ImportJournal::readRecords(Access access) {
    qint64 validEnd = 0;
    while (!m_file.atEnd()) {
        const QByteArray line = m_file.readLine();
        if (!line.endsWith('\n'))
            break; // torn last record: never completed, so never relied upon
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            break;
        apply(document.object());
        validEnd = m_file.pos();
    }
    if (m_header.importId.isEmpty() || m_plan.isEmpty()) {
        m_error = QStringLiteral("the journal %1 is damaged (%2); it cannot be resumed or rolled "
                                 "back from this computer")
                      .arg(path(), m_header.importId.isEmpty()
                                       ? QStringLiteral("it has no header")
                                       : QStringLiteral("it ends before its plan"));
        return false;
    }
    if (access == Access::Write) {
        // Drop a torn tail so that new records start on a line of their own.
        m_file.resize(validEnd);
        m_file.seek(validEnd);
    }
    return true;
}

QList<JournalSummary> ImportJournal::list() {
    QList<JournalSummary> summaries;
    const QDir dir(directory());
    const QStringList files =
        dir.entryList({QStringLiteral("*") + kSuffix, QStringLiteral("*") + kSuffix + kPartSuffix},
                      QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const bool part = file.endsWith(kPartSuffix);
        const QString importId =
            file.left(file.size() - kSuffix.size() - (part ? kPartSuffix.size() : 0));
        QString error;
        const auto journal = part ? nullptr : read(importId, &error);
        if (!journal) {
            // Listed all the same, so that nobody takes the import for one that never was.
            JournalSummary summary;
            summary.importId = importId;
            summary.createdAt = QFileInfo(dir.filePath(file)).lastModified().toUTC();
            summary.state = part ? QStringLiteral("cut short") : QStringLiteral("damaged");
            summaries << summary;
            continue;
        }
        JournalSummary summary;
        summary.importId = journal->m_header.importId;
        summary.projectId = journal->m_header.projectId;
        summary.server = journal->m_header.server;
        summary.modelName = journal->m_header.settings.modelName;
        summary.createdAt = journal->m_header.createdAt;
        summary.items = journal->totalItems();
        summary.created = journal->confirmedItems();
        summary.inDoubt = journal->inDoubtItems();
        summary.state = journal->state();
        summaries << summary;
    }
    return summaries;
}

bool ImportJournal::append(const QJsonObject& record) {
    QByteArray line = QJsonDocument(record).toJson(QJsonDocument::Compact);
    line += '\n';
    if (m_file.write(line) != line.size() || !m_file.flush()) {
        m_error = QStringLiteral("cannot write the import journal %1 (%2)")
                      .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
#ifdef Q_OS_UNIX
    if (::fsync(m_file.handle()) != 0) {
        m_error =
            QStringLiteral("cannot sync the import journal %1 to disk").arg(m_file.fileName());
        return false;
    }
#endif
    apply(record);
    return true;
}

void ImportJournal::apply(const QJsonObject& record) {
    const QString type = record.value(key("r")).toString();
    if (type == QLatin1String("header")) {
        m_header.importId = record.value(key("importId")).toString();
        m_header.projectId = record.value(key("projectId")).toString();
        m_header.server = record.value(key("server")).toString();
        m_header.settings.projectId = m_header.projectId;
        m_header.settings.labelType =
            kili::LabelType::fromString(record.value(key("labelType")).toString());
        m_header.settings.modelName = record.value(key("modelName")).toString();
        m_header.settings.overwrite = record.value(key("overwrite")).toBool();
        m_header.createdAt =
            QDateTime::fromString(record.value(key("createdAt")).toString(), Qt::ISODateWithMs);
        m_header.inputs = stringList(record.value(key("inputs")));
        m_header.options = record.value(key("options")).toObject();
        return;
    }
    if (type == QLatin1String("batch")) {
        JournalBatch batch;
        batch.number = record.value(key("n")).toInt();
        batch.modelName = record.value(key("model")).toString();
        const QJsonArray items = record.value(key("items")).toArray();
        for (const QJsonValue& value : items) {
            const QJsonObject item = value.toObject();
            batch.items.append({item.value(key("a")).toString(), item.value(key("e")).toString(),
                                item.value(key("j")).toString().toUtf8()});
        }
        batch.labelIds = QStringList(batch.items.size(), QString());
        m_batches.append(std::move(batch));
        return;
    }
    if (type == QLatin1String("plan")) {
        m_plan = record;
        return;
    }
    if (type == QLatin1String("rollback")) {
        const QStringList deleted = stringList(record.value(key("deleted")));
        for (const QString& id : deleted)
            m_rolledBack.insert(id);
        return;
    }
    const int number = record.value(key("n")).toInt(-1);
    if (number < 0 || number >= m_batches.size())
        return;
    JournalBatch& batch = m_batches[number];
    const QList<int> items = intList(record.value(key("items")));
    auto valid = [&](int i) { return i >= 0 && i < batch.items.size(); };
    if (type == QLatin1String("sending")) {
        for (int i : items) {
            if (valid(i))
                batch.inDoubt.insert(i);
        }
    } else if (type == QLatin1String("sent") || type == QLatin1String("verified")) {
        const QStringList ids = stringList(record.value(key("labelIds")));
        for (qsizetype k = 0; k < items.size() && k < ids.size(); ++k) {
            if (valid(items[k])) {
                batch.labelIds[items[k]] = ids[k];
                batch.inDoubt.remove(items[k]);
            }
        }
        for (int i : intList(record.value(key("absent")))) {
            batch.inDoubt.remove(i);
        }
        batch.lastError.clear();
    } else if (type == QLatin1String("failed")) {
        batch.lastError = record.value(key("message")).toString();
        if (!record.value(key("unknown")).toBool()) {
            for (int i : items)
                batch.inDoubt.remove(i); // the server said no: nothing was created
        }
    }
}

bool ImportJournal::recordSending(int batch, const QList<int>& items) {
    return append({{key("r"), key("sending")}, {key("n"), batch}, {key("items"), toArray(items)}});
}

bool ImportJournal::recordSent(int batch, const QList<int>& items, const QStringList& labelIds) {
    return append({{key("r"), key("sent")},
                   {key("n"), batch},
                   {key("items"), toArray(items)},
                   {key("labelIds"), QJsonArray::fromStringList(labelIds)}});
}

bool ImportJournal::recordFailed(int batch, const QList<int>& items, const QString& message,
                                 bool unknown) {
    return append({{key("r"), key("failed")},
                   {key("n"), batch},
                   {key("items"), toArray(items)},
                   {key("message"), message},
                   {key("unknown"), unknown}});
}

bool ImportJournal::recordVerified(int batch, const QList<int>& found, const QStringList& labelIds,
                                   const QList<int>& absent) {
    return append({{key("r"), key("verified")},
                   {key("n"), batch},
                   {key("items"), toArray(found)},
                   {key("labelIds"), QJsonArray::fromStringList(labelIds)},
                   {key("absent"), toArray(absent)}});
}

bool ImportJournal::recordRollback(const QStringList& deletedIds) {
    return append(
        {{key("r"), key("rollback")}, {key("deleted"), QJsonArray::fromStringList(deletedIds)}});
}

QString ImportJournal::otherServerError(const QString& serverName) const {
    if (m_header.server.isEmpty() || m_header.server == serverName)
        return {};
    return QStringLiteral("import %1 was sent to %2 (project %3), not to %4; connect to %2 "
                          "(--endpoint) to resume or roll it back")
        .arg(m_header.importId, m_header.server, m_header.projectId, serverName);
}

void ImportJournal::close() {
    m_file.close();
    m_lock.reset();
}

QStringList ImportJournal::createdLabelIds() const {
    QStringList ids;
    for (const JournalBatch& batch : m_batches) {
        for (const QString& id : batch.labelIds) {
            if (!id.isEmpty())
                ids << id;
        }
    }
    return ids;
}

int ImportJournal::totalItems() const {
    int total = 0;
    for (const JournalBatch& batch : m_batches)
        total += int(batch.items.size());
    return total;
}

int ImportJournal::confirmedItems() const {
    int total = 0;
    for (const JournalBatch& batch : m_batches)
        total += batch.confirmedCount();
    return total;
}

int ImportJournal::inDoubtItems() const {
    int total = 0;
    for (const JournalBatch& batch : m_batches)
        total += int(batch.inDoubt.size());
    return total;
}

bool ImportJournal::isComplete() const {
    return confirmedItems() == totalItems();
}

QString ImportJournal::state() const {
    if (!m_rolledBack.isEmpty())
        return QStringLiteral("rolled back");
    if (isComplete())
        return QStringLiteral("complete");
    return confirmedItems() == 0 && inDoubtItems() == 0 ? QStringLiteral("planned")
                                                        : QStringLiteral("incomplete");
}

} // namespace kili::predictions
