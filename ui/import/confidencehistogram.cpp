#include "ui/import/confidencehistogram.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace kili::ui {

namespace {
constexpr int kMaxDepth = 16; // child jobs nest; a malformed response must not recurse forever
}

void ConfidenceValues::add(const QJsonObject& jsonResponse) {
    addJobs(jsonResponse, 0);
}

void ConfidenceValues::addJobs(const QJsonObject& jobs, int depth) {
    if (depth > kMaxDepth)
        return;
    for (auto job = jobs.begin(); job != jobs.end(); ++job) {
        const QJsonObject answer = job.value().toObject();
        addCategories(job.key(), answer.value(QLatin1String("categories")), depth);
        const QJsonArray annotations = answer.value(QLatin1String("annotations")).toArray();
        for (const QJsonValue& annotation : annotations) {
            const QJsonObject object = annotation.toObject();
            addCategories(job.key(), object.value(QLatin1String("categories")), depth);
            addJobs(object.value(QLatin1String("children")).toObject(), depth + 1);
        }
    }
}

void ConfidenceValues::addCategories(const QString& job, const QJsonValue& categories, int depth) {
    const QJsonArray list = categories.toArray();
    for (const QJsonValue& value : list) {
        const QJsonObject category = value.toObject();
        const QJsonValue confidence = category.value(QLatin1String("confidence"));
        if (confidence.isDouble()) {
            const QString key =
                job + QLatin1String(" / ") + category.value(QLatin1String("name")).toString();
            m_values[key].append(confidence.toDouble());
        }
        addJobs(category.value(QLatin1String("children")).toObject(), depth + 1);
    }
}

QStringList ConfidenceValues::keys() const {
    QStringList keys = m_values.keys();
    keys.sort();
    return keys;
}

ConfidenceValues::Buckets ConfidenceValues::buckets(const QString& key) const {
    Buckets buckets{};
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!key.isEmpty() && it.key() != key)
            continue;
        for (double value : *it)
            ++buckets[std::clamp(int(value / 10), 0, kBuckets - 1)];
    }
    return buckets;
}

int ConfidenceValues::count(const QString& key) const {
    int total = 0;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (key.isEmpty() || it.key() == key)
            total += int(it->size());
    }
    return total;
}

int ConfidenceValues::countBelow(double threshold, const QString& key) const {
    int below = 0;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!key.isEmpty() && it.key() != key)
            continue;
        below += int(std::count_if(it->cbegin(), it->cend(),
                                   [threshold](double value) { return value < threshold; }));
    }
    return below;
}

ConfidenceHistogramView::ConfidenceHistogramView(QWidget* parent)
    : QWidget(parent)
    , m_key(new QComboBox(this))
    , m_bars(new QWidget(this))
    , m_enabled(new QCheckBox(QStringLiteral("&Minimum confidence"), this))
    , m_threshold(new QSpinBox(this))
    , m_below(new QLabel(this)) {
    m_key->setObjectName(QStringLiteral("histogramKey"));
    m_key->setAccessibleName(QStringLiteral("Job and category of the histogram"));
    m_bars->setMinimumHeight(70);
    m_bars->installEventFilter(this);
    m_bars->setAccessibleName(QStringLiteral("Confidence histogram"));
    m_threshold->setObjectName(QStringLiteral("minimumConfidence"));
    m_threshold->setRange(0, 100);
    m_threshold->setValue(50);
    m_threshold->setEnabled(false);
    m_below->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_enabled);
    controls->addWidget(m_threshold);
    controls->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_key);
    layout->addWidget(m_bars);
    layout->addLayout(controls);
    layout->addWidget(m_below);

    connect(m_key, &QComboBox::currentIndexChanged, this, [this] {
        m_bars->update();
        updateText();
    });
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_threshold->setEnabled(on);
        updateText();
        Q_EMIT minimumConfidenceChanged();
    });
    connect(m_threshold, &QSpinBox::valueChanged, this, [this] {
        m_bars->update();
        updateText();
        if (m_enabled->isChecked())
            Q_EMIT minimumConfidenceChanged();
    });
}

void ConfidenceHistogramView::setValues(const ConfidenceValues& values) {
    m_values = values;
    const QString current = m_key->currentData().toString();
    m_key->clear();
    m_key->addItem(QStringLiteral("All jobs and categories (%1)").arg(m_values.count()), QString());
    for (const QString& key : m_values.keys())
        m_key->addItem(QStringLiteral("%1 (%2)").arg(key).arg(m_values.count(key)), key);
    m_key->setCurrentIndex(qMax(0, m_key->findData(current)));
    m_bars->update();
    updateText();
}

std::optional<double> ConfidenceHistogramView::minimumConfidence() const {
    if (!m_enabled->isChecked())
        return std::nullopt;
    return double(m_threshold->value());
}

QString ConfidenceHistogramView::belowText() const {
    const int total = m_values.count();
    if (total == 0)
        return QStringLiteral("No confidence values in these predictions.");
    const int below = m_values.countBelow(m_threshold->value());
    const QString counts = QStringLiteral("%1 of %2 confidence values are below %3")
                               .arg(below)
                               .arg(total)
                               .arg(m_threshold->value());
    return m_enabled->isChecked() ? counts + QStringLiteral(" and will be dropped.")
                                  : counts + QStringLiteral(".");
}

void ConfidenceHistogramView::updateText() {
    m_below->setText(belowText());
}

bool ConfidenceHistogramView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_bars && event->type() == QEvent::Paint) {
        paintBars(m_bars);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ConfidenceHistogramView::paintBars(QWidget* area) {
    QPainter painter(area);
    const ConfidenceValues::Buckets buckets = m_values.buckets(m_key->currentData().toString());
    const int highest = std::max(1, *std::max_element(buckets.cbegin(), buckets.cend()));
    const QRectF frame = QRectF(area->rect()).adjusted(1, 1, -1, -14);
    const double width = frame.width() / ConfidenceValues::kBuckets;
    const int threshold = m_enabled->isChecked() ? m_threshold->value() : -1;
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(frame.bottomLeft(), frame.bottomRight());
    for (int i = 0; i < ConfidenceValues::kBuckets; ++i) {
        const double height = frame.height() * buckets[std::size_t(i)] / highest;
        const QRectF bar(frame.left() + i * width + 1, frame.bottom() - height, width - 2, height);
        const bool dropped = threshold >= 0 && (i + 1) * 10 <= threshold;
        painter.fillRect(bar,
                         dropped ? QColor(0xc0, 0xc0, 0xc0) : palette().color(QPalette::Highlight));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(frame.left() + i * width, frame.bottom(), width, 14),
                         Qt::AlignCenter, QString::number(i * 10));
    }
}

} // namespace kili::ui
