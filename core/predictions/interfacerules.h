// The project's Interface compiled into lookup tables keyed by UTF-8 names, so that validating a
// million predictions compares byte strings instead of building QStrings for every key.
#pragma once

#include "domain/interface.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kili::predictions {

// Lets the tables be searched with a string_view without building a std::string.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const {
        return std::hash<std::string_view>{}(name);
    }
};
template <typename Value>
using NameMap = std::unordered_map<std::string, Value, NameHash, std::equal_to<>>;

struct JobRule {
    enum class Kind {
        Classification,
        ObjectDetection,
        Pose,
        NamedEntities,
        Relation,
        Transcription,
        Other,
    };
    std::string name;
    QString displayName;
    Kind kind = Kind::Other;
    std::string mlTask;
    std::string input; // radio, checkbox, textField, date, number…
    std::vector<std::string> tools;
    bool isChild = false;
    bool singleChoice = false;
    // category key → names of the child jobs it opens
    NameMap<std::vector<std::string>> categories;
    QStringList categoryKeys;  // document order, for messages
    QStringList categoryNames; // display names, in the order of categoryKeys

    bool hasTool(std::string_view tool) const;
    bool hasCategory(std::string_view key) const {
        return categories.find(key) != categories.end();
    }
};

class InterfaceRules {
public:
    explicit InterfaceRules(const Interface& interface);

    const JobRule* job(std::string_view name) const;
    QStringList jobNames() const { return m_jobNames; }
    bool isEmpty() const { return m_jobs.empty(); }

private:
    NameMap<JobRule> m_jobs;
    QStringList m_jobNames;
};

} // namespace kili::predictions
