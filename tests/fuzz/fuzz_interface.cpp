// libFuzzer target for the jsonInterface parser (kili::Interface::parse, simdjson, document
// order). Besides not crashing, the parse must keep its promises on any input: an error sentence
// when it fails, and every walk over categories' children ends (cyclic interfaces included).
#include "domain/interface.h"

#include <QJsonDocument>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const QByteArrayView json(reinterpret_cast<const char*>(bytes), qsizetype(size));
    QString error;
    const kili::Interface interface = kili::Interface::parse(json, &error);
    const QList<kili::Job> jobs = interface.jobs();
    for (const kili::Job& job : jobs) {
        // Each job is reachable once at most: more would mean the walk does not stop on cycles.
        if (interface.descendantJobNames(job.name).size() > jobs.size())
            std::abort();
        for (const kili::Category& category : job.categories)
            (void)job.category(category.key);
        (void)job.childJobNames();
        (void)job.isSingleChoice();
        (void)interface.job(job.name);
    }
    (void)interface.rootJobNames();
    // The QJsonObject path must agree on not crashing either.
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray());
    const kili::Interface fromJson = kili::Interface::fromJson(document.object());
    for (const kili::Job& job : fromJson.jobs())
        (void)fromJson.descendantJobNames(job.name);
    return 0;
}
