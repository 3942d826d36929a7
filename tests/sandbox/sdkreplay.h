#pragma once

#include "sandboxclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace kili::sandbox::testing {

// Requests as the public Kili Python SDK sends them, without the SDK: its operation documents
// (root field aliased `data`, selections built from its dotted field lists), its variables after
// its null stripping, and its paging (a count with the same `where`, then pages of at most 100
// until the count is reached). Tests name the SDK call they replay in their assertions.
class SdkReplay {
public:
    explicit SdkReplay(SandboxClient& client)
        : m_client(client) {}

    // {"labels.author.id", "id"} -> "labels { author { id } } id", as the SDK nests them.
    static QString selection(const QStringList& fields);
    // The SDK's null stripping: null members leave the top level and, recursively, the objects
    // under data / where / project / asset / label / issue; lists and other objects keep theirs.
    static QJsonObject stripNulls(const QJsonObject& variables);
    // AssetWhere as asset_where_mapper builds it: every key, null unless in `set` (or, for its
    // `label` sub-filter, in `labelSet`).
    static QJsonObject assetWhere(const QString& projectId, const QJsonObject& set = {},
                                  const QJsonObject& labelSet = {});
    // LabelWhere as label_where_mapper builds it, around an AssetWhere.
    static QJsonObject labelWhere(const QString& projectId, const QJsonObject& asset,
                                  const QJsonObject& set = {});

    // query ROOT($where: WHERE!, $first: PageSize!, $skip: Int!) { data: ROOT(...) { fields } },
    // paged on COUNT_ROOT(where). Any error fails the test with `call` in the message.
    QJsonArray list(const QString& call, const QString& root, const QString& countRoot,
                    const QString& whereType, const QJsonObject& where, const QStringList& fields);
    // kili.assets(project_id, fields=FIELDS): the whole project, paged.
    QJsonArray projectAssets(const QString& call, const QString& projectId,
                             const QStringList& fields);
    // query COUNT_ROOT($where: WHERE!) { data: COUNT_ROOT(where: $where) }; -1 on error.
    int count(const QString& call, const QString& countRoot, const QString& whereType,
              const QJsonObject& where);
    // Any document, with the SDK's null stripping applied to `variables`.
    HttpResult execute(const QString& document, const QJsonObject& variables);

private:
    SandboxClient& m_client;
};

// A condensed error for assertion messages: the first error's message, or the start of the body.
std::string describe(const HttpResult& result);

} // namespace kili::sandbox::testing
