// Help › Keyboard shortcuts: every action of the window that has a key, with its menu text and
// the key as this platform writes it, read from the window's own actions so that the list is
// always what the keys do.
#pragma once

#include <QDialog>

class QTableWidget;
class QWidget;

namespace kili::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* window, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table;
};

} // namespace kili::ui
