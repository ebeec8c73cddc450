#include "client/AccountAlerts.h"

#include "client/AuditEventModel.h"
#include "client/Plural.h"
#include "client/SessionDisplay.h"
#include "core/AuditActions.h"

namespace vigie::client {

void AccountAlerts::setOwnSessionId(const QString& sessionId)
{
    m_ownSessionId = sessionId;
}

bool AccountAlerts::isOwnSession(const std::optional<std::string>& sessionId) const
{
    return sessionId && !m_ownSessionId.isEmpty() &&
           qs(sessionId).compare(m_ownSessionId, Qt::CaseInsensitive) == 0;
}

QString AccountAlerts::signInSummary(const Session& session, const QDateTime& at, const QLocale& locale)
{
    const QString what = SessionDisplay::sessionDescription(session.name, session.deviceInfo);
    return tr("%1, %2 — %3", "new sign-in: device, place — time")
        .arg(what, SessionDisplay::locationDescription(session),
             locale.toString(at.toLocalTime().time(), QLocale::ShortFormat));
}

QString AccountAlerts::flagsDescription(const Session& session)
{
    QStringList words;
    for (const std::string& flag : session.flags) {
        if (flag == session::kFlagNewCountry) {
            const QString country = session.locationData ? qs(session.locationData->country) : QString();
            words.append(country.isEmpty() ? tr("first time from this country")
                                           : tr("first time from %1", "a country").arg(country));
        } else if (flag == session::kFlagNewDevice) {
            words.append(tr("a device not seen before"));
        }
    }
    return words.join(tr(", ", "between flags"));
}

std::optional<Alert> AccountAlerts::alertFor(const AccountEvent& accountEvent)
{
    const AuditEvent& event = accountEvent.event;
    Alert alert;
    alert.eventId = qs(event.id);
    alert.sessionId = qs(event.targetSessionId).toLower();
    const QDateTime at = toDateTime(event.at);

    if (event.action == audit_action::kLogin) {
        if (isOwnSession(event.targetSessionId) || !accountEvent.session)
            return std::nullopt; // this device, or a session already gone by the time it is read
        const Session& session = *accountEvent.session;
        alert.kind = Alert::Kind::NewSignIn;
        alert.sessionId = qs(session.id).toLower();
        alert.title = tr("New sign-in");
        alert.body = signInSummary(session, at, m_locale);
        const QString flags = flagsDescription(session);
        if (!flags.isEmpty())
            alert.body += QLatin1Char('\n') + flags.left(1).toUpper() + flags.mid(1);
        return alert;
    }
    if (AuditEventModel::isSupportSignOut(event)) {
        if (isOwnSession(event.targetSessionId))
            return std::nullopt; // this device is signed out, and its window says so
        alert.kind = Alert::Kind::SignedOutBySupport;
        alert.title = tr("Signed out by support");
        const QString what = event.targetSession ? SessionDisplay::targetDescription(*event.targetSession)
                                                 : tr("One of your sessions");
        const QString reason = qs(event.reason).simplified();
        alert.body = reason.isEmpty() ? tr("%1 was signed out by support.").arg(what)
                                      : tr("%1 was signed out by support: %2").arg(what, reason);
        return alert;
    }
    if (event.action == audit_action::kRefreshReuse) {
        alert.kind = Alert::Kind::TokenReuse;
        alert.title = tr("Session ended for safety");
        alert.body = tr("A copy of a sign-in token was used; that session was ended.");
        if (event.targetSession)
            alert.body += QLatin1Char(' ') + SessionDisplay::targetDescription(*event.targetSession);
        return alert;
    }
    if (event.action == audit_action::kLoginFailed)
        return failedSignIn(event);
    return std::nullopt;
}

std::optional<Alert> AccountAlerts::failedSignIn(const AuditEvent& event)
{
    // A wrong password typed on this device (re-authentication) is the user's own doing.
    if (isOwnSession(event.targetSessionId))
        return std::nullopt;
    const QDateTime at = toDateTime(event.at);
    m_failures.append(at);
    while (!m_failures.isEmpty() && m_failures.first().secsTo(at) >= kFailureWindowSeconds)
        m_failures.removeFirst();
    if (m_failures.size() < kFailureThreshold)
        return std::nullopt;
    if (m_lastFailureAlert.isValid() && m_lastFailureAlert.secsTo(at) < kFailureWindowSeconds)
        return std::nullopt;
    m_lastFailureAlert = at;
    Alert alert;
    alert.kind = Alert::Kind::FailedSignIns;
    alert.eventId = qs(event.id);
    alert.title = tr("Failed sign-ins");
    const int count = int(m_failures.size());
    alert.body =
        resolvePlural(tr("%n failed sign-in(s) to your account in the last 15 minutes. If it was not "
                         "you, change your password.",
                         nullptr, count),
                      count);
    return alert;
}

} // namespace vigie::client
