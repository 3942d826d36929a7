// Shared by the prediction tests: the fixture folder, the test interface, and a sink that keeps
// what a reader produced.
#pragma once

#include "domain/interface.h"
#include "predictions/predictionreader.h"

#include <QString>

namespace kili::predictions::testing {

QString dataPath(const QString& name);
Interface testInterface();

class CollectingSink : public ReadSink {
public:
    struct Read {
        PredictionItem item;
        QByteArray json;
    };
    void onItem(PredictionItem&& item, simdjson::dom::element jsonResponse) override;
    void onProblem(Problem&& problem) override { problems.append(std::move(problem)); }

    std::vector<Read> items;
    QList<Problem> problems;
};

// Problems rendered as text, one per entry, for readable assertions.
QStringList texts(const QList<Problem>& problems);

} // namespace kili::predictions::testing
