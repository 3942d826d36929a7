// What the import pipeline needs from a Kili server, as asynchronous calls with callbacks. The
// real implementation (KiliApiBackend) runs kiliapi jobs; tests use an in-memory one to script
// crashes and lost answers exactly. Callbacks are called from the event loop, once each, and
// never after cancelAll().
#pragma once

#include "domain/asset.h"
#include "domain/interface.h"
#include "domain/label.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace kili::predictions {

struct BackendFailure {
    QString message;             // a sentence for a person
    bool outcomeUnknown = false; // a write that may or may not have been applied
    bool tooLarge = false;       // the server refused the request's size (HTTP 413): split it
};

// One appendManyLabels call.
struct AppendRequest {
    QString projectId;
    kili::LabelType labelType;
    QString modelName;
    bool overwrite = false;
    QStringList assetIds;
    QList<QByteArray> jsonResponses; // compact JSON, one per asset id
};

class ImportBackend {
public:
    template <typename T> using Callback = std::function<void(T, std::optional<BackendFailure>)>;

    virtual ~ImportBackend() = default;

    virtual void fetchInterface(const QString& projectId, Callback<kili::Interface> done) = 0;
    // Assets of the project whose external id is exactly one of `externalIds`, or whose id is
    // one of `assetIds`, each with all its labels (id, type, model name, jsonResponse).
    virtual void fetchAssets(const QString& projectId, const QStringList& externalIds,
                             const QStringList& assetIds, Callback<QList<kili::Asset>> done) = 0;
    // Creates labels; the callback gets the created label ids in request order.
    virtual void appendLabels(const AppendRequest& request, Callback<QStringList> done) = 0;
    // Labels of the given type on the given assets (to learn the fate of a batch in doubt).
    virtual void fetchLabels(const QString& projectId, const QStringList& assetIds,
                             kili::LabelType labelType, Callback<QList<kili::Label>> done) = 0;
    // Deletes labels; the callback gets the ids the server reports deleted.
    virtual void deleteLabels(const QStringList& labelIds, Callback<QStringList> done) = 0;
    // Drops every pending callback and stops in-flight work.
    virtual void cancelAll() = 0;

    // How many external ids one fetchAssets call should carry (the largest page the server
    // accepts, so that one id list is usually one request).
    virtual int assetChunkSize() const { return 500; }
    // How many calls may be in flight at once (the rate limit still applies to all of them).
    virtual int maxInFlight() const { return 4; }
    // GraphQL requests sent so far, retries included.
    virtual qint64 requestCount() const = 0;
    // The server, for messages and journals: "127.0.0.1:8080".
    virtual QString serverName() const = 0;
};

} // namespace kili::predictions
