// The Kili schema the tests run against: resources/kili-schema.graphql, read once.
#pragma once

#include "graphql/schema.h"

#include <QFile>
#include <gtest/gtest.h>

namespace kili::graphql::testing {

inline QString kiliSchemaSdl() {
    QFile file(QStringLiteral(KILI_SCHEMA_FILE));
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read " << KILI_SCHEMA_FILE;
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

inline const Schema& kiliSchema() {
    static const Schema schema = [] {
        QString error;
        Schema built = Schema::fromSdl(kiliSchemaSdl(), &error);
        EXPECT_TRUE(built.isValid()) << error.toStdString();
        return built;
    }();
    return schema;
}

} // namespace kili::graphql::testing
