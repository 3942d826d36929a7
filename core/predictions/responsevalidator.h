// Checks one jsonResponse against the project's interface and reports every problem it finds,
// each with the JSON pointer of the offending value and the job it belongs to.
#pragma once

#include "predictions/interfacerules.h"
#include "predictions/predictionitem.h"

#include <functional>
#include <simdjson.h>
#include <unordered_set>
#include <vector>

namespace kili::predictions {

// Kili expects confidences in 0–100. When every confidence seen is within 0–1 and some are
// fractions, the model most likely wrote probabilities: offered as a conversion, never applied
// silently.
struct ConfidenceStats {
    qint64 count = 0;
    qint64 atMostOne = 0;
    qint64 fractional = 0;
    bool looksLikeProbabilities() const {
        return count > 0 && atMostOne == count && fractional > 0;
    }
};

class ResponseValidator {
public:
    // One jsonResponse lists at most this many problems, then says how many more it had: a line
    // of a million wrong categories must not become a million kept sentences.
    static constexpr int kMaxProblemsPerItem = 20;

    explicit ResponseValidator(const InterfaceRules& rules);

    // Appends the problems of `response` (the jsonResponse of `item`) to `out`; returns how many
    // errors it found.
    int validate(simdjson::dom::element response, const PredictionItem& item, QList<Problem>& out);
    const ConfidenceStats& confidence() const { return m_confidence; }
    // The import multiplies 0–1 confidences by 100 (the person asked for it): fractions are then
    // expected, not a problem, and the statistics above no longer suggest the conversion.
    void setScalesConfidence(bool scales) { m_scalesConfidence = scales; }

    // The checks that need the asset's text (TEXT projects, once the caller has fetched it): every
    // named entity's span lies inside `text`, and its "content" is the text at its beginOffset.
    // Offsets count UTF-16 code units, as Kili's web labeling tool (JavaScript strings) does.
    // Rich-text entities (beginId/endId, offsets inside a block) are not checked. Run after
    // validate() found no error; appends to `out` and returns how many errors it found.
    int checkAgainstText(simdjson::dom::element response, const PredictionItem& item,
                         QStringView text, QList<Problem>& out);
    // The same for the valid items of an import, once their assets are known: `textOf` gives the
    // text of an item's asset, or nullptr when it is not at hand (see inlineText()). Items with
    // an error leave `items`; their problems go to `out`. Returns how many items left.
    qint64 checkAgainstTexts(std::vector<PredictionItem>& items,
                             const std::function<const QString*(const PredictionItem&)>& textOf,
                             QList<Problem>& out);
    // An asset's content when it is the text itself; nullptr when it is a URL to fetch (or empty).
    static const QString* inlineText(const QString& content);

private:
    class PathSegment;
    struct Reference {
        std::string mid;
        std::string path;
        const JobRule* job;
    };

    void jobMap(simdjson::dom::object jobs, const std::vector<std::string>* allowed,
                std::string_view opener, int depth);
    void job(const JobRule& rule, simdjson::dom::element value, int depth);
    // categories of a classification answer or of an annotation; returns their child job names
    void categories(const JobRule& rule, simdjson::dom::element value, bool allowChildren,
                    int depth, std::vector<const std::vector<std::string>*>* opened);
    void annotation(const JobRule& rule, simdjson::dom::element value, int depth);
    void geometry(const JobRule& rule, simdjson::dom::object annotation, std::string_view type);
    bool vertex(const JobRule& rule, simdjson::dom::element value);
    void relations(const JobRule& rule, simdjson::dom::object annotation);
    void transcription(const JobRule& rule, simdjson::dom::object answer);
    void confidenceValue(const JobRule& rule, simdjson::dom::element value, const char* field);
    // One problem saying how many were not listed, past kMaxProblemsPerItem.
    void noteUnlisted();
    void textJobs(simdjson::dom::object jobs, QStringView text, int depth);
    void textEntity(const JobRule& rule, simdjson::dom::object annotation, QStringView text);

    void error(const JobRule* rule, std::string_view job, const QString& message);
    void error(const JobRule& rule, const QString& message) { error(&rule, {}, message); }

    const InterfaceRules& m_rules;
    ConfidenceStats m_confidence;
    bool m_scalesConfidence = false;
    // state of the response being checked
    const PredictionItem* m_item = nullptr;
    QList<Problem>* m_out = nullptr;
    int m_errors = 0;
    std::string m_path;
    std::unordered_set<std::string_view> m_mids;
    std::vector<Reference> m_references;
};

} // namespace kili::predictions
