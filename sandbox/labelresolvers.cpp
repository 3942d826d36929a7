// labels / countLabels and the Label fields that point elsewhere (labelOf, referencedLabel).
#include "assetstore.h"
#include "labelstore.h"
#include "resolvercontext.h"

#include <QJsonArray>

namespace kili::sandbox::resolve {

using graphql::FieldContext;
using graphql::ResolveResult;

void registerLabelResolvers(graphql::Executor& executor, SandboxStores& stores) {
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("labels"), [&stores](const FieldContext& field) {
            int first = 0;
            int skip = 0;
            if (const auto error = paging(field, stores.maxPageSize, &first, &skip))
                return fail(*error);
            QJsonArray labels;
            QString problem;
            if (!stores.labels.page(field.arguments.value(QLatin1String("where")).toObject(), first,
                                    skip, &labels, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{labels, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Query"), QStringLiteral("countLabels"),
        [&stores](const FieldContext& field) {
            int count = 0;
            QString problem;
            if (!stores.labels.count(field.arguments.value(QLatin1String("where")).toObject(),
                                     &count, &problem))
                return failFilter(field.fieldName, problem);
            return ResolveResult{count, std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Label"), QStringLiteral("labelOf"), [&stores](const FieldContext& field) {
            QString problem;
            const auto asset = stores.assets.byId(
                field.parent.toObject().value(QLatin1String("assetId")).toString(), &problem);
            return ResolveResult{asset ? QJsonValue(*asset) : QJsonValue(), std::nullopt};
        });
    executor.setResolver(
        QStringLiteral("Label"), QStringLiteral("referencedLabel"),
        [&stores](const FieldContext& field) {
            const QJsonValue id = field.parent.toObject().value(QLatin1String("referencedLabelId"));
            if (!id.isString())
                return ResolveResult{QJsonValue::Null, std::nullopt};
            const auto label = stores.labels.byId(id.toString());
            return ResolveResult{label ? QJsonValue(*label) : QJsonValue(), std::nullopt};
        });
}

} // namespace kili::sandbox::resolve
