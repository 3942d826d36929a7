#include "predictions/responsefilter.h"

#include <QJsonArray>
#include <QSet>
#include <cmath>

namespace kili::predictions {

namespace {

constexpr int kMaxDepth = 32; // the validator reports deeper nesting; the filter leaves it alone

const QString kCategories = QStringLiteral("categories");
const QString kAnnotations = QStringLiteral("annotations");
const QString kChildren = QStringLiteral("children");
const QString kName = QStringLiteral("name");
const QString kMid = QStringLiteral("mid");

bool isFrameIndex(const QString& key) {
    if (key.isEmpty() || key.size() >= 10)
        return false;
    for (const QChar c : key) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

} // namespace

ConfidenceDrops& ConfidenceDrops::operator+=(const ConfidenceDrops& other) {
    categories += other.categories;
    annotations += other.annotations;
    emptied += other.emptied;
    for (auto it = other.byCategory.cbegin(); it != other.byCategory.cend(); ++it)
        byCategory[it.key()] += it.value();
    for (auto it = other.renamed.cbegin(); it != other.renamed.cend(); ++it)
        renamed[it.key()] += it.value();
    return *this;
}

struct ResponseFilter::Pass {
    ConfidenceDrops& drops;
    // Second pass: only relations whose ends were dropped in the first are removed.
    bool relationsOnly = false;
    QSet<QString> droppedMids;
    int newlyDropped = 0;
};

ResponseFilter::ResponseFilter(CategoryMap categoryMap, std::optional<double> minConfidence,
                               bool scaleConfidence, ClassMinimums classMinimums)
    : m_map(std::move(categoryMap))
    , m_minimum(minConfidence)
    , m_scale(scaleConfidence)
    , m_classMinimums(std::move(classMinimums)) {}

QJsonObject ResponseFilter::apply(const QJsonObject& response, ConfidenceDrops& drops) const {
    Pass pass{drops, false, {}, 0};
    QJsonObject result = jobMap(response, 0, pass);
    // A relation whose start or end was dropped would point at nothing: it goes too, and so on
    // while relations point at dropped relations.
    pass.relationsOnly = true;
    for (int round = 0; round < kMaxDepth && !pass.droppedMids.isEmpty(); ++round) {
        pass.newlyDropped = 0;
        result = jobMap(result, 0, pass);
        if (pass.newlyDropped == 0)
            break;
    }
    if (!response.isEmpty() && result.isEmpty())
        ++drops.emptied;
    return result;
}

QJsonObject ResponseFilter::jobMap(const QJsonObject& jobs, int depth, Pass& pass) const {
    if (depth > kMaxDepth)
        return jobs;
    QJsonObject result;
    for (auto it = jobs.begin(); it != jobs.end(); ++it) {
        if (!it.value().isObject()) {
            result.insert(it.key(), it.value());
            continue;
        }
        const QJsonObject value = it.value().toObject();
        if (depth == 0 && isFrameIndex(it.key())) { // video: {"0": {jobs…}, …}
            const QJsonObject frame = jobMap(value, depth + 1, pass);
            if (value.isEmpty() || !frame.isEmpty())
                result.insert(it.key(), frame);
            continue;
        }
        const QJsonValue answer = job(it.key(), value, depth, pass);
        if (!answer.isUndefined())
            result.insert(it.key(), answer);
    }
    return result;
}

// The filtered answer of one job; undefined when nothing is left of it.
QJsonValue ResponseFilter::job(const QString& name, const QJsonObject& answer, int depth,
                               Pass& pass) const {
    QJsonObject result = answer;
    if (const QJsonValue list = answer.value(kCategories); list.isArray()) {
        const QJsonArray kept = categories(name, list.toArray(), false, depth, pass);
        if (kept.isEmpty() && !list.toArray().isEmpty())
            return QJsonValue::Undefined;
        result.insert(kCategories, kept);
    }
    if (const QJsonValue list = answer.value(kAnnotations); list.isArray()) {
        QJsonArray kept;
        for (const QJsonValue& item : list.toArray()) {
            if (!item.isObject()) {
                kept.append(item);
                continue;
            }
            QJsonObject annotation = item.toObject();
            const QString mid = annotation.value(kMid).toString();
            if (pass.relationsOnly) {
                bool brokenEnd = false;
                for (const char* side :
                     {"startEntities", "endEntities", "startObjects", "endObjects"}) {
                    for (const QJsonValue& end : annotation.value(QLatin1String(side)).toArray())
                        brokenEnd =
                            brokenEnd
                            || pass.droppedMids.contains(end.toObject().value(kMid).toString());
                }
                if (brokenEnd) {
                    ++pass.drops.annotations;
                    ++pass.newlyDropped;
                    if (!mid.isEmpty())
                        pass.droppedMids.insert(mid);
                    continue;
                }
            } else if (const QJsonValue own = annotation.value(kCategories); own.isArray()) {
                const QJsonArray ownList = own.toArray();
                const qint64 before = pass.drops.categories;
                const QJsonArray keptCategories = categories(name, ownList, true, depth, pass);
                if (keptCategories.isEmpty() && !ownList.isEmpty()) {
                    // Its categories were counted one by one; the annotation is what went.
                    pass.drops.categories = before;
                    ++pass.drops.annotations;
                    if (!mid.isEmpty())
                        pass.droppedMids.insert(mid);
                    continue;
                }
                annotation.insert(kCategories, keptCategories);
            }
            if (const QJsonValue children = annotation.value(kChildren); children.isObject())
                annotation.insert(kChildren, jobMap(children.toObject(), depth + 1, pass));
            kept.append(annotation);
        }
        if (kept.isEmpty() && !list.toArray().isEmpty())
            return QJsonValue::Undefined;
        result.insert(kAnnotations, kept);
    }
    return result;
}

QJsonArray ResponseFilter::categories(const QString& job, const QJsonArray& list, bool annotation,
                                      int depth, Pass& pass) const {
    QJsonArray kept;
    for (const QJsonValue& item : list) {
        if (!item.isObject()) {
            kept.append(item);
            continue;
        }
        QJsonObject category = item.toObject();
        if (!pass.relationsOnly) {
            if (const QJsonValue name = category.value(kName); name.isString())
                category.insert(kName, mapped(job, name.toString(), pass));
            if (below(category)) {
                ++pass.drops.categories;
                ++pass.drops.byCategory[category.value(kName).toString()];
                continue;
            }
        }
        // Annotations carry their child jobs beside their categories, classifications inside.
        if (!annotation) {
            if (const QJsonValue children = category.value(kChildren); children.isObject())
                category.insert(kChildren, jobMap(children.toObject(), depth + 1, pass));
        }
        kept.append(category);
    }
    return kept;
}

bool ResponseFilter::below(const QJsonObject& category) const {
    const auto own = m_classMinimums.constFind(category.value(kName).toString());
    const std::optional<double> minimum =
        own != m_classMinimums.cend() ? std::optional(*own) : m_minimum;
    if (!minimum)
        return false;
    const QJsonValue confidence = category.value(QLatin1String("confidence"));
    if (!confidence.isDouble())
        return false; // missing or not a number: the checks say so, the filter keeps it
    double value = confidence.toDouble();
    if (m_scale && value <= 1)
        value = double(std::llround(value * 100)); // as compactJson scales it
    return value < *minimum;
}

QString ResponseFilter::mapped(const QString& job, const QString& name, Pass& pass) const {
    for (const QString& scope : {job, kAnyJob}) {
        const auto names = m_map.constFind(scope);
        if (names == m_map.cend())
            continue;
        const auto key = names->constFind(name);
        if (key == names->cend())
            continue;
        if (*key != name)
            ++pass.drops.renamed[job + QStringLiteral(": ") + name + QStringLiteral(" → ") + *key];
        return *key;
    }
    return name;
}

} // namespace kili::predictions
