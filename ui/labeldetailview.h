// One label in detail: who made it and when, its jsonResponse as a tree and as raw JSON.
#pragma once

#include <QWidget>

class QLabel;
class QTreeView;

namespace kili {
struct Label;
}

namespace kili::ui {

class JsonSourceView;
class JsonTreeModel;

class LabelDetailView : public QWidget {
    Q_OBJECT
public:
    explicit LabelDetailView(QWidget* parent = nullptr);

    void setLabel(const Label& label);
    void clear();

    JsonTreeModel* model() const { return m_model; }
    JsonSourceView* source() const { return m_source; }
    QString headline() const;

private:
    QLabel* m_header;
    JsonTreeModel* m_model;
    QTreeView* m_tree;
    JsonSourceView* m_source;
};

} // namespace kili::ui
