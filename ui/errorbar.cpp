#include "errorbar.h"

#include "readablecolor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace kili::ui {

ErrorBar::ErrorBar(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_retryButton(new QPushButton(tr("&Retry"), this)) {
    setObjectName(QStringLiteral("errorBar"));
    setAttribute(Qt::WA_StyledBackground);
    // A pale red on a light palette, a deep one on a dark palette; the text readable on either.
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    const QColor background = dark ? QColor(0x4a, 0x1c, 0x1a) : QColor(0xfd, 0xec, 0xea);
    const QColor border = dark ? QColor(0x7a, 0x2e, 0x2a) : QColor(0xf5, 0xc2, 0xc0);
    const QColor text = readableOn(QColor(0x61, 0x1a, 0x15), background, 7.0);
    setStyleSheet(QStringLiteral("#errorBar { background: %1; border-bottom: 1px solid %2; } "
                                 "#errorBar QLabel { color: %3; }")
                      .arg(background.name(), border.name(), text.name()));
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(18, 18));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QPushButton(tr("Dismiss"), this);
    close->setShortcut(QKeySequence(Qt::Key_Escape));
    m_retryButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retryButton->setToolTip(tr("Try again (Ctrl+R)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retryButton);
    layout->addWidget(close);

    connect(m_retryButton, &QPushButton::clicked, this, &ErrorBar::retry);
    connect(close, &QPushButton::clicked, this, &ErrorBar::dismiss);
    hide();
}

void ErrorBar::showError(const QString& message, std::function<void()> retry) {
    m_text->setText(message);
    m_retry = std::move(retry);
    m_retryButton->setVisible(static_cast<bool>(m_retry));
    show();
}

QString ErrorBar::message() const {
    return isVisibleTo(parentWidget()) ? m_text->text() : QString();
}

void ErrorBar::retry() {
    auto action = std::move(m_retry);
    m_retry = {};
    hide();
    if (action)
        action();
}

void ErrorBar::dismiss() {
    m_retry = {};
    hide();
}

} // namespace kili::ui
