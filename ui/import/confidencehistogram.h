// How confident a file's predictions are, per job and category, to help pick a minimum
// confidence: ConfidenceValues collects the numbers from jsonResponses, ConfidenceHistogramView
// draws ten bars (0–9, 10–19, … 90–100) and lets the user set the threshold.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>
#include <array>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace kili::ui {

class ConfidenceValues {
public:
    static constexpr int kBuckets = 10;
    using Buckets = std::array<int, kBuckets>;

    void clear() { m_values.clear(); }
    // Every category confidence (of classifications and of annotations, child jobs included).
    void add(const QJsonObject& jsonResponse);

    // "JOB / CATEGORY" keys, sorted.
    QStringList keys() const;
    // `key` empty: every job and category together.
    Buckets buckets(const QString& key = {}) const;
    int count(const QString& key = {}) const;
    int countBelow(double threshold, const QString& key = {}) const;

private:
    void addJobs(const QJsonObject& jobs, int depth);
    void addCategories(const QString& job, const QJsonValue& categories, int depth);
    QHash<QString, QList<double>> m_values;
};

class ConfidenceHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit ConfidenceHistogramView(QWidget* parent = nullptr);

    void setValues(const ConfidenceValues& values);
    // The minimum confidence the user asked for, when the box is checked.
    std::optional<double> minimumConfidence() const;
    QString belowText() const; // "12 of 80 annotations are below 40 and would be dropped."
    QComboBox* keyChooser() const { return m_key; }
    QSpinBox* thresholdBox() const { return m_threshold; }
    QCheckBox* thresholdEnabled() const { return m_enabled; }

Q_SIGNALS:
    void minimumConfidenceChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateText();
    void paintBars(QWidget* area);

    ConfidenceValues m_values;
    QComboBox* m_key;
    QWidget* m_bars;
    QCheckBox* m_enabled;
    QSpinBox* m_threshold;
    QLabel* m_below;
};

} // namespace kili::ui
