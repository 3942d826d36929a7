#include "schemareduction.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace kili::sandbox {

namespace {

struct Element {
    QString type;
    QString field;
    QString argument; // empty: the field itself
};

std::optional<Element> parseElement(const QString& text) {
    static const QRegularExpression form(
        QStringLiteral("^([_A-Za-z][_0-9A-Za-z]*)\\.([_A-Za-z][_0-9A-Za-z]*)"
                       "(?:\\(([_A-Za-z][_0-9A-Za-z]*)\\))?$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return Element{match.captured(1), match.captured(2), match.captured(3)};
}

// Removes the entry called `name` from `list`; false when there is none.
bool removeNamed(QJsonArray& list, const QString& name) {
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i).toObject().value(QLatin1String("name")).toString() == name) {
            list.removeAt(i);
            return true;
        }
    }
    return false;
}

bool removeArgument(QJsonArray& fields, const Element& element) {
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QJsonObject field = fields.at(i).toObject();
        if (field.value(QLatin1String("name")).toString() != element.field)
            continue;
        QJsonArray args = field.value(QLatin1String("args")).toArray();
        if (!removeNamed(args, element.argument))
            return false;
        field.insert(QLatin1String("args"), args);
        fields.replace(i, field);
        return true;
    }
    return false;
}

// Applies one element to the introspected type it names; false when it names nothing there.
bool removeFrom(QJsonObject& type, const Element& element) {
    for (const QLatin1String key : {QLatin1String("fields"), QLatin1String("inputFields")}) {
        QJsonArray list = type.value(key).toArray();
        const bool removed = element.argument.isEmpty() ? removeNamed(list, element.field)
                                                        : removeArgument(list, element);
        if (removed) {
            type.insert(key, list);
            return true;
        }
    }
    return false;
}

} // namespace

graphql::Schema withoutElements(const graphql::Schema& schema, const QStringList& elements,
                                QString* error) {
    if (elements.isEmpty())
        return schema;
    QJsonObject introspection = schema.introspect();
    QJsonObject root = introspection.value(QLatin1String("__schema")).toObject();
    QJsonArray types = root.value(QLatin1String("types")).toArray();
    for (const QString& text : elements) {
        const std::optional<Element> element = parseElement(text);
        bool applied = false;
        for (qsizetype i = 0; element && !applied && i < types.size(); ++i) {
            QJsonObject type = types.at(i).toObject();
            if (type.value(QLatin1String("name")).toString() != element->type)
                continue;
            applied = removeFrom(type, *element);
            types.replace(i, type);
        }
        if (!applied) {
            *error = QStringLiteral("\"%1\" names no field or argument of the schema; write "
                                    "Type.field or Type.field(argument), e.g. "
                                    "Mutation.appendManyLabels")
                         .arg(text);
            return {};
        }
    }
    root.insert(QLatin1String("types"), types);
    introspection.insert(QLatin1String("__schema"), root);
    return graphql::Schema::fromIntrospection(introspection, error);
}

QString sandboxVersion(const QStringList& missingElements) {
    const QString version = QStringLiteral("kili-sandbox-0.1.0");
    if (missingElements.isEmpty())
        return version;
    const QByteArray digest =
        QCryptographicHash::hash(missingElements.join(QLatin1Char(' ')).toUtf8(),
                                 QCryptographicHash::Sha1)
            .toHex()
            .left(8);
    return version + QStringLiteral("-reduced-") + QString::fromLatin1(digest);
}

} // namespace kili::sandbox
