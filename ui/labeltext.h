// How labels read in lists and headers, in one place so that the tree, the detail view and the
// preview legend agree.
#pragma once

#include <QString>

namespace kili {
struct Label;
}

namespace kili::ui {

class LabelText {
public:
    // "By": the model name of a model's label, the author's email otherwise.
    static QString byline(const Label& label);
    // "PREDICTION · yolo-v8" — for legends and tooltips.
    static QString title(const Label& label);
    // "12.5 s", "3 min 20 s"; empty when unknown.
    static QString duration(double seconds);
    // Mean / min confidence over every category answer and annotation of the label, e.g.
    // "avg 87% (min 42%)"; empty when the label carries no confidence.
    static QString confidenceSummary(const Label& label);
};

} // namespace kili::ui
