// A TEXT asset with the entity spans of its labels highlighted in category colours, and their
// relations drawn as arrows from entity to entity with the relation's name.
#pragma once

#include "previewlayer.h"

#include <QTextBrowser>

namespace kili::ui {

class TextPreview : public QTextBrowser {
    Q_OBJECT
public:
    explicit TextPreview(QWidget* parent = nullptr);

    void setContent(const QString& text, const QList<PreviewLayer>& layers);

    // The colour applied to the character at offset (invalid when none): for tests.
    QColor highlightAt(int offset) const;

    // One arrow per (start entity, end entity) of a relation whose entities are in the text.
    struct Arrow {
        int fromOffset = 0; // where the start entity begins
        int toOffset = 0;   // where the end entity begins
        QString caption;
        QColor color;
    };
    const QList<Arrow>& arrows() const { return m_arrows; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void paintArrow(QPainter& painter, const Arrow& arrow) const;
    void makeRoomForArrows();

    QList<Arrow> m_arrows;
};

} // namespace kili::ui
