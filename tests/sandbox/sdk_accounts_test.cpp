// The Kili Python SDK's users and issues calls, replayed from its documents:
// kili.users / kili.count_users (user/operations.py, UserWhere from user/mappers.py) and
// kili.issues / kili.count_issues / kili.create_issues / kili.create_questions
// (issue/operations.py, IssueWhere from issue/mappers.py).
#include "sdkreplay.h"

#include <QSet>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::describe;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;
using kili::sandbox::testing::SdkReplay;

namespace {

const QStringList userFields = {QStringLiteral("email"), QStringLiteral("id"),
                                QStringLiteral("firstname"), QStringLiteral("lastname")};

// user_where_mapper: every key, `organization` always an object.
QJsonObject userWhere(const QJsonValue& email, const QJsonValue& organizationId) {
    return QJsonObject{
        {QStringLiteral("activated"), QJsonValue::Null},
        {QStringLiteral("email"), email},
        {QStringLiteral("id"), QJsonValue::Null},
        {QStringLiteral("idIn"), QJsonValue::Null},
        {QStringLiteral("organization"), QJsonObject{{QStringLiteral("id"), organizationId}}}};
}

class SdkAccounts : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        SandboxOptions options;
        options.seedDemo = true;
        server = new SandboxServer(options);
        QString error;
        ASSERT_TRUE(server->start(&error)) << error.toStdString();
        client = new SandboxClient(*server);
        sdk = new SdkReplay(*client);
        const HttpResult me = sdk->execute(
            QStringLiteral("query me { data: viewer { id email organizationId } }"), {});
        viewer = me.data().toObject();
        ASSERT_FALSE(viewer.value(QLatin1String("organizationId")).toString().isEmpty())
            << describe(me);
    }
    static void TearDownTestSuite() {
        delete sdk;
        delete client;
        delete server;
    }

    static QStringList emails(const QJsonArray& users) {
        QStringList out;
        for (const QJsonValue& user : users)
            out.append(user.toObject().value(QLatin1String("email")).toString());
        return out;
    }
    static QJsonArray users(const QString& call, const QJsonObject& where) {
        return sdk->list(call, QStringLiteral("users"), QStringLiteral("countUsers"),
                         QStringLiteral("UserWhere"), where, userFields);
    }

    static inline SandboxServer* server = nullptr;
    static inline SandboxClient* client = nullptr;
    static inline SdkReplay* sdk = nullptr;
    static inline QJsonObject viewer;
};

} // namespace

TEST_F(SdkAccounts, UsersAreTheOrganizationsMembers) {
    const QJsonArray all =
        users(QStringLiteral("kili.users()"), userWhere(QJsonValue::Null, QJsonValue::Null));
    const QStringList found = emails(all);
    for (const char* email : {"demo@sandbox.kili.local", "alice@sandbox.kili.local",
                              "bob@sandbox.kili.local", "rita@sandbox.kili.local"})
        EXPECT_TRUE(found.contains(QLatin1String(email)))
            << "kili.users() does not list " << email << " who labelled the demo projects";
    EXPECT_EQ(found.size(), 4) << found.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(QSet<QString>(found.cbegin(), found.cend()).size(), found.size())
        << "kili.users() listed a user twice";
    for (const QJsonValue& user : all) {
        EXPECT_FALSE(user.toObject().value(QLatin1String("id")).toString().isEmpty());
        EXPECT_TRUE(user.toObject().value(QLatin1String("firstname")).isString());
    }
    const QJsonValue organization = viewer.value(QLatin1String("organizationId"));
    EXPECT_EQ(emails(users(QStringLiteral("kili.users(organization_id=...)"),
                           userWhere(QJsonValue::Null, organization))),
              found);
    EXPECT_TRUE(users(QStringLiteral("kili.users(organization_id=<another>)"),
                      userWhere(QJsonValue::Null, QStringLiteral("another-organization")))
                    .isEmpty())
        << "users of another organization were listed";
}

TEST_F(SdkAccounts, UsersByEmailAndCount) {
    const QJsonArray alice =
        users(QStringLiteral("kili.users(email=...)"),
              userWhere(QStringLiteral("alice@sandbox.kili.local"), QJsonValue::Null));
    ASSERT_EQ(alice.size(), 1) << "kili.users(email=\"alice@sandbox.kili.local\")";
    EXPECT_EQ(alice.first().toObject().value(QLatin1String("email")).toString(),
              QStringLiteral("alice@sandbox.kili.local"));
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_users()"), QStringLiteral("countUsers"),
                         QStringLiteral("UserWhere"),
                         userWhere(QJsonValue::Null, QJsonValue::Null)),
              4);
    EXPECT_EQ(
        sdk->count(QStringLiteral("kili.count_users(organization_id=...)"),
                   QStringLiteral("countUsers"), QStringLiteral("UserWhere"),
                   userWhere(QJsonValue::Null, viewer.value(QLatin1String("organizationId")))),
        4);
    EXPECT_EQ(sdk->count(QStringLiteral("kili.count_users(email=<nobody>)"),
                         QStringLiteral("countUsers"), QStringLiteral("UserWhere"),
                         userWhere(QStringLiteral("nobody@example.com"), QJsonValue::Null)),
              0);
}
