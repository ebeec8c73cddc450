#pragma once

#include "client/ClientTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QString>
#include <optional>

namespace vigie::client {

// What the user is told about right away, as a desktop notification.
struct Alert
{
    enum class Kind {
        NewSignIn, // a sign-in that is not this device: "It was me" / "Not me – sign it out"
        SignedOutBySupport,
        TokenReuse,    // a copy of a refresh token was used; the server ended that session
        FailedSignIns, // several wrong passwords in a short time
    };

    Kind kind = Kind::NewSignIn;
    QString eventId;   // the audit event it comes from
    QString sessionId; // the session concerned, when there is one
    QString title;     // "New sign-in"
    QString body;      // "Chrome 131 on Windows, Berlin, Germany — 14:02" and the flags in words

    bool offersRevoke() const { return kind == Kind::NewSignIn && !sessionId.isEmpty(); }
};

// Which account events become alerts, and their wording (API.md v1.1 events stream):
// - a login whose session is not this device's;
// - a session signed out by support (with the reason staff gave);
// - refresh-token reuse ("a copy of a sign-in token was used; that session was ended");
// - failed sign-ins: one alert when kFailureThreshold of them fall within kFailureWindow (the
//   server's own throttle is 5 in 15 minutes), then none for that account until the window
//   has passed since that alert, so a password-guessing burst is one notification, not fifty.
// Nothing this device did itself is an alert: its own sign-in, its own re-authentication.
// Times come from the events, so a replay after a reconnection counts the same.
class AccountAlerts
{
    Q_DECLARE_TR_FUNCTIONS(AccountAlerts)

public:
    static constexpr int kFailureThreshold = 3;
    static constexpr int kFailureWindowSeconds = 15 * 60;

    // ownSessionId: this device's session.
    void setOwnSessionId(const QString& sessionId);
    void setLocale(const QLocale& locale) { m_locale = locale; }

    std::optional<Alert> alertFor(const vigie::AccountEvent& event);

    // "Chrome 131 on Windows, Berlin, Germany — 14:02" (local time in the user's locale).
    static QString signInSummary(const vigie::Session& session, const QDateTime& at, const QLocale& locale);
    // The session's flags in words ("first time from Germany", "a device not seen before"),
    // joined; empty without flags.
    static QString flagsDescription(const vigie::Session& session);

private:
    bool isOwnSession(const std::optional<std::string>& sessionId) const;
    std::optional<Alert> failedSignIn(const vigie::AuditEvent& event);

    QString m_ownSessionId;
    QLocale m_locale;
    QList<QDateTime> m_failures; // within the window, oldest first
    QDateTime m_lastFailureAlert;
};

} // namespace vigie::client
