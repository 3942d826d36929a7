// What the user asked to change in a file's predictions before they are checked: class names
// mapped to the interface's category keys (YOLO names, other spellings) and a minimum confidence
// below which categories and annotations are dropped. Applied by the scanner to every
// jsonResponse, only when one of them is set (the plain path stays as fast as before).
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace kili::predictions {

// job name → (name in the file → category key of the interface). The job "*" maps a name in
// every job that has no entry of its own for it.
using CategoryMap = QHash<QString, QHash<QString, QString>>;
inline const QString kAnyJob = QStringLiteral("*");
// category key → the minimum confidence of that class (it wins over the overall minimum)
using ClassMinimums = QHash<QString, double>;

// What the minimum confidence took away, for the plan's summary.
struct ConfidenceDrops {
    qint64 categories = 0;  // classification answers and extra categories of an annotation
    qint64 annotations = 0; // whole annotations (their only categories were below, or a
                            // relation lost one of its ends)
    qint64 emptied = 0;     // predictions with nothing left: not sent
    QHash<QString, qint64> byCategory; // category key → answers of that class dropped
    // "JOB: file name → KEY" → how many times the mapping renamed it
    QHash<QString, qint64> renamed;

    qint64 total() const { return categories + annotations; }
    bool any() const { return total() > 0 || emptied > 0; }
    ConfidenceDrops& operator+=(const ConfidenceDrops& other);
};

class ResponseFilter {
public:
    // `scaleConfidence`: the file holds 0–1 probabilities that the scan multiplies by 100; the
    // minimum (0–100) is compared with the scaled value.
    ResponseFilter(CategoryMap categoryMap, std::optional<double> minConfidence,
                   bool scaleConfidence, ClassMinimums classMinimums = {});

    bool isActive() const {
        return !m_map.isEmpty() || m_minimum.has_value() || !m_classMinimums.isEmpty();
    }

    // The filtered jsonResponse; counts what it dropped. An answer or annotation list left empty
    // removes its job; `emptied` is counted (once) when a non-empty response ends up empty.
    QJsonObject apply(const QJsonObject& response, ConfidenceDrops& drops) const;

private:
    struct Pass; // the state of one apply(): dropped annotation mids
    QJsonObject jobMap(const QJsonObject& jobs, int depth, Pass& pass) const;
    QJsonValue job(const QString& name, const QJsonObject& answer, int depth, Pass& pass) const;
    QJsonArray categories(const QString& job, const QJsonArray& list, bool annotation, int depth,
                          Pass& pass) const;
    bool below(const QJsonObject& category) const;
    QString mapped(const QString& job, const QString& name, Pass& pass) const;

    CategoryMap m_map;
    std::optional<double> m_minimum;
    bool m_scale;
    ClassMinimums m_classMinimums;
};

} // namespace kili::predictions
