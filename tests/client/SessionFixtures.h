#pragma once

// Sessions as the server sends them, for the model tests.

#include "core/ApiTypes.h"

#include <QDateTime>
#include <QString>

namespace testsupport {

inline vigie::TimePoint timePoint(const QDateTime& t)
{
    return vigie::TimePoint(std::chrono::milliseconds(t.toMSecsSinceEpoch()));
}

struct SessionSpec
{
    QString id;
    bool current = false;
    qint64 idleSeconds = 0; // last activity this long before `now`
    QString browser = QStringLiteral("Firefox");
    QString browserVersion = QStringLiteral("128.0");
    QString os = QStringLiteral("Windows");
    QString deviceType = QStringLiteral("desktop");
    QString ip = QStringLiteral("203.0.113.7");
    QString city = QStringLiteral("Paris");
    QString country = QStringLiteral("France");
};

inline vigie::Session makeSession(const SessionSpec& spec, const QDateTime& now)
{
    vigie::Session s;
    s.id = spec.id.toStdString();
    s.deviceInfo.browser = spec.browser.isEmpty() ? std::nullopt : std::optional(spec.browser.toStdString());
    s.deviceInfo.browserVersion =
        spec.browserVersion.isEmpty() ? std::nullopt : std::optional(spec.browserVersion.toStdString());
    s.deviceInfo.os = spec.os.isEmpty() ? std::nullopt : std::optional(spec.os.toStdString());
    s.deviceInfo.deviceType = spec.deviceType.toStdString();
    s.deviceInfo.userAgent = "UA of " + spec.id.toStdString();
    if (!spec.ip.isEmpty())
        s.ipAddress = spec.ip.toStdString();
    if (!spec.city.isEmpty() || !spec.country.isEmpty()) {
        vigie::LocationData l;
        if (!spec.city.isEmpty())
            l.city = spec.city.toStdString();
        if (!spec.country.isEmpty())
            l.country = spec.country.toStdString();
        s.locationData = l;
    }
    s.lastActivity = timePoint(now.addSecs(-spec.idleSeconds));
    s.createdAt = timePoint(now.addDays(-3));
    s.expiresAt = timePoint(now.addDays(27));
    s.isCurrent = spec.current;
    return s;
}

// A UUID-shaped id from a small number.
inline QString sid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

} // namespace testsupport
