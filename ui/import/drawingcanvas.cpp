#include "ui/import/drawingcanvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace kili::ui {

namespace {

constexpr double kMinimumDrag = 3; // pixels: a shorter drag is a click, not a rectangle

double rounded(double value) {
    return std::round(std::clamp(value, 0.0, 1.0) * 10000) / 10000;
}

} // namespace

DrawingCanvas::DrawingCanvas(QWidget* parent)
    : ImageCanvas(parent) {
    setObjectName(QStringLiteral("drawingCanvas"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::CrossCursor);
    setAccessibleName(QStringLiteral("Image to draw annotations on"));
}

bool DrawingCanvas::canDraw(const QString& tool) {
    return tool == QLatin1String("rectangle") || tool == QLatin1String("polygon")
           || tool == QLatin1String("polyline") || tool == QLatin1String("marker")
           || tool == QLatin1String("point") || tool == QLatin1String("vector");
}

void DrawingCanvas::setTool(const QString& tool) {
    if (tool == m_tool)
        return;
    m_tool = tool;
    reset();
}

QRectF DrawingCanvas::imageRect() const {
    return fitRect(image().size(), size());
}

bool DrawingCanvas::onImage(const QPointF& position) const {
    const QRectF area = imageRect();
    return !area.isEmpty() && area.contains(position);
}

QPointF DrawingCanvas::toImage(const QPointF& position) const {
    const QRectF area = imageRect();
    if (area.isEmpty())
        return {};
    return {rounded((position.x() - area.left()) / area.width()),
            rounded((position.y() - area.top()) / area.height())};
}

QPointF DrawingCanvas::toWidget(const QPointF& normalized) const {
    const QRectF area = imageRect();
    return {area.left() + normalized.x() * area.width(),
            area.top() + normalized.y() * area.height()};
}

int DrawingCanvas::minimumPoints() const {
    if (m_tool == QLatin1String("polygon"))
        return 3;
    if (m_tool == QLatin1String("polyline") || m_tool == QLatin1String("vector"))
        return 2;
    return 1;
}

void DrawingCanvas::reset() {
    m_points.clear();
    m_dragging = false;
    update();
}

void DrawingCanvas::finish() {
    if (m_points.size() >= minimumPoints()) {
        const QList<QPointF> points = m_points;
        reset();
        Q_EMIT shapeDrawn(m_tool, points);
        return;
    }
    update();
}

void DrawingCanvas::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    const QPointF position = event->position();
    if (event->button() == Qt::RightButton) {
        finish();
        return;
    }
    if (event->button() != Qt::LeftButton || !onImage(position) || !canDraw(m_tool)) {
        ImageCanvas::mousePressEvent(event);
        return;
    }
    event->accept();
    if (m_tool == QLatin1String("rectangle")) {
        m_dragging = true;
        m_dragStart = position;
        m_dragCurrent = position;
        update();
        return;
    }
    if (m_tool == QLatin1String("marker") || m_tool == QLatin1String("point")) {
        m_points = {toImage(position)};
        finish();
        return;
    }
    // Polygon, polyline, vector: one vertex per click (a double-click's second press adds none).
    const QPointF point = toImage(position);
    if (m_points.isEmpty() || m_points.constLast() != point)
        m_points << point;
    if (m_tool == QLatin1String("vector") && m_points.size() == 2)
        finish();
    update();
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent* event) {
    m_hover = event->position();
    if (m_dragging)
        m_dragCurrent = event->position();
    if (m_dragging || !m_points.isEmpty())
        update();
    ImageCanvas::mouseMoveEvent(event);
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_dragging || event->button() != Qt::LeftButton) {
        ImageCanvas::mouseReleaseEvent(event);
        return;
    }
    event->accept();
    m_dragging = false;
    m_dragCurrent = event->position();
    const QPointF delta = m_dragCurrent - m_dragStart;
    if (std::abs(delta.x()) < kMinimumDrag || std::abs(delta.y()) < kMinimumDrag) {
        update(); // a click: no rectangle
        return;
    }
    m_points = {toImage(m_dragStart), toImage(m_dragCurrent)};
    finish();
}

void DrawingCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && !m_points.isEmpty()) {
        event->accept();
        finish();
        return;
    }
    ImageCanvas::mouseDoubleClickEvent(event);
}

void DrawingCanvas::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_points.isEmpty()) {
            finish();
            return;
        }
        break;
    case Qt::Key_Escape:
        if (!m_points.isEmpty() || m_dragging) {
            reset();
            return;
        }
        break;
    case Qt::Key_Backspace:
        if (!m_points.isEmpty()) {
            m_points.removeLast();
            update();
            return;
        }
        break;
    default:
        break;
    }
    ImageCanvas::keyPressEvent(event);
}

void DrawingCanvas::paintEvent(QPaintEvent* event) {
    ImageCanvas::paintEvent(event);
    if (!m_dragging && m_points.isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(palette().color(QPalette::Highlight), 2, Qt::DashLine);
    pen.setCosmetic(true);
    painter.setPen(pen);
    if (m_dragging) {
        painter.drawRect(QRectF(m_dragStart, m_dragCurrent).normalized());
        return;
    }
    QPainterPath path(toWidget(m_points.constFirst()));
    for (qsizetype i = 1; i < m_points.size(); ++i)
        path.lineTo(toWidget(m_points.at(i)));
    if (onImage(m_hover))
        path.lineTo(m_hover); // where the next vertex would go
    painter.drawPath(path);
    painter.setBrush(palette().color(QPalette::Highlight));
    for (const QPointF& point : std::as_const(m_points))
        painter.drawEllipse(toWidget(point), 3, 3);
}

} // namespace kili::ui
