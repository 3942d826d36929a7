// viewer / me, users, apiKeys, and the paging helpers every list resolver shares.
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

ResolveResult failFilter(const QString& field, const QString& problem) {
    return fail(KiliError::make(QStringLiteral("invalidArguments"),
                                QStringLiteral("The arguments of %1 are not valid.").arg(field),
                                problem));
}

std::optional<KiliError> paging(const FieldContext& field, int maxPageSize, int* first, int* skip) {
    const QJsonValue firstValue = field.arguments.value(QLatin1String("first"));
    const double requested = firstValue.toDouble(-1);
    if (!firstValue.isDouble()
        || requested != static_cast<double>(static_cast<qint64>(requested))) {
        const QString got = firstValue.isString()   ? QStringLiteral("string")
                            : firstValue.isBool()   ? QStringLiteral("boolean")
                            : firstValue.isDouble() ? QStringLiteral("float")
                                                    : QStringLiteral("object");
        KiliError error;
        error.message =
            QStringLiteral("Bad type of input PageSize, expected type integer, got type %1.")
                .arg(got);
        error.code = QStringLiteral("GRAPHQL_VALIDATION_FAILED");
        return error;
    }
    if (requested < 0 || requested > maxPageSize) {
        return KiliError::make(
            QStringLiteral("invalidPageSize"),
            QStringLiteral("The page size must be between 0 and %1, got %2.")
                .arg(maxPageSize)
                .arg(static_cast<qint64>(requested)),
            QStringLiteral("%1 asked for first: %2; ask for at most %3 items per call and page "
                           "with skip")
                .arg(field.fieldName)
                .arg(static_cast<qint64>(requested))
                .arg(maxPageSize));
    }
    const int skipValue = field.arguments.value(QLatin1String("skip")).toInt(0);
    if (skipValue < 0) {
        return KiliError::make(
            QStringLiteral("invalidSkip"),
            QStringLiteral("skip must not be negative, got %1.").arg(skipValue),
            QStringLiteral("%1 was called with skip: %2").arg(field.fieldName).arg(skipValue));
    }
    *first = static_cast<int>(requested);
    *skip = skipValue;
    return std::nullopt;
}

void registerAccountResolvers(graphql::Executor& executor, SandboxStores& stores) {
    const auto viewer = [](const FieldContext& field) {
        return ResolveResult{request(field).viewer.toJson(), std::nullopt};
    };
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("viewer"), viewer);
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("me"), viewer);
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("getUser"), [&stores](const FieldContext& field) {
            const QString email = field.arguments.value(QLatin1String("email")).toString();
            const QList<qint64> users = stores.accounts.usersNamed({email});
            if (users.isEmpty())
                return ResolveResult{QJsonValue::Null, std::nullopt};
            return ResolveResult{stores.accounts.userBySeq(users.first())->toJson(), std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("users"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            const QList<UserRecord> users = stores.accounts.matchingUsers(
                field.arguments.value(QLatin1String("where")).toObject(),
                request(field).viewer.organizationId);
            QJsonArray out;
            for (const UserRecord& user : users.mid(skip, first))
                out.append(user.toJson());
            return ResolveResult{out, std::nullopt};
        });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("countUsers"),
                         [&stores](const FieldContext& field) {
                             const QList<UserRecord> users = stores.accounts.matchingUsers(
                                 field.arguments.value(QLatin1String("where")).toObject(),
                                 request(field).viewer.organizationId);
                             return ResolveResult{int(users.size()), std::nullopt};
                         });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("apiKeys"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            QJsonArray keys;
            QString problem;
            if (!stores.accounts.apiKeys(field.arguments.value(QLatin1String("where")).toObject(),
                                         first, skip, request(field).viewer.seq, &keys, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{keys, std::nullopt};
        });
    executor.setResolver(QStringLiteral("Query"), QStringLiteral("countApiKeys"),
                         [&stores](const FieldContext& field) {
                             int count = 0;
                             QString problem;
                             if (!stores.accounts.countApiKeys(
                                     field.arguments.value(QLatin1String("where")).toObject(),
                                     request(field).viewer.seq, &count, &problem))
                                 return failFilter(field.fieldName, problem);
                             return ResolveResult{count, std::nullopt};
                         });
}

} // namespace kili::sandbox::resolve
