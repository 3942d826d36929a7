#pragma once

#include "domain/labeltype.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kili::api {

// Which assets to read; empty members do not filter. toWhere() gives the AssetWhere the API takes.
struct AssetFilter {
    QString projectId;
    QStringList ids;                   // idIn
    QStringList externalIdsStrictlyIn; // exact external ids (resolution of external ids)
    QStringList externalIdContains;    // externalIdIn: partial match
    QStringList statuses;              // statusIn: TODO, ONGOING, LABELED, TO_REVIEW, REVIEWED
    QStringList stepStatuses;          // stepStatusIn (workflow V2)
    QDate createdAtGte;
    QDate createdAtLte;
    // Label sub-filter: an asset matches when one of its labels matches all of these.
    QList<kili::LabelType> labelTypes;
    QStringList labelAuthors; // label.authorIn (first name, last name or both)

    QJsonObject toWhere() const;
};

// Which labels to read. Kili always scopes labels by project.
struct LabelFilter {
    QString projectId;
    QStringList ids;
    QList<kili::LabelType> labelTypes;
    QString assetId;              // labels of one asset
    QStringList assetExternalIds; // asset.externalIdStrictlyIn
    QStringList authors;          // authorIn
    QString userId;               // user: {id}
    QDate createdAtGte;
    QDate createdAtLte;

    QJsonObject toWhere() const;
};

// Which projects to read.
struct ProjectFilter {
    QString projectId;
    // Words to look for in title or description; sent as the ILIKE pattern %text%.
    QString searchText;
    bool includeArchived = true;

    QJsonObject toWhere() const;
};

} // namespace kili::api
