#include "domain/interface.h"

#include "domain/jsonfields.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <queue>
#include <simdjson.h>

namespace kili {

namespace {

constexpr size_t kMaxDepth = 256;

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// simdjson keeps object members in document order; QJsonObject does not. The conversion keeps
// the first of duplicate keys, like the order lists built beside it.
QJsonValue toQJson(simdjson::dom::element element) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
    case Type::ARRAY: {
        QJsonArray array;
        // Take the array out of the simdjson_result first: value_unsafe() on the temporary
        // returns a reference into it, which dies before a range-for body runs.
        const simdjson::dom::array items = element.get_array().value_unsafe();
        for (simdjson::dom::element child : items)
            array.append(toQJson(child));
        return array;
    }
    case Type::OBJECT: {
        QJsonObject object;
        const simdjson::dom::object fields = element.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : fields) {
            const QString key = fromView(field.key);
            if (!object.contains(key))
                object.insert(key, toQJson(field.value));
        }
        return object;
    }
    case Type::INT64:
        return double(element.get_int64().value_unsafe());
    case Type::UINT64:
        return double(element.get_uint64().value_unsafe());
    case Type::DOUBLE:
        return element.get_double().value_unsafe();
    case Type::STRING:
        return fromView(element.get_string().value_unsafe());
    case Type::BOOL:
        return element.get_bool().value_unsafe();
    case Type::NULL_VALUE:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

// Collects the fields of a job that have the wrong type. Those fields are read as absent (the rest
// of the job stays usable), and each one is said, so that nothing is dropped silently. null is
// taken as absent everywhere: it is not an error.
class FieldChecker {
public:
    explicit FieldChecker(QStringList* problems)
        : m_problems(problems) {}

    // `where` is "job JOB" or "job JOB category KEY".
    // `prefix` names the object holding `key` in messages ("content." for content's keys).
    void expect(const QString& where, const QJsonObject& object, QLatin1String key,
                QJsonValue::Type type, const char* expected, QLatin1String prefix = {}) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull() || value.type() == type)
            return;
        report(where, prefix + key, expected, value);
    }
    // An array whose elements all have `type` (null elements are ignored).
    void expectArrayOf(const QString& where, const QJsonObject& object, QLatin1String key,
                       QJsonValue::Type type, const char* expected) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return;
        if (!value.isArray()) {
            report(where, key, expected, value);
            return;
        }
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array) {
            if (!item.isNull() && item.type() != type) {
                report(where, key, expected, item, QStringLiteral(" in the list"));
                return;
            }
        }
    }
    // true/false, or 0/1 as older interfaces write `required`.
    void expectFlag(const QString& where, const QJsonObject& object, QLatin1String key) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull() || value.isBool() || value.isDouble())
            return;
        report(where, key, "true or false", value);
    }
    void report(const QString& where, const QString& key, const char* expected,
                const QJsonValue& got, const QString& detail = {}) {
        if (m_problems) {
            m_problems->append(
                QStringLiteral("%1: \"%2\" must be %3, got %4%5")
                    .arg(where, key, QLatin1String(expected), json::typeName(got), detail));
        }
    }

private:
    QStringList* m_problems;
};

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array) {
        if (item.isString())
            list.append(item.toString());
    }
    return list;
}

Category categoryFromJson(const QString& key, const QJsonObject& raw) {
    Category category;
    category.key = key;
    category.name = raw.value(QLatin1String("name")).toString();
    category.color = raw.value(QLatin1String("color")).toString();
    category.children = stringList(raw.value(QLatin1String("children")));
    const QJsonArray points = raw.value(QLatin1String("points")).toArray();
    for (const QJsonValue& value : points) {
        const QJsonObject point = value.toObject();
        if (point.isEmpty())
            continue;
        category.points.append(PosePoint{point.value(QLatin1String("code")).toString(),
                                         point.value(QLatin1String("name")).toString(), point});
    }
    category.raw = raw;
    return category;
}

void checkCategory(const QString& where, const QJsonObject& raw, FieldChecker& check) {
    check.expect(where, raw, QLatin1String("name"), QJsonValue::String, "a string");
    check.expect(where, raw, QLatin1String("color"), QJsonValue::String, "a string");
    check.expectArrayOf(where, raw, QLatin1String("children"), QJsonValue::String,
                        "a list of job names");
    check.expectArrayOf(where, raw, QLatin1String("points"), QJsonValue::Object,
                        "a list of {code, name} objects");
}

void checkJob(const QString& name, const QJsonObject& raw, const QStringList& categoryOrder,
              FieldChecker& check) {
    const QString where = QStringLiteral("job ") + name;
    check.expect(where, raw, QLatin1String("mlTask"), QJsonValue::String, "a string");
    check.expectArrayOf(where, raw, QLatin1String("tools"), QJsonValue::String,
                        "a list of tool names");
    check.expectFlag(where, raw, QLatin1String("required"));
    check.expectFlag(where, raw, QLatin1String("isChild"));
    check.expect(where, raw, QLatin1String("instruction"), QJsonValue::String, "a string");
    check.expect(where, raw, QLatin1String("content"), QJsonValue::Object, "an object");
    const QJsonObject content = raw.value(QLatin1String("content")).toObject();
    const QLatin1String inContent("content.");
    check.expect(where, content, QLatin1String("input"), QJsonValue::String, "a string", inContent);
    check.expect(where, content, QLatin1String("categories"), QJsonValue::Object, "an object",
                 inContent);
    const QJsonObject categories = content.value(QLatin1String("categories")).toObject();
    for (const QString& key : categoryOrder) {
        const QJsonValue value = categories.value(key);
        const QString categoryWhere = where + QStringLiteral(" category ") + key;
        if (value.isObject()) {
            checkCategory(categoryWhere, value.toObject(), check);
        } else if (!value.isNull()) {
            check.report(where, QStringLiteral("content.categories"), "a map of category objects",
                         value, QStringLiteral(" for \"%1\"; that category is left out").arg(key));
        }
    }
}

// `categoryOrder` lists the category keys in the order to keep (document order when known).
Job jobFromJson(const QString& name, const QJsonObject& raw, const QStringList& categoryOrder) {
    Job job;
    job.name = name;
    job.mlTask = raw.value(QLatin1String("mlTask")).toString();
    job.tools = stringList(raw.value(QLatin1String("tools")));
    job.required = json::boolean(raw.value(QLatin1String("required")));
    job.isChild = json::boolean(raw.value(QLatin1String("isChild")));
    job.instruction = raw.value(QLatin1String("instruction")).toString();
    const QJsonObject content = raw.value(QLatin1String("content")).toObject();
    job.input = content.value(QLatin1String("input")).toString();
    const QJsonObject categories = content.value(QLatin1String("categories")).toObject();
    for (const QString& key : categoryOrder) {
        const QJsonValue value = categories.value(key);
        if (value.isObject())
            job.categories.append(categoryFromJson(key, value.toObject()));
    }
    job.raw = raw;
    return job;
}

// Keys of `element` (an object) in document order, each once; empty for anything else.
QStringList keysInOrder(simdjson::dom::element element) {
    QStringList keys;
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return keys;
    for (simdjson::dom::key_value_pair field : object) {
        const QString key = fromView(field.key);
        if (!keys.contains(key))
            keys.append(key);
    }
    return keys;
}

QStringList categoryKeysInOrder(simdjson::dom::element job) {
    simdjson::dom::element categories;
    if (job.at_key("content").at_key("categories").get(categories) != simdjson::SUCCESS)
        return {};
    return keysInOrder(categories);
}

} // namespace

const Category* Job::category(QStringView key) const {
    for (const Category& category : categories) {
        if (category.key == key)
            return &category;
    }
    return nullptr;
}

bool Job::isSingleChoice() const {
    return input == QLatin1String("radio") || input == QLatin1String("singleDropdown");
}

QStringList Job::childJobNames() const {
    QStringList names;
    for (const Category& category : categories) {
        for (const QString& child : category.children) {
            if (!names.contains(child))
                names.append(child);
        }
    }
    return names;
}

Interface Interface::parse(QByteArrayView json, QString* error) {
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return Interface();
    };
    if (error)
        error->clear();
    if (QByteArrayView(json).trimmed().isEmpty())
        return {};

    simdjson::dom::parser parser;
    if (parser.allocate(std::max<size_t>(size_t(json.size()), 64), kMaxDepth) != simdjson::SUCCESS)
        return fail(QStringLiteral("The interface is too large to be read into memory."));
    const simdjson::padded_string padded(json.data(), size_t(json.size()));
    simdjson::dom::element root;
    if (const auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
        return fail(QStringLiteral("The interface is not valid JSON (%1); ask the project's "
                                   "admin to fix it in Kili's interface editor.")
                        .arg(QString::fromUtf8(simdjson::error_message(code))));
    }
    if (root.type() != simdjson::dom::element_type::OBJECT)
        return fail(QStringLiteral("The interface is JSON but not an object with a \"jobs\" key."));

    Interface result;
    result.m_raw = toQJson(root).toObject();
    simdjson::dom::element jobs;
    if (root.at_key("jobs").get(jobs) != simdjson::SUCCESS)
        return result; // no jobs at all: an empty project interface
    if (jobs.type() != simdjson::dom::element_type::OBJECT) {
        if (error)
            *error =
                QStringLiteral("The interface's \"jobs\" is not an object; no job can be read.");
        return result;
    }
    const QJsonObject jobsJson = result.m_raw.value(QLatin1String("jobs")).toObject();
    QStringList problems;
    FieldChecker check(&problems);
    QSet<QString> seen;
    const simdjson::dom::object jobFields = jobs.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair field : jobFields) {
        const QString name = fromView(field.key);
        if (seen.contains(name))
            continue;
        seen.insert(name);
        if (field.value.type() != simdjson::dom::element_type::OBJECT) {
            problems << QStringLiteral("job \"%1\" is %2, not an object; it is left out")
                            .arg(name, json::typeName(jobsJson.value(name)));
            continue;
        }
        const QJsonObject raw = jobsJson.value(name).toObject();
        const QStringList categoryOrder = categoryKeysInOrder(field.value);
        checkJob(name, raw, categoryOrder, check);
        result.m_jobs.append(jobFromJson(name, raw, categoryOrder));
    }
    result.indexJobs();
    if (error && !problems.isEmpty()) {
        // What is wrong is left out and the rest kept: a person can still use the good jobs.
        *error = QStringLiteral("The interface has fields of the wrong type, read as absent: ")
                 + problems.join(QStringLiteral("; ")) + QLatin1Char('.');
    }
    return result;
}

Interface Interface::fromJson(const QJsonObject& json) {
    Interface result;
    result.m_raw = json;
    const QJsonObject jobs = json.value(QLatin1String("jobs")).toObject();
    for (auto it = jobs.constBegin(); it != jobs.constEnd(); ++it) {
        if (!it.value().isObject())
            continue;
        const QJsonObject raw = it.value().toObject();
        const QStringList order = raw.value(QLatin1String("content"))
                                      .toObject()
                                      .value(QLatin1String("categories"))
                                      .toObject()
                                      .keys();
        result.m_jobs.append(jobFromJson(it.key(), raw, order));
    }
    result.indexJobs();
    return result;
}

void Interface::indexJobs() {
    m_jobIndex.clear();
    m_jobIndex.reserve(m_jobs.size());
    for (qsizetype i = 0; i < m_jobs.size(); ++i)
        m_jobIndex.insert(m_jobs[i].name, i);
}

const Job* Interface::job(QStringView name) const {
    const auto it = m_jobIndex.constFind(name.toString());
    return it == m_jobIndex.constEnd() ? nullptr : &m_jobs[*it];
}

QStringList Interface::rootJobNames() const {
    QStringList names;
    for (const Job& job : m_jobs) {
        if (!job.isChild)
            names.append(job.name);
    }
    return names;
}

QStringList Interface::descendantJobNames(QStringView name) const {
    QStringList found;
    QSet<QString> visited{name.toString()};
    std::queue<QString> pending;
    pending.push(name.toString());
    while (!pending.empty()) {
        const Job* current = job(pending.front());
        pending.pop();
        if (!current)
            continue;
        for (const QString& child : current->childJobNames()) {
            if (visited.contains(child))
                continue; // a cycle or a shared child: visit each job once
            visited.insert(child);
            found.append(child);
            pending.push(child);
        }
    }
    return found;
}

} // namespace kili
