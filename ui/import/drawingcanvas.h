// The asset's image (ImageCanvas: scaled to fit, layers over it) on which the "New prediction"
// form draws object-detection shapes with the mouse:
//   rectangle — press, drag, release (two opposite corners);
//   polygon, polyline — a click per vertex, double-click, Enter or right-click to finish,
//                       Escape or Backspace to take back;
//   marker / point — one click; vector — two clicks.
// Every finished shape is announced with its vertices normalised to the image ([0, 1], the
// top-left corner of the image is (0, 0)), clamped to it and rounded to 4 decimals — what a
// jsonResponse's normalizedVertices hold.
#pragma once

#include "ui/imagecanvas.h"

#include <QList>
#include <QPointF>

namespace kili::ui {

class DrawingCanvas : public ImageCanvas {
    Q_OBJECT
public:
    explicit DrawingCanvas(QWidget* parent = nullptr);

    // The tools this canvas can draw, of those an interface may list.
    static bool canDraw(const QString& tool);
    void setTool(const QString& tool);
    QString tool() const { return m_tool; }
    // The vertices of the shape being drawn (polygon, polyline), normalised.
    QList<QPointF> pendingPoints() const { return m_points; }

    // Widget position → normalised image position, clamped to [0, 1] and rounded.
    QPointF toImage(const QPointF& position) const;
    // Normalised image position → widget position (for tests and for drawing).
    QPointF toWidget(const QPointF& normalized) const;

Q_SIGNALS:
    void shapeDrawn(const QString& tool, const QList<QPointF>& points);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QRectF imageRect() const;
    bool onImage(const QPointF& position) const;
    void finish();
    void reset();
    int minimumPoints() const;

    QString m_tool = QStringLiteral("rectangle");
    QList<QPointF> m_points; // normalised
    bool m_dragging = false;
    QPointF m_dragStart;   // widget position
    QPointF m_dragCurrent; // widget position
    QPointF m_hover;       // widget position, for the rubber band of polygons
};

} // namespace kili::ui
