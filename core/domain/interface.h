#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace kili {

// A keypoint of a pose category: {"code": "NOSE", "name": "Nose"}.
struct PosePoint {
    QString code;
    QString name;
    QJsonObject raw;
};

// One entry of a job's content.categories. Responses refer to it by `key`, never by `name`.
struct Category {
    QString key;
    QString name;
    QString color;
    // Names of the child jobs this category opens, in document order.
    QStringList children;
    // Pose categories only.
    QList<PosePoint> points;
    // Everything the server sent, unknown keys and relation lists (startEntities, endEntities,
    // startObjects, endObjects) included.
    QJsonObject raw;
};

struct Job {
    QString name;
    // CLASSIFICATION, OBJECT_DETECTION, NAMED_ENTITIES_RECOGNITION, TRANSCRIPTION… kept verbatim.
    QString mlTask;
    // rectangle, polygon, semantic, marker, polyline, vector, pose, range.
    QStringList tools;
    // content.input: radio, checkbox, singleDropdown, multipleDropdown, textField, number, date,
    // markdown…
    QString input;
    bool required = false;
    bool isChild = false;
    QString instruction;
    // In document order.
    QList<Category> categories;
    QJsonObject raw;

    const Category* category(QStringView key) const;
    // radio and singleDropdown allow one category per answer.
    bool isSingleChoice() const;
    // Child job names of all categories, in order, each once.
    QStringList childJobNames() const;
};

// The parsed jsonInterface of a project: {"jobs": {name: job, …}, …}. Cheap to copy.
class Interface {
public:
    // Parses the JSON text keeping the document order of jobs and categories. Never throws; on
    // bad input returns what could be read (possibly nothing) and sets `*error` to a sentence.
    // Empty text is an empty interface, not an error.
    static Interface parse(QByteArrayView json, QString* error = nullptr);
    // From an already-parsed object. QJsonObject sorts its keys, so jobs come in key order here.
    static Interface fromJson(const QJsonObject& json);

    QList<Job> jobs() const { return m_jobs; }
    const Job* job(QStringView name) const;
    // Jobs not marked isChild, in document order.
    QStringList rootJobNames() const;
    // Every job reachable through categories' children from `name`, breadth first, each once,
    // `name` itself excluded. Terminates on cyclic interfaces.
    QStringList descendantJobNames(QStringView name) const;
    bool isEmpty() const { return m_jobs.isEmpty(); }
    // The whole document, unknown top-level keys included.
    QJsonObject raw() const { return m_raw; }

private:
    void indexJobs();

    QList<Job> m_jobs;
    QHash<QString, qsizetype> m_jobIndex; // name → position in m_jobs, for large interfaces
    QJsonObject m_raw;
};

} // namespace kili
