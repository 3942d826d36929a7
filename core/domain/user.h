#pragma once

#include <QJsonObject>
#include <QString>

namespace kili {

struct User {
    QString id;
    QString email;
    QString firstname;
    QString lastname;

    // "Firstname Lastname", or the email when the user has no name.
    QString displayName() const;
    static User fromJson(const QJsonObject& json);
};

} // namespace kili
