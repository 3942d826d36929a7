// libFuzzer target for the evaluation of a jsonResponse: the job's answer read for every kind
// (objects, entities, categories; child jobs nested at any depth), then matched against itself
// and against a copy moved aside. Besides not crashing (Boost.Geometry on polygons that cross
// themselves, coordinates too large to multiply), the figures must add up on any input.
#include "evaluation/classificationanswers.h"
#include "evaluation/detectionmatches.h"
#include "evaluation/jobanswerreader.h"

#include <QJsonDocument>
#include <cstdint>
#include <cstdlib>

using namespace kili::evaluation;

namespace {

void check(const EvaluationReport& report) {
    for (const ClassFigures& figures : report.classes) {
        const Counts& c = figures.counts;
        if (c.tp + c.fp != c.predicted || c.tp + c.fn != c.truth || c.tp < 0 || c.fn < 0)
            std::abort();
        for (const std::optional<double>& ap : {figures.ap, figures.ap50})
            if (ap && !(*ap >= 0 && *ap <= 1))
                std::abort();
    }
}

EvaluatedAsset against(const JobAnswer& truth, const JobAnswer& prediction) {
    return EvaluatedAsset{QStringLiteral("a"), QStringLiteral("a"), truth, prediction, true};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const QJsonObject response =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(bytes), qsizetype(size)))
            .object();
    for (EvaluationKind kind : {EvaluationKind::ObjectDetection, EvaluationKind::NamedEntities,
                                EvaluationKind::Classification}) {
        for (const char* job : {"JOB", "CHILD"}) {
            const JobAnswer answer = JobAnswerReader(QString::fromUtf8(job), kind).read(response);
            if (kind == EvaluationKind::Classification) {
                check(ClassificationAnswers({against(answer, answer)}, {}, true).report(0));
                continue;
            }
            JobAnswer moved = answer;
            for (AnnotatedObject& object : moved.objects)
                for (std::vector<Vertex>& ring : object.shape.rings)
                    for (Vertex& vertex : ring)
                        vertex.x += 0.01;
            DetectionMatcher matcher(kind, {}, 0.5);
            const DetectionMatches matches =
                matcher.match({against(answer, answer), against(answer, moved)});
            check(matches.report(0));
            check(matches.report(50));
        }
    }
    return 0;
}
