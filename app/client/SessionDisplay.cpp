#include "client/SessionDisplay.h"

#include "client/ClientTypes.h"
#include "client/Plural.h"

#include <QHostAddress>
#include <algorithm>

namespace vigie::client {

namespace {

QString majorVersion(const QString& version)
{
    return version.section(QLatin1Char('.'), 0, 0);
}

} // namespace

QString SessionDisplay::friendlyBrowserName(const QString& family)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("Chrome Mobile"), QStringLiteral("Chrome")},
        {QStringLiteral("Chrome Mobile iOS"), QStringLiteral("Chrome")},
        {QStringLiteral("Chrome Mobile WebView"), QStringLiteral("Chrome WebView")},
        {QStringLiteral("Mobile Safari"), QStringLiteral("Safari")},
        {QStringLiteral("Mobile Safari UI/WKWebView"), QStringLiteral("Safari")},
        {QStringLiteral("Firefox Mobile"), QStringLiteral("Firefox")},
        {QStringLiteral("Firefox iOS"), QStringLiteral("Firefox")},
        {QStringLiteral("Edge Mobile"), QStringLiteral("Edge")},
        {QStringLiteral("Opera Mobile"), QStringLiteral("Opera")},
    };
    return names.value(family, family);
}

QString SessionDisplay::friendlyOsName(const QString& family)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("Mac OS X"), QStringLiteral("macOS")},
        {QStringLiteral("Mac OS"), QStringLiteral("macOS")},
    };
    return names.value(family, family);
}

QString SessionDisplay::clientDescription(const DeviceInfo& device)
{
    QString browser;
    if (device.browser) {
        browser = friendlyBrowserName(qs(device.browser));
        if (device.browserVersion && !device.browserVersion->empty())
            browser +=
                QLatin1Char(' ') + (device.deviceType == "app" ? qs(device.browserVersion)
                                                               : majorVersion(qs(device.browserVersion)));
    }
    const QString os = device.os ? friendlyOsName(qs(device.os)) : QString();
    if (!browser.isEmpty() && !os.isEmpty())
        return tr("%1 on %2", "browser on operating system").arg(browser, os);
    if (!browser.isEmpty())
        return browser;
    if (!os.isEmpty())
        return os;
    return tr("Unknown browser");
}

QString SessionDisplay::deviceTypeLabel(const QString& deviceType)
{
    if (deviceType == QLatin1String("desktop"))
        return tr("Computer");
    if (deviceType == QLatin1String("mobile"))
        return tr("Phone");
    if (deviceType == QLatin1String("tablet"))
        return tr("Tablet");
    if (deviceType == QLatin1String("bot"))
        return tr("Bot");
    if (deviceType == QLatin1String("app"))
        return tr("Desktop app");
    return tr("Unknown device");
}

QString SessionDisplay::deviceDescription(const DeviceInfo& device)
{
    const QString brand = qs(device.deviceBrand);
    const QString model = qs(device.deviceModel);
    if (!model.isEmpty()) {
        if (brand.isEmpty() || model.startsWith(brand, Qt::CaseInsensitive))
            return model;
        return brand + QLatin1Char(' ') + model;
    }
    return deviceTypeLabel(QString::fromStdString(device.deviceType));
}

QString SessionDisplay::sessionName(const std::optional<std::string>& name)
{
    return qs(name).simplified();
}

QString SessionDisplay::sessionDescription(const std::optional<std::string>& name, const DeviceInfo& device)
{
    const QString client = clientDescription(device);
    const QString own = sessionName(name);
    if (own.isEmpty())
        return client;
    return tr("%1 · %2", "the user's name for a session · its browser and system").arg(own, client);
}

QString SessionDisplay::sessionDescription(const Session& session)
{
    return sessionDescription(session.name, session.deviceInfo);
}

QString SessionDisplay::deviceLabel(const Session& session)
{
    const QString own = sessionName(session.name);
    return own.isEmpty() ? deviceDescription(session.deviceInfo) : own;
}

bool SessionDisplay::isLocalNetworkAddress(const QString& ip)
{
    QHostAddress address;
    if (!address.setAddress(ip))
        return false;
    bool isV4 = false;
    const QHostAddress v4(address.toIPv4Address(&isV4));
    const QHostAddress& a = isV4 ? v4 : address;
    if (a.isLoopback() || a.isLinkLocal() || a.isSiteLocal() || a.isUniqueLocalUnicast())
        return true;
    if (!isV4)
        return false;
    static const QList<QPair<QHostAddress, int>> privateV4{
        QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
        QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
        QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
    };
    for (const auto& subnet : privateV4)
        if (a.isInSubnet(subnet))
            return true;
    return false;
}

QString SessionDisplay::locationDescription(const Session& session)
{
    return locationDescription(session.locationData, qs(session.ipAddress));
}

QString SessionDisplay::locationDescription(const std::optional<LocationData>& location, const QString& ip)
{
    if (location) {
        const LocationData& l = *location;
        const QString place = !qs(l.city).isEmpty() ? qs(l.city) : qs(l.region);
        const QString country = qs(l.country);
        if (!place.isEmpty() && !country.isEmpty())
            return tr("%1, %2", "city, country").arg(place, country);
        if (!place.isEmpty())
            return place;
        if (!country.isEmpty())
            return country;
    }
    if (!ip.isEmpty() && isLocalNetworkAddress(ip))
        return tr("Local network");
    return tr("Unknown location");
}

QString SessionDisplay::flagLabel(std::string_view flag)
{
    if (flag == session::kFlagNewDevice)
        return tr("New device", "badge of a session signed in from a device not seen before");
    if (flag == session::kFlagNewCountry)
        return tr("New country", "badge of a session signed in from a new country");
    return {}; // a flag of a later version
}

bool SessionDisplay::showsFlag(const Session& session, std::string_view flag)
{
    // This device's own sign-in is the user's: its flags are no news to them.
    return !session.isCurrent &&
           std::find(session.flags.begin(), session.flags.end(), flag) != session.flags.end();
}

QStringList SessionDisplay::flagLabels(const Session& session)
{
    QStringList labels;
    if (session.isCurrent)
        return labels; // see showsFlag
    for (const std::string& flag : session.flags) {
        const QString label = flagLabel(flag);
        if (!label.isEmpty())
            labels.append(label);
    }
    return labels;
}

QString SessionDisplay::lastSeenDescription(const Session& session)
{
    if (!session.lastIpAddress || session.lastIpAddress == session.ipAddress)
        return {};
    const QString ip = qs(session.lastIpAddress);
    return tr("%1 (%2)", "place (IP address)").arg(locationDescription(session.lastLocationData, ip), ip);
}

QString SessionDisplay::targetDescription(const TargetSession& target)
{
    const QString what = sessionDescription(target.name, target.deviceInfo);
    // The city alone reads better in a sentence than "Paris, France"; the country when the
    // city is not known.
    QString place;
    if (target.locationData) {
        const LocationData& l = *target.locationData;
        place = !qs(l.city).isEmpty() ? qs(l.city) : !qs(l.region).isEmpty() ? qs(l.region) : qs(l.country);
    }
    if (place.isEmpty())
        return what;
    return tr("%1, %2", "browser on system, place").arg(what, place);
}

QString SessionDisplay::relativeTime(const QDateTime& time, const QDateTime& now, const QLocale& locale)
{
    if (!time.isValid())
        return {};
    const qint64 seconds = time.secsTo(now);
    if (seconds < 120) // includes a server clock slightly ahead of ours
        return tr("Active now");
    if (seconds < 3600)
        return resolvePlural(tr("%n minute(s) ago", nullptr, int(seconds / 60)), int(seconds / 60));
    if (seconds < 24 * 3600)
        return resolvePlural(tr("%n hour(s) ago", nullptr, int(seconds / 3600)), int(seconds / 3600));
    const QDate day = time.toLocalTime().date();
    if (day == now.toLocalTime().date().addDays(-1))
        return tr("Yesterday");
    return locale.toString(day, QLocale::ShortFormat);
}

QString SessionDisplay::waitDuration(int seconds)
{
    seconds = qMax(1, seconds);
    if (seconds < 60)
        return resolvePlural(tr("%n second(s)", nullptr, seconds), seconds);
    // Rounded to the nearest, so a Retry-After of 880 s reads "about 15 minutes".
    const int minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return resolvePlural(tr("about %n minute(s)", nullptr, minutes), minutes);
    const int hours = (minutes + 30) / 60;
    return resolvePlural(tr("about %n hour(s)", nullptr, hours), hours);
}

QString SessionDisplay::exactTime(const QDateTime& time, const QLocale& locale)
{
    return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::LongFormat) : QString();
}

QString SessionDisplay::shortDateTime(const QDateTime& time, const QLocale& locale)
{
    return time.isValid() ? locale.toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace vigie::client
