#pragma once

#include "core/ApiTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace vigie::client {

// How a session reads in the UI: friendly names, "Firefox 128 on Windows", the place, relative
// times. Shared by the models and the details pane; every sentence goes through tr().
class SessionDisplay
{
    Q_DECLARE_TR_FUNCTIONS(SessionDisplay)

public:
    // uap-core family names made friendlier: "Chrome Mobile" → "Chrome", "Mac OS X" → "macOS".
    static QString friendlyBrowserName(const QString& family);
    static QString friendlyOsName(const QString& family);

    // "Firefox 128 on Windows"; browsers show their major version, apps (device_type "app",
    // such as Vigie itself) their full version.
    static QString clientDescription(const vigie::DeviceInfo& device);
    // "Apple iPhone", or the kind of device: "Computer", "Phone", "Tablet", "Desktop app"…
    static QString deviceDescription(const vigie::DeviceInfo& device);
    static QString deviceTypeLabel(const QString& deviceType);

    // The user's own name for a session (API v1.1), trimmed; empty when it has none.
    static QString sessionName(const std::optional<std::string>& name);
    // The one rule for naming a session in words: the user's name first, then its browser and
    // system ("Work laptop · Chrome 131 on Windows"); without a name, "Chrome 131 on Windows".
    // The details pane, confirmations, messages, exports and the activity all use it.
    static QString sessionDescription(const std::optional<std::string>& name,
                                      const vigie::DeviceInfo& device);
    static QString sessionDescription(const vigie::Session& session);
    // The list's first column: the user's name for it, else what kind of device it is.
    static QString deviceLabel(const vigie::Session& session);

    // "Paris, France"; "Local network" for loopback and private addresses; "Unknown location".
    static QString locationDescription(const vigie::Session& session);
    static QString locationDescription(const std::optional<vigie::LocationData>& location,
                                       const QString& ip = {});
    // What an audit event was about, in a few words: "Chrome 128 on Windows, Paris", with the
    // user's name for it first when there is one: "Work laptop (Firefox 128 on Linux), Lyon".
    static QString targetDescription(const vigie::TargetSession& target);
    // A session's unusual-sign-in flags as short badges: "New device", "New country"; an
    // unknown flag has none.
    static QString flagLabel(std::string_view flag);
    // The unusual-sign-in flags shown for a session: none on this device's own row.
    static bool showsFlag(const vigie::Session& session, std::string_view flag);
    static QStringList flagLabels(const vigie::Session& session);
    // Where the session was last seen, "Berlin, Germany (198.51.100.4)", when that differs from
    // where it signed in (another address); empty otherwise or from a v1 server.
    static QString lastSeenDescription(const vigie::Session& session);
    // Loopback, private (RFC 1918, fc00::/7), link-local and shared (100.64.0.0/10) addresses.
    static bool isLocalNetworkAddress(const QString& ip);

    // "Active now" (under 2 minutes), "5 minutes ago", "3 hours ago", "Yesterday", then the date.
    static QString relativeTime(const QDateTime& time, const QDateTime& now,
                                const QLocale& locale = QLocale());
    // How long to wait, the way people say it: "12 seconds", "about 15 minutes", "about 2 hours".
    static QString waitDuration(int seconds);
    // The exact local date and time, for tooltips.
    static QString exactTime(const QDateTime& time, const QLocale& locale = QLocale());
    // The local date and time, short.
    static QString shortDateTime(const QDateTime& time, const QLocale& locale = QLocale());
};

} // namespace vigie::client
