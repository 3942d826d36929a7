#include "jsonsourceview.h"

#include "jsonformatter.h"
#include "jsonhighlighter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace kili::ui {

JsonSourceView::JsonSourceView(QWidget* parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
    , m_highlighter(new JsonHighlighter(m_editor->document())) {
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_search->setPlaceholderText(tr("Find in JSON (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    auto* copy = new QToolButton(this);
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the whole JSON to the clipboard (Ctrl+Alt+C)"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    bar->addWidget(copy);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);

    connect(copy, &QToolButton::clicked, this, &JsonSourceView::copyAll);
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { findNext(QApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_editor->moveCursor(QTextCursor::Start);
        if (!m_search->text().isEmpty())
            findNext();
        updateMatchLabel();
    });
    auto* find = new QShortcut(QKeySequence::Find, this, this, &JsonSourceView::focusSearch,
                               Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(find);
    // Not the button's own shortcut: that one is window-wide, and two JSON views (interface,
    // label) plus the window's Ctrl+Shift+C (Copy as prediction) made every one ambiguous — Qt
    // then runs none. Here it works where the focus is.
    auto* copyKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), this, this,
                                  &JsonSourceView::copyAll, Qt::WidgetWithChildrenShortcut);
    copyKey->setObjectName(QStringLiteral("copyJsonShortcut"));
}

void JsonSourceView::setJson(QStringView json) {
    m_editor->setPlainText(JsonFormatter::indent(json));
    updateMatchLabel();
}

void JsonSourceView::clear() {
    m_editor->clear();
    updateMatchLabel();
}

QString JsonSourceView::text() const {
    return m_editor->toPlainText();
}

bool JsonSourceView::findNext(bool backwards) {
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return false;
    const QTextDocument::FindFlags flags =
        backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_editor->find(needle, flags))
        return true;
    // Wrap round once.
    m_editor->moveCursor(backwards ? QTextCursor::End : QTextCursor::Start);
    return m_editor->find(needle, flags);
}

int JsonSourceView::matchCount() const {
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return 0;
    return static_cast<int>(m_editor->toPlainText().count(needle, Qt::CaseInsensitive));
}

void JsonSourceView::copyAll() const {
    QApplication::clipboard()->setText(m_editor->toPlainText());
}

void JsonSourceView::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void JsonSourceView::updateMatchLabel() {
    if (m_search->text().isEmpty()) {
        m_matches->clear();
        return;
    }
    const int count = matchCount();
    m_matches->setText(count == 0 ? tr("no match") : tr("%n match(es)", nullptr, count));
}

} // namespace kili::ui
