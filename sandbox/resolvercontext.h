#pragma once

#include "accountstore.h"
#include "graphql/executor.h"
#include "kilierror.h"

#include <algorithm>
#include <optional>

namespace kili::sandbox {

class AssetStore;
class IssueStore;
class IssueWriter;
class LabelStore;
class LabelWriter;
class ProjectStore;

// What every resolver reaches: the stores, and the limits the server was started with.
struct SandboxStores {
    AccountStore& accounts;
    ProjectStore& projects;
    AssetStore& assets;
    LabelStore& labels;
    LabelWriter& labelWriter;
    IssueStore& issues;
    IssueWriter& issueWriter;
    int maxPageSize = 500;
};

// Per request: who is asking (the owner of the API key).
struct RequestContext {
    UserRecord viewer;
};

namespace resolve {

inline const RequestContext& request(const graphql::FieldContext& field) {
    return *static_cast<const RequestContext*>(field.context);
}

inline graphql::ResolveResult fail(const KiliError& error) {
    return graphql::ResolveResult::fromError(error.message, error.extensions());
}

// Whether a mutation's answer asks only `id` (what the SDK asks): the rows just written then need
// no read back.
inline bool selectsOnlyIds(const graphql::FieldContext& field) {
    return std::all_of(
        field.selectedFields.cbegin(), field.selectedFields.cend(), [](const QString& name) {
            return name == QLatin1String("id") || name == QLatin1String("__typename");
        });
}

// A store's sentence (bad filter, database trouble) as a Kili error on the field.
graphql::ResolveResult failFilter(const QString& field, const QString& problem);

// Reads `first` (PageSize) and `skip`, with Kili's type error for a non-integer page size and a
// Kili-style error beyond the server's maximum page size.
std::optional<KiliError> paging(const graphql::FieldContext& field, int maxPageSize, int* first,
                                int* skip);

void registerAccountResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerProjectResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerAssetResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerLabelResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerMutationResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerStorageResolvers(graphql::Executor& executor, SandboxStores& stores);
void registerIssueResolvers(graphql::Executor& executor, SandboxStores& stores);

} // namespace resolve
} // namespace kili::sandbox
