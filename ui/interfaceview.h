// A project's interface: the tree of jobs and categories beside the raw jsonInterface.
#pragma once

#include <QWidget>

class QTreeView;

namespace kili {
struct Project;
}

namespace kili::ui {

class InterfaceTreeModel;
class JsonSourceView;

class InterfaceView : public QWidget {
    Q_OBJECT
public:
    explicit InterfaceView(QWidget* parent = nullptr);

    void setProject(const Project& project);
    void clear();

    InterfaceTreeModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    JsonSourceView* source() const { return m_source; }

private:
    InterfaceTreeModel* m_model;
    QTreeView* m_tree;
    JsonSourceView* m_source;
};

} // namespace kili::ui
