// The sandbox's API key across restarts on one database file, and how apiKeys shows keys.
#include "sandbox/accountstore.h"
#include "sandboxclient.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

const QString viewerQuery = QStringLiteral("query me { data: viewer { id email } }");
const QString keysQuery =
    QStringLiteral("query { data: apiKeys(where: {}, first: 10, skip: 0) { id key revoked } }");
const QString countKeysQuery = QStringLiteral("query { data: countApiKeys(where: {}) }");

SandboxOptions onFile(const QTemporaryDir& folder, const QString& key) {
    SandboxOptions options;
    options.dbPath = folder.filePath(QStringLiteral("sandbox.sqlite"));
    options.apiKey = key;
    return options;
}

QByteArray authorization(const QString& key) {
    return QByteArrayLiteral("X-API-Key: ") + key.toUtf8();
}

} // namespace

TEST(SandboxKeys, ARestartWithANewKeyRetiresTheOldOne) {
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    const QString oldKey = QStringLiteral("old-key-0123456789-abcd");
    const QString newKey = QStringLiteral("new-key-9876543210-wxyz");
    {
        SandboxServer first(onFile(folder, oldKey));
        QString error;
        ASSERT_TRUE(first.start(&error)) << error.toStdString();
        EXPECT_EQ(SandboxClient(first).graphql(viewerQuery).status, 200);
    }
    SandboxServer second(onFile(folder, newKey));
    QString error;
    ASSERT_TRUE(second.start(&error)) << error.toStdString();
    SandboxClient client(second);

    EXPECT_EQ(client.graphqlWithKey(viewerQuery, {}, authorization(newKey)).status, 200);
    const HttpResult old = client.graphqlWithKey(viewerQuery, {}, authorization(oldKey));
    EXPECT_EQ(old.status, 401) << "the key of the previous run still opens the sandbox: "
                               << old.body.toStdString();
    const HttpResult count = client.graphql(countKeysQuery);
    EXPECT_EQ(count.data().toInt(-1), 1) << count.body.toStdString();
}

TEST(SandboxKeys, RestartingWithoutAKeyKeepsTheStoredOne) {
    QTemporaryDir folder;
    ASSERT_TRUE(folder.isValid());
    QString stored;
    {
        SandboxServer first(onFile(folder, QString()));
        QString error;
        ASSERT_TRUE(first.start(&error)) << error.toStdString();
        stored = first.apiKey();
    }
    SandboxServer second(onFile(folder, QString()));
    QString error;
    ASSERT_TRUE(second.start(&error)) << error.toStdString();
    EXPECT_EQ(second.apiKey(), stored);
    EXPECT_EQ(SandboxClient(second).graphql(viewerQuery).status, 200);
}

TEST(SandboxKeys, ApiKeysNeverShowsAKeyWhole) {
    SandboxOptions options;
    options.apiKey = QStringLiteral("secret-key-0123456789-lmno");
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);

    const HttpResult listed = client.graphql(keysQuery);
    ASSERT_EQ(listed.status, 200) << listed.body.toStdString();
    EXPECT_FALSE(listed.body.contains(options.apiKey.toUtf8()))
        << "apiKeys echoed the key whole: " << listed.body.toStdString();
    const QJsonArray keys = listed.data().toArray();
    ASSERT_EQ(keys.size(), 1) << listed.body.toStdString();
    EXPECT_EQ(keys.first().toObject().value(QLatin1String("key")).toString().toStdString(),
              "****lmno");

    // The SDK's expiry check still finds the key by its whole value.
    const HttpResult byKey = client.graphql(
        QStringLiteral("query apiKeys($where: ApiKeyWhere!) { data: apiKeys(where: $where, "
                       "skip: 0, first: 1) { key expiryDate } }"),
        QJsonObject{
            {QStringLiteral("where"), QJsonObject{{QStringLiteral("key"), options.apiKey}}}});
    EXPECT_EQ(byKey.data().toArray().size(), 1) << byKey.body.toStdString();
    EXPECT_FALSE(byKey.body.contains(options.apiKey.toUtf8())) << byKey.body.toStdString();
}

TEST(SandboxKeys, AShortKeyIsMaskedWhole) {
    EXPECT_EQ(maskedKey(QStringLiteral("k")).toStdString(), "****");
    EXPECT_EQ(maskedKey(QStringLiteral("12345678")).toStdString(), "****");
    EXPECT_EQ(maskedKey(QStringLiteral("123456789")).toStdString(), "****6789");
}
