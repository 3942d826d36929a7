// COCO's average precision, computed exactly as pycocotools' COCOeval.accumulate does, so that our
// figures and COCO's agree: 101 recall thresholds, precision made monotone from the right, and a
// class without truth objects left out (COCO's -1).
#pragma once

#include <array>
#include <optional>
#include <vector>

namespace kili::evaluation {

// COCO's IoU thresholds 0.50:0.05:0.95, computed the way numpy.linspace computes them, so that an
// IoU lying exactly on a threshold is judged the same way.
const std::array<double, 10>& cocoIouThresholds();

class CocoAveragePrecision {
public:
    // `matched`: one entry per detection of the class, in COCO's order (descending confidence,
    // ties in asset order then in the label's order), non-zero for a true positive. `truthCount`:
    // the class's truth objects over all assets. nullopt when truthCount is 0.
    std::optional<double> compute(const std::vector<unsigned char>& matched, int truthCount);

private:
    std::vector<double> m_recall;
    std::vector<double> m_precision;
};

} // namespace kili::evaluation
