// One editor per job of the interface for the "New prediction" form; each turns what was typed
// into that job's part of a jsonResponse (kili-api.md §14). Child jobs of a category are nested
// editors under it. Widgets get object names "<JOB>/<CATEGORY>", "<JOB>/<CATEGORY>/confidence",
// "<JOB>/text", "<JOB>/add" so that tests and screen readers find them.
#pragma once

#include "domain/interface.h"

#include <QJsonObject>
#include <QPointF>
#include <QWidget>
#include <optional>

class QAbstractButton;
class QHBoxLayout;
class QLineEdit;
class QSpinBox;
class QVBoxLayout;

namespace kili::ui {

class JobEditor : public QWidget {
    Q_OBJECT
public:
    JobEditor(const Job& job, QWidget* parent);
    const Job& job() const { return m_job; }
    // This job's answer; empty when nothing was entered (the job is then left out).
    virtual QJsonObject response() const = 0;

    // An editor for `job`, or one saying the form cannot edit it (relations, pose…).
    static JobEditor* create(const Interface& interface, const Job& job, QWidget* parent,
                             int depth = 0);

Q_SIGNALS:
    void changed();

protected:
    QString name(const QString& suffix) const { return m_job.name + QLatin1Char('/') + suffix; }
    Job m_job;
};

// radio / singleDropdown: one category; checkbox / multipleDropdown: several. Each with its
// confidence and the editors of the child jobs it opens.
class ClassificationEditor : public JobEditor {
    Q_OBJECT
public:
    ClassificationEditor(const Interface& interface, const Job& job, QWidget* parent, int depth);
    QJsonObject response() const override;

private:
    struct Choice {
        QString key;
        QAbstractButton* button;
        QSpinBox* confidence;
        QList<JobEditor*> children;
        QWidget* childBox;
    };
    QList<Choice> m_choices;
};

// textField, markdown, number (digits) and date (YYYY-MM-DD): {"text": "…"}.
class TranscriptionEditor : public JobEditor {
    Q_OBJECT
public:
    TranscriptionEditor(const Job& job, QWidget* parent);
    QJsonObject response() const override;
    QLineEdit* edit() const { return m_edit; }

private:
    QLineEdit* m_edit;
};

// A list of typed annotations, one row each: category, confidence and what locates it.
class AnnotationListEditor : public JobEditor {
    Q_OBJECT
public:
    AnnotationListEditor(const Job& job, QWidget* parent);
    QJsonObject response() const override;
    // Adds a row (the "Add" button does the same); returns its index.
    int addRow();
    QWidget* row(int index) const { return m_rows.value(index); }
    // Removes every row (shapes and spans belong to the asset they were given for); returns
    // whether there was one.
    bool clearRows();

protected:
    // The annotation of one row, without categories; empty when the row is incomplete.
    virtual QJsonObject locate(QWidget* row) const = 0;
    // The widgets that locate an annotation, added to a new row.
    virtual void buildLocator(QWidget* row, QHBoxLayout* layout, int index) = 0;

private:
    QVBoxLayout* m_list;
    QList<QWidget*> m_rows;
};

// OBJECT_DETECTION: tool (rectangle, polygon, marker, polyline, vector…) and coordinates typed
// as "x y" pairs in [0, 1]; a rectangle takes two corners, a point one pair.
class ObjectDetectionEditor : public AnnotationListEditor {
    Q_OBJECT
public:
    ObjectDetectionEditor(const Job& job, QWidget* parent);
    // "0.1 0.2, 0.3 0.4" → points; nullopt when a number is missing or not a number.
    static std::optional<QList<QPointF>> parsePoints(const QString& text);
    // The inverse: points → "0.1 0.2, 0.3 0.4".
    static QString pointsText(const QList<QPointF>& points);
    // A new row for a shape drawn on the image (DrawingCanvas): its tool and normalised points
    // (a rectangle by two opposite corners); returns the row's index.
    int addShape(const QString& tool, const QList<QPointF>& points);

protected:
    QJsonObject locate(QWidget* row) const override;
    void buildLocator(QWidget* row, QHBoxLayout* layout, int index) override;
};

// NAMED_ENTITIES_RECOGNITION: begin and end offsets (end exclusive) and the content.
class EntityEditor : public AnnotationListEditor {
    Q_OBJECT
public:
    EntityEditor(const Job& job, QWidget* parent);

protected:
    QJsonObject locate(QWidget* row) const override;
    void buildLocator(QWidget* row, QHBoxLayout* layout, int index) override;
};

class UnsupportedJobEditor : public JobEditor {
    Q_OBJECT
public:
    UnsupportedJobEditor(const Job& job, QWidget* parent);
    QJsonObject response() const override { return {}; }
};

} // namespace kili::ui
