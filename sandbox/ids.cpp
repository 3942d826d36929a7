#include "ids.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace kili::sandbox {

namespace {

void appendBase36(QString& out, quint64 value, int width) {
    static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QChar buffer[16];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = QLatin1Char(digits[value % 36]);
        value /= 36;
    }
    out.append(buffer, width);
}

} // namespace

IdGenerator::IdGenerator() {
    const quint64 pid = static_cast<quint64>(QCoreApplication::applicationPid());
    const quint64 salt = QRandomGenerator::global()->generate();
    appendBase36(m_fingerprint, (pid * 31 + salt) % (36ULL * 36 * 36 * 36), 4);
    m_counter = QRandomGenerator::global()->bounded(1000U);
}

QString IdGenerator::next() {
    QString id;
    id.reserve(25);
    id.append(QLatin1Char('c'));
    appendBase36(id, static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()), 8);
    appendBase36(id, m_counter.fetch_add(1) % (36U * 36 * 36 * 36), 4);
    id.append(m_fingerprint);
    appendBase36(id, QRandomGenerator::global()->generate64() % 2821109907456ULL, 8); // 36^8
    return id;
}

QString isoTimestamp(const QDateTime& when) {
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QString isoNow() {
    return isoTimestamp(QDateTime::currentDateTimeUtc());
}

QString generateApiKey() {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString key;
    key.reserve(40);
    for (int i = 0; i < 40; ++i)
        key.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(62)]));
    return key;
}

} // namespace kili::sandbox
