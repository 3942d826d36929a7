#include "api/logging.h"

namespace kili::api {
Q_LOGGING_CATEGORY(lcApi, "kili.api", QtInfoMsg)
} // namespace kili::api
