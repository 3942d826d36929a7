// A TEXT asset with the entity spans of its labels highlighted in category colours.
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
};

} // namespace kili::ui
