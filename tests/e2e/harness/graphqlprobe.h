// The tests' own view of the server: plain GraphQL over HTTP, independent of kiliapi (the client
// under test), so that "the labels on the server" is counted by something else than what sent
// them. Blocking; retries transport failures, 5xx and 429 so that it also works against a sandbox
// that injects faults.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

namespace kili::testing {

struct HttpAnswer {
    int status = 0;       // 0: no HTTP answer (connection refused, closed, TLS error)
    QString networkError; // QNetworkReply's error string when status is 0
    QByteArray body;
};

class GraphQLProbe {
public:
    GraphQLProbe(QUrl url, QString apiKey);

    // One POST with the given body and headers, no retry.
    HttpAnswer postRaw(const QByteArray& body, bool withKey = true,
                       const QByteArray& authorization = {});
    // `data` of the answer; on failure (after retries) an empty object and `*error` set.
    QJsonObject query(const QString& document, const QJsonObject& variables, QString* error);

    int countLabels(const QString& projectId, const QStringList& types, QString* error);
    // Every label of the project with the given types: {id, labelType, modelName, assetId,
    // jsonResponse}. Pages of 500.
    QJsonArray labels(const QString& projectId, const QStringList& types, QString* error);
    // {id, externalId} of every asset of the project.
    QJsonArray assets(const QString& projectId, QString* error);
    // The project id whose title starts with `titlePrefix`; empty when none.
    QString projectId(const QString& titlePrefix, QString* error);

private:
    QNetworkAccessManager m_network;
    QUrl m_url;
    QString m_key;
};

} // namespace kili::testing
