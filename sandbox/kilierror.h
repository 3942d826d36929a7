#pragma once

#include <QJsonObject>
#include <QString>

namespace kili::sandbox {

// An error as Kili reports it: message in Kili's "[errorCode] text -- This can be due to: cause |
// trace : false" form and an extensions.code (OPERATION_RESOLUTION_FAILURE unless said otherwise).
struct KiliError {
    QString message;
    QString code = QStringLiteral("OPERATION_RESOLUTION_FAILURE");
    QJsonObject context; // extensions.context, e.g. {"reason": ...}

    static KiliError make(const QString& errorCode, const QString& text, const QString& cause) {
        KiliError error;
        error.message = QStringLiteral("[%1] %2 -- This can be due to: %3 | trace : false")
                            .arg(errorCode, text, cause);
        return error;
    }

    QJsonObject extensions() const {
        QJsonObject out{{QStringLiteral("code"), code}};
        if (!context.isEmpty())
            out.insert(QStringLiteral("context"), context);
        return out;
    }
};

} // namespace kili::sandbox
