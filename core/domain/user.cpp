#include "domain/user.h"

namespace kili {

QString User::displayName() const {
    const QString name = QString(firstname + QLatin1Char(' ') + lastname).trimmed();
    return name.isEmpty() ? email : name;
}

User User::fromJson(const QJsonObject& json) {
    User user;
    user.id = json.value(QLatin1String("id")).toString();
    user.email = json.value(QLatin1String("email")).toString();
    user.firstname = json.value(QLatin1String("firstname")).toString();
    user.lastname = json.value(QLatin1String("lastname")).toString();
    return user;
}

} // namespace kili
