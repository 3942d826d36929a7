#include "ui/import/jobeditors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>

namespace kili::ui {

namespace {

constexpr int kMaxDepth = 8; // interfaces may be cyclic; the form stops nesting here

QSpinBox* confidenceBox(QWidget* parent, const QString& objectName, const QString& what) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, 100);
    box->setValue(100);
    box->setSuffix(QStringLiteral(" %"));
    box->setAccessibleName(QStringLiteral("Confidence of %1").arg(what));
    box->setToolTip(QStringLiteral("Confidence, 0–100"));
    return box;
}

QString title(const Job& job) {
    const QString instruction = job.instruction.isEmpty() ? job.name : job.instruction;
    return QStringLiteral("%1 — %2 (%3)").arg(job.name, instruction, job.mlTask);
}

QJsonObject vertex(const QPointF& point) {
    return {{QStringLiteral("x"), point.x()}, {QStringLiteral("y"), point.y()}};
}

} // namespace

JobEditor::JobEditor(const Job& job, QWidget* parent)
    : QWidget(parent)
    , m_job(job) {
    setObjectName(QStringLiteral("job:") + job.name);
}

JobEditor* JobEditor::create(const Interface& interface, const Job& job, QWidget* parent,
                             int depth) {
    const QString& task = job.mlTask;
    if (task == QLatin1String("CLASSIFICATION") && depth <= kMaxDepth)
        return new ClassificationEditor(interface, job, parent, depth);
    if (task == QLatin1String("TRANSCRIPTION"))
        return new TranscriptionEditor(job, parent);
    if (task == QLatin1String("OBJECT_DETECTION") && !job.tools.contains(QLatin1String("pose")))
        return new ObjectDetectionEditor(job, parent);
    if (task == QLatin1String("NAMED_ENTITIES_RECOGNITION"))
        return new EntityEditor(job, parent);
    return new UnsupportedJobEditor(job, parent);
}

ClassificationEditor::ClassificationEditor(const Interface& interface, const Job& job,
                                           QWidget* parent, int depth)
    : JobEditor(job, parent) {
    auto* group = new QGroupBox(title(job), this);
    auto* layout = new QFormLayout(group);
    auto* buttons = new QButtonGroup(this);
    const bool single = job.isSingleChoice();
    buttons->setExclusive(false); // a radio choice can be cleared again: no answer is an answer
    for (const Category& category : job.categories) {
        const QString text = category.name.isEmpty() ? category.key : category.name;
        QAbstractButton* button = single
                                      ? static_cast<QAbstractButton*>(new QRadioButton(text, group))
                                      : new QCheckBox(text, group);
        button->setObjectName(name(category.key));
        buttons->addButton(button);
        QSpinBox* confidence =
            confidenceBox(group, name(category.key + QStringLiteral("/confidence")), text);
        confidence->setEnabled(false);
        auto* row = new QHBoxLayout;
        row->addWidget(button, 1);
        row->addWidget(confidence);
        layout->addRow(row);

        Choice choice{category.key, button, confidence, {}, nullptr};
        if (!category.children.isEmpty() && depth < kMaxDepth) {
            choice.childBox = new QWidget(group);
            auto* childLayout = new QVBoxLayout(choice.childBox);
            childLayout->setContentsMargins(24, 0, 0, 0);
            for (const QString& childName : category.children) {
                const Job* child = interface.job(childName);
                if (!child)
                    continue;
                JobEditor* editor =
                    JobEditor::create(interface, *child, choice.childBox, depth + 1);
                childLayout->addWidget(editor);
                choice.children << editor;
                connect(editor, &JobEditor::changed, this, &JobEditor::changed);
            }
            choice.childBox->setEnabled(false);
            layout->addRow(choice.childBox);
        }
        m_choices << choice;
        connect(confidence, &QSpinBox::valueChanged, this, &JobEditor::changed);
        connect(button, &QAbstractButton::toggled, this, [this, button, single](bool on) {
            if (on && single) {
                for (const Choice& other : std::as_const(m_choices)) {
                    if (other.button != button)
                        other.button->setChecked(false);
                }
            }
            for (const Choice& each : std::as_const(m_choices)) {
                each.confidence->setEnabled(each.button->isChecked());
                if (each.childBox)
                    each.childBox->setEnabled(each.button->isChecked());
            }
            Q_EMIT changed();
        });
    }
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(group);
}

QJsonObject ClassificationEditor::response() const {
    QJsonArray categories;
    for (const Choice& choice : m_choices) {
        if (!choice.button->isChecked())
            continue;
        QJsonObject category{{QStringLiteral("name"), choice.key},
                             {QStringLiteral("confidence"), choice.confidence->value()}};
        QJsonObject children;
        for (const JobEditor* child : choice.children) {
            const QJsonObject answer = child->response();
            if (!answer.isEmpty())
                children.insert(child->job().name, answer);
        }
        if (!children.isEmpty())
            category.insert(QStringLiteral("children"), children);
        categories.append(category);
    }
    if (categories.isEmpty())
        return {};
    return {{QStringLiteral("categories"), categories}};
}

TranscriptionEditor::TranscriptionEditor(const Job& job, QWidget* parent)
    : JobEditor(job, parent)
    , m_edit(new QLineEdit(this)) {
    m_edit->setObjectName(name(QStringLiteral("text")));
    if (job.input == QLatin1String("date"))
        m_edit->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    else if (job.input == QLatin1String("number"))
        m_edit->setPlaceholderText(QStringLiteral("a number"));
    m_edit->setAccessibleName(job.name);
    auto* label = new QLabel(title(job), this);
    label->setBuddy(m_edit);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, &JobEditor::changed);
}

QJsonObject TranscriptionEditor::response() const {
    if (m_edit->text().isEmpty())
        return {};
    return {{QStringLiteral("text"), m_edit->text()}};
}

AnnotationListEditor::AnnotationListEditor(const Job& job, QWidget* parent)
    : JobEditor(job, parent)
    , m_list(new QVBoxLayout) {
    auto* group = new QGroupBox(title(job), this);
    auto* add = new QPushButton(QStringLiteral("Add annotation"), group);
    add->setObjectName(name(QStringLiteral("add")));
    auto* layout = new QVBoxLayout(group);
    layout->addLayout(m_list);
    layout->addWidget(add, 0, Qt::AlignLeft);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(group);
    connect(add, &QPushButton::clicked, this, [this] { addRow(); });
}

bool AnnotationListEditor::clearRows() {
    bool any = false;
    for (QWidget* row : std::as_const(m_rows)) {
        if (row->property("removed").toBool())
            continue;
        row->setProperty("removed", true);
        row->hide();
        any = true;
    }
    if (any)
        Q_EMIT changed();
    return any;
}

int AnnotationListEditor::addRow() {
    const int index = int(m_rows.size());
    auto* row = new QWidget(this);
    row->setObjectName(name(QStringLiteral("row/%1").arg(index)));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* category = new QComboBox(row);
    category->setObjectName(name(QStringLiteral("category/%1").arg(index)));
    category->setAccessibleName(QStringLiteral("Category of annotation %1").arg(index + 1));
    for (const Category& each : m_job.categories)
        category->addItem(each.name.isEmpty() ? each.key : each.name, each.key);
    layout->addWidget(category);
    buildLocator(row, layout, index);
    QSpinBox* confidence = confidenceBox(row, name(QStringLiteral("confidence/%1").arg(index)),
                                         QStringLiteral("annotation %1").arg(index + 1));
    layout->addWidget(confidence);
    auto* remove = new QPushButton(QStringLiteral("Remove"), row);
    remove->setAccessibleName(QStringLiteral("Remove annotation %1").arg(index + 1));
    layout->addWidget(remove);
    m_list->addWidget(row);
    m_rows << row;
    connect(category, &QComboBox::currentIndexChanged, this, &JobEditor::changed);
    connect(confidence, &QSpinBox::valueChanged, this, &JobEditor::changed);
    connect(remove, &QPushButton::clicked, this, [this, row] {
        // Removed rows are left out; indices (and object names) stay stable.
        row->setProperty("removed", true);
        row->hide();
        Q_EMIT changed();
    });
    Q_EMIT changed();
    return index;
}

QJsonObject AnnotationListEditor::response() const {
    QJsonArray annotations;
    for (int index = 0; index < m_rows.size(); ++index) {
        QWidget* row = m_rows.at(index);
        if (row->property("removed").toBool())
            continue;
        QJsonObject annotation = locate(row);
        if (annotation.isEmpty())
            continue;
        const auto* category =
            row->findChild<QComboBox*>(name(QStringLiteral("category/%1").arg(index)));
        const auto* confidence =
            row->findChild<QSpinBox*>(name(QStringLiteral("confidence/%1").arg(index)));
        annotation.insert(
            QStringLiteral("categories"),
            QJsonArray{QJsonObject{{QStringLiteral("name"), category->currentData().toString()},
                                   {QStringLiteral("confidence"), confidence->value()}}});
        annotations.append(annotation);
    }
    if (annotations.isEmpty())
        return {};
    return {{QStringLiteral("annotations"), annotations}};
}

ObjectDetectionEditor::ObjectDetectionEditor(const Job& job, QWidget* parent)
    : AnnotationListEditor(job, parent) {}

std::optional<QList<QPointF>> ObjectDetectionEditor::parsePoints(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[\\s,;()]+"));
    const QStringList numbers = text.split(separators, Qt::SkipEmptyParts);
    if (numbers.isEmpty() || numbers.size() % 2 != 0)
        return std::nullopt;
    QList<QPointF> points;
    for (qsizetype i = 0; i < numbers.size(); i += 2) {
        bool okX = false;
        bool okY = false;
        const double x = numbers.at(i).toDouble(&okX);
        const double y = numbers.at(i + 1).toDouble(&okY);
        if (!okX || !okY)
            return std::nullopt;
        points << QPointF(x, y);
    }
    return points;
}

QString ObjectDetectionEditor::pointsText(const QList<QPointF>& points) {
    QStringList pairs;
    for (const QPointF& point : points)
        pairs << QString::number(point.x()) + QLatin1Char(' ') + QString::number(point.y());
    return pairs.join(QLatin1String(", "));
}

int ObjectDetectionEditor::addShape(const QString& tool, const QList<QPointF>& points) {
    const int index = addRow();
    QWidget* added = row(index);
    auto* toolBox = added->findChild<QComboBox*>(name(QStringLiteral("tool/%1").arg(index)));
    auto* edit = added->findChild<QLineEdit*>(name(QStringLiteral("points/%1").arg(index)));
    // "point" is what some interfaces call Kili's marker.
    int at = toolBox->findText(tool);
    if (at < 0 && tool == QLatin1String("point"))
        at = toolBox->findText(QStringLiteral("marker"));
    if (at >= 0)
        toolBox->setCurrentIndex(at);
    edit->setText(pointsText(points));
    return index;
}

void ObjectDetectionEditor::buildLocator(QWidget* row, QHBoxLayout* layout, int index) {
    auto* tool = new QComboBox(row);
    tool->setObjectName(name(QStringLiteral("tool/%1").arg(index)));
    tool->setAccessibleName(QStringLiteral("Tool of annotation %1").arg(index + 1));
    tool->addItems(m_job.tools.isEmpty() ? QStringList{QStringLiteral("rectangle")} : m_job.tools);
    auto* points = new QLineEdit(row);
    points->setObjectName(name(QStringLiteral("points/%1").arg(index)));
    points->setAccessibleName(QStringLiteral("Coordinates of annotation %1").arg(index + 1));
    auto placeholder = [tool, points] {
        const QString kind = tool->currentText();
        points->setPlaceholderText(
            kind == QLatin1String("rectangle") ? QStringLiteral("corners: x1 y1, x2 y2 (0–1)")
            : kind == QLatin1String("marker")  ? QStringLiteral("point: x y (0–1)")
                                               : QStringLiteral("vertices: x y, x y, … (0–1)"));
    };
    placeholder();
    layout->addWidget(tool);
    layout->addWidget(points, 1);
    connect(tool, &QComboBox::currentIndexChanged, this, [this, placeholder] {
        placeholder();
        Q_EMIT changed();
    });
    connect(points, &QLineEdit::textChanged, this, &JobEditor::changed);
}

QJsonObject ObjectDetectionEditor::locate(QWidget* row) const {
    const int index = row->objectName().section(QLatin1Char('/'), -1).toInt();
    const auto* tool = row->findChild<QComboBox*>(name(QStringLiteral("tool/%1").arg(index)));
    const auto* edit = row->findChild<QLineEdit*>(name(QStringLiteral("points/%1").arg(index)));
    const std::optional<QList<QPointF>> points = parsePoints(edit->text());
    if (!points)
        return {};
    const QString kind = tool->currentText();
    QJsonObject annotation{{QStringLiteral("type"), kind}};
    if (kind == QLatin1String("marker")) {
        annotation.insert(QStringLiteral("point"), vertex(points->first()));
        return annotation;
    }
    QJsonArray vertices;
    if (kind == QLatin1String("rectangle")) {
        if (points->size() != 2)
            return {};
        const QRectF box = QRectF(points->at(0), points->at(1)).normalized();
        // Kili's order: bottom-left, top-left, top-right, bottom-right.
        for (const QPointF& corner :
             {box.bottomLeft(), box.topLeft(), box.topRight(), box.bottomRight()})
            vertices.append(vertex(corner));
    } else {
        for (const QPointF& point : *points)
            vertices.append(vertex(point));
    }
    if (kind == QLatin1String("polyline") || kind == QLatin1String("vector"))
        annotation.insert(QStringLiteral("polyline"), vertices);
    else
        annotation.insert(
            QStringLiteral("boundingPoly"),
            QJsonArray{QJsonObject{{QStringLiteral("normalizedVertices"), vertices}}});
    return annotation;
}

EntityEditor::EntityEditor(const Job& job, QWidget* parent)
    : AnnotationListEditor(job, parent) {}

void EntityEditor::buildLocator(QWidget* row, QHBoxLayout* layout, int index) {
    auto* begin = new QSpinBox(row);
    begin->setObjectName(name(QStringLiteral("begin/%1").arg(index)));
    begin->setAccessibleName(QStringLiteral("Begin offset of entity %1").arg(index + 1));
    begin->setRange(0, std::numeric_limits<int>::max());
    begin->setPrefix(QStringLiteral("from "));
    auto* end = new QSpinBox(row);
    end->setObjectName(name(QStringLiteral("end/%1").arg(index)));
    end->setAccessibleName(QStringLiteral("End offset of entity %1").arg(index + 1));
    end->setRange(0, std::numeric_limits<int>::max());
    end->setPrefix(QStringLiteral("to "));
    auto* content = new QLineEdit(row);
    content->setObjectName(name(QStringLiteral("content/%1").arg(index)));
    content->setPlaceholderText(QStringLiteral("the entity's text"));
    content->setAccessibleName(QStringLiteral("Text of entity %1").arg(index + 1));
    layout->addWidget(begin);
    layout->addWidget(end);
    layout->addWidget(content, 1);
    connect(begin, &QSpinBox::valueChanged, this, &JobEditor::changed);
    connect(end, &QSpinBox::valueChanged, this, &JobEditor::changed);
    connect(content, &QLineEdit::textChanged, this, &JobEditor::changed);
}

QJsonObject EntityEditor::locate(QWidget* row) const {
    const int index = row->objectName().section(QLatin1Char('/'), -1).toInt();
    const auto* begin = row->findChild<QSpinBox*>(name(QStringLiteral("begin/%1").arg(index)));
    const auto* end = row->findChild<QSpinBox*>(name(QStringLiteral("end/%1").arg(index)));
    const auto* content = row->findChild<QLineEdit*>(name(QStringLiteral("content/%1").arg(index)));
    QJsonObject annotation{{QStringLiteral("beginOffset"), begin->value()},
                           {QStringLiteral("endOffset"), end->value()}};
    if (!content->text().isEmpty())
        annotation.insert(QStringLiteral("content"), content->text());
    return annotation;
}

UnsupportedJobEditor::UnsupportedJobEditor(const Job& job, QWidget* parent)
    : JobEditor(job, parent) {
    auto* label = new QLabel(QStringLiteral("%1: the form cannot edit %2 jobs yet; import them "
                                            "from a file.")
                                 .arg(job.name, job.mlTask),
                             this);
    label->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
}

} // namespace kili::ui
