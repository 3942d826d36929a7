#pragma once

#include <QLoggingCategory>

namespace kili::api {
Q_DECLARE_LOGGING_CATEGORY(lcApi)
} // namespace kili::api
