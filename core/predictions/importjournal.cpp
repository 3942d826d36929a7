#include "predictions/importjournal.h"

#include <QDir>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace kili::predictions {

namespace {

const QString kSuffix = QStringLiteral(".journal");

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

QString ImportJournal::directory() {
    const QString overridden = qEnvironmentVariable("KILI_DESK_JOURNAL_DIR");
    if (!overridden.isEmpty())
        return overridden;
    // kili-desk and kili-desk-cli set the same organisation and application names, so they
    // share this folder: an import started in one can be resumed or rolled back from the other.
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/imports");
}

QString ImportJournal::newImportId() {
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-"))
           + QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16)
                 .rightJustified(6, QLatin1Char('0'));
}

std::unique_ptr<ImportJournal> ImportJournal::create(const JournalHeader& header,
                                                     const ImportPlan& plan, int batchSize,
                                                     QString* error) {
    std::unique_ptr<ImportJournal> journal(new ImportJournal);
    const QString dir = directory();
    if (!QDir().mkpath(dir)) {
        *error =
            QStringLiteral("cannot create the journal folder %1; check its permissions").arg(dir);
        return {};
    }
    journal->m_file.setFileName(dir + QLatin1Char('/') + header.importId + kSuffix);
    if (!journal->m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::NewOnly)) {
        *error = QStringLiteral("cannot create the import journal %1 (%2)")
                     .arg(journal->m_file.fileName(), journal->m_file.errorString());
        return {};
    }
    QJsonObject head{{key("r"), key("header")},
                     {key("importId"), header.importId},
                     {key("projectId"), header.projectId},
                     {key("server"), header.server},
                     {key("labelType"), header.settings.labelType.toString()},
                     {key("modelName"), header.settings.modelName},
                     {key("overwrite"), header.settings.overwrite},
                     {key("createdAt"), header.createdAt.toString(Qt::ISODateWithMs)},
                     {key("inputs"), QJsonArray::fromStringList(header.inputs)}};
    if (!journal->append(head)) {
        *error = journal->m_error;
        return {};
    }
    // Batches: items of one model name (appendManyLabels is called per model), at most
    // batchSize each, models in order of first appearance.
    QStringList models;
    for (const PlannedItem& item : plan.toCreate) {
        if (!models.contains(item.modelName))
            models << item.modelName;
    }
    int number = 0;
    for (const QString& model : std::as_const(models)) {
        QJsonArray items;
        auto flush = [&] {
            const bool ok = journal->append(QJsonObject{{key("r"), key("batch")},
                                                        {key("n"), number++},
                                                        {key("model"), model},
                                                        {key("items"), items}});
            items = QJsonArray();
            return ok;
        };
        for (const PlannedItem& item : plan.toCreate) {
            if (item.modelName != model)
                continue;
            items.append(QJsonObject{{key("a"), item.assetId},
                                     {key("e"), item.externalId},
                                     {key("j"), QString::fromUtf8(item.jsonResponse)}});
            if (items.size() == batchSize && !flush()) {
                *error = journal->m_error;
                return {};
            }
        }
        if (!items.isEmpty() && !flush()) {
            *error = journal->m_error;
            return {};
        }
    }
    QJsonArray present, invalid;
    for (const PresentItem& item : plan.alreadyPresent)
        present.append(QJsonObject{{key("assetId"), item.assetId},
                                   {key("externalId"), item.externalId},
                                   {key("labelId"), item.labelId}});
    for (const Problem& problem : plan.problems) {
        if (problem.isError())
            invalid.append(problem.toJson());
    }
    if (!journal->append(
            QJsonObject{{key("r"), key("plan")},
                        {key("alreadyPresent"), present},
                        {key("invalid"), invalid},
                        {key("invalidItems"), double(plan.invalidItems)},
                        {key("unknownIds"), QJsonArray::fromStringList(plan.unknownIds)},
                        {key("overwritten"), plan.overwriteCount}})) {
        *error = journal->m_error;
        return {};
    }
    return journal;
}

std::unique_ptr<ImportJournal> ImportJournal::open(const QString& importId, QString* error) {
    std::unique_ptr<ImportJournal> journal(new ImportJournal);
    journal->m_file.setFileName(directory() + QLatin1Char('/') + importId + kSuffix);
    if (!journal->m_file.open(QIODevice::ReadWrite)) {
        *error = QStringLiteral("there is no import %1 (no journal %2); `kili-desk-cli imports` "
                                "lists the imports")
                     .arg(importId, journal->m_file.fileName());
        return {};
    }
    qint64 validEnd = 0;
    while (!journal->m_file.atEnd()) {
        const QByteArray line = journal->m_file.readLine();
        if (!line.endsWith('\n'))
            break; // torn last record: never completed, so never relied upon
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            break;
        journal->apply(document.object());
        validEnd = journal->m_file.pos();
    }
    if (journal->m_header.importId.isEmpty()) {
        *error = QStringLiteral("the journal %1 is damaged (no header)").arg(journal->path());
        return {};
    }
    // Drop a torn tail so that new records start on a line of their own.
    journal->m_file.resize(validEnd);
    journal->m_file.seek(validEnd);
    return journal;
}

QList<JournalSummary> ImportJournal::list() {
    QList<JournalSummary> summaries;
    const QDir dir(directory());
    const QStringList files =
        dir.entryList({QStringLiteral("*") + kSuffix}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        QString error;
        const auto journal = open(file.chopped(kSuffix.size()), &error);
        if (!journal)
            continue;
        JournalSummary summary;
        summary.importId = journal->m_header.importId;
        summary.projectId = journal->m_header.projectId;
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
