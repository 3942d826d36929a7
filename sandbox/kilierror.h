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

    // Kili's refusal of a write on something that does not exist or is not the caller's;
    // `detail` names it ("labels not found: ...").
    static KiliError accessDenied(const QString& detail) {
        return make(QStringLiteral("accessDenied"),
                    QStringLiteral("Access denied. Please verify your credentials or contact Kili "
                                   "support."),
                    QStringLiteral("The data you are trying to mutate does not exist or is not "
                                   "accessible (%1)")
                        .arg(detail));
    }

    // The database failed while a write saved `what` ("the labels"); `cause` is its reason.
    static KiliError saveFailed(const QString& what, const QString& cause) {
        KiliError error = make(QStringLiteral("unexpectedRetrieving"),
                               QStringLiteral("The sandbox could not save %1.").arg(what), cause);
        error.code = QStringLiteral("INTERNAL_SERVER_ERROR");
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
