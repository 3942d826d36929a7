// Raw JSON beside a tree: indented, highlighted, searchable (Ctrl+F, Enter / Shift+Enter) and
// copyable.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace kili::ui {

class JsonHighlighter;

class JsonSourceView : public QWidget {
    Q_OBJECT
public:
    explicit JsonSourceView(QWidget* parent = nullptr);

    // Shows the text re-indented, key order kept.
    void setJson(QStringView json);
    void clear();
    QString text() const;

    // Moves the selection to the next (or previous) occurrence of the search text, wrapping
    // round; returns false when there is none.
    bool findNext(bool backwards = false);
    int matchCount() const;
    QLineEdit* searchField() const { return m_search; }
    QPlainTextEdit* editor() const { return m_editor; }

public Q_SLOTS:
    void copyAll() const;
    void focusSearch();

private:
    void updateMatchLabel();

    QPlainTextEdit* m_editor;
    QLineEdit* m_search;
    QLabel* m_matches;
    JsonHighlighter* m_highlighter;
};

} // namespace kili::ui
