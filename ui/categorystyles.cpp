#include "categorystyles.h"

#include <QPainter>
#include <QPixmap>

namespace kili::ui {

CategoryStyleLookup CategoryStyles::lookupFor(const Interface& interface) {
    return [interface](const QString& jobName, const QString& key) -> std::optional<CategoryStyle> {
        const Job* job = interface.job(jobName);
        const Category* category = job ? job->category(key) : nullptr;
        if (!category)
            return std::nullopt;
        return CategoryStyle{category->name, colorOf(*category)};
    };
}

QColor CategoryStyles::colorOf(const Category& category) {
    const QColor color = QColor::fromString(category.color);
    return color.isValid() ? color : AnnotationExtractor::fallbackColor(category.key);
}

QIcon CategoryStyles::swatch(const QColor& color) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(color.darker(150));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

} // namespace kili::ui
