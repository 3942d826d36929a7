// What the asset tree shows: the server-side filter plus the label criteria the API cannot
// filter on (model name), which only narrow the labels shown under each asset.
#pragma once

#include "api/filters.h"
#include "domain/label.h"

namespace kili::ui {

struct AssetQuery {
    api::AssetFilter filter;
    // Labels whose modelName contains this text (case-insensitive); the API has no such where
    // field, so it applies to the labels shown, not to which assets are listed.
    QString modelName;

    // Whether a label of a listed asset is shown under it: it matches the label types, authors
    // and model name asked for (an asset matched by one label still carries all of them).
    bool shows(const Label& label) const;
    bool filtersLabels() const;
    // The filters that narrow which assets are listed, for a person: "label type PREDICTION,
    // external ID contains "car"". Empty when every asset of the project is listed.
    QStringList describeAssetFilters() const;

    // Same server query (same AssetWhere) and same label narrowing. Not defaulted: AssetFilter
    // has no operator==, and its where object is what the server sees anyway.
    friend bool operator==(const AssetQuery& a, const AssetQuery& b) {
        return a.modelName == b.modelName && a.filter.toWhere() == b.filter.toWhere();
    }
};

} // namespace kili::ui
