#include "client/AuditEventModel.h"

#include "client/Plural.h"
#include "client/SessionDisplay.h"

namespace vigie::client {

AuditEventModel::AuditEventModel(QObject* parent) : QAbstractTableModel(parent) {}

int AuditEventModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditEventModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditEventModel::actionLabel(const QString& action)
{
    if (action == QLatin1String("login"))
        return tr("Signed in");
    if (action == QLatin1String("login_failed"))
        return tr("Failed sign-in attempt");
    if (action == QLatin1String("refresh"))
        return tr("Sign-in renewed");
    if (action == QLatin1String("refresh_reuse"))
        return tr("Stolen sign-in token detected; session ended");
    if (action == QLatin1String("reauthenticated"))
        return tr("Password confirmed");
    if (action == QLatin1String("logout"))
        return tr("Signed out");
    if (action == QLatin1String("session_revoked"))
        return tr("Session revoked");
    if (action == QLatin1String("other_sessions_revoked"))
        return tr("Signed out of other sessions");
    if (action == QLatin1String("support_lookup"))
        return tr("Looked up by support");
    if (action == QLatin1String("session_expired"))
        return tr("Session expired");
    if (action == QLatin1String("session_renamed"))
        return tr("Device renamed");
    if (action == QLatin1String("settings_changed"))
        return tr("Security settings changed");
    if (action == QLatin1String("password_changed"))
        return tr("Password changed");
    return action;
}

bool AuditEventModel::isSupportSignOut(const vigie::AuditEvent& event)
{
    return event.action == "session_revoked" && event.actorUserId && event.targetUserId &&
           qs(event.actorUserId).compare(qs(event.targetUserId), Qt::CaseInsensitive) != 0;
}

QString AuditEventModel::eventLabel(const vigie::AuditEvent& event)
{
    if (isSupportSignOut(event))
        return tr("Signed out by support");
    return actionLabel(qs(event.action));
}

QString AuditEventModel::supportSignOutMessage(const QList<vigie::AuditEvent>& events, const QLocale& locale)
{
    if (events.isEmpty())
        return {};
    const vigie::AuditEvent& latest = events.first();
    const QDateTime at = toDateTime(latest.at).toLocalTime();
    const QString date = locale.toString(at.date(), QLocale::LongFormat);
    const QString time = locale.toString(at.time(), QLocale::ShortFormat);
    if (events.size() > 1) {
        const int n = int(events.size());
        return resolvePlural(
            tr("%n session(s) on your account were signed out by support, the latest on %1 at %2.", nullptr,
               n)
                .arg(date, time),
            n);
    }
    const QString reason = qs(latest.reason).simplified();
    if (reason.isEmpty())
        return tr("A session on your account was signed out by support on %1 at %2.").arg(date, time);
    return tr("A session on your account was signed out by support on %1 at %2. Reason given: “%3”.")
        .arg(date, time, reason);
}

QString AuditEventModel::reasonText(const vigie::AuditEvent& event)
{
    // Look-ups carry the server's own words for what staff looked at; say them in the user's
    // language. Reasons typed by staff are shown as written.
    const QString reason = qs(event.reason);
    if (event.action == "support_lookup") {
        if (reason == QLatin1String("user search"))
            return tr("Searched for the account");
        if (reason == QLatin1String("sessions viewed"))
            return tr("Viewed the sessions");
        if (reason == QLatin1String("audit viewed"))
            return tr("Viewed the activity");
    }
    // A wrong password when the app asked for it again before a sensitive action.
    if (event.action == "login_failed" && reason == QLatin1String("reauthenticate"))
        return tr("Wrong password when confirming it again");
    return reason;
}

QString AuditEventModel::targetText(const vigie::AuditEvent& event)
{
    return event.targetSession ? SessionDisplay::targetDescription(*event.targetSession) : QString();
}

QString AuditEventModel::detailsText(const vigie::AuditEvent& event)
{
    const QString target = targetText(event);
    const QString reason = reasonText(event);
    if (target.isEmpty())
        return reason;
    if (reason.isEmpty())
        return target;
    return tr("%1 — %2", "which device an event was about — its reason").arg(target, reason);
}

QString AuditEventModel::actorText(const vigie::AuditEvent& event) const
{
    if (!event.actorUserId)
        return event.action == "session_expired" ? tr("System") : tr("Unknown");
    const QString id = qs(event.actorUserId);
    if (!m_currentUserId.isEmpty() && id.compare(m_currentUserId, Qt::CaseInsensitive) == 0)
        return tr("You");
    if (const auto name = m_userNames.constFind(id); name != m_userNames.constEnd())
        return *name;
    // Someone acting on another account is staff; the user's own trail names them no further.
    if (event.targetUserId && id.compare(qs(event.targetUserId), Qt::CaseInsensitive) != 0)
        return tr("Support staff");
    return id;
}

QVariant AuditEventModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const vigie::AuditEvent& e = m_events.at(index.row());
    const QDateTime at = toDateTime(e.at);
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return role == SortRole ? QVariant(at.toMSecsSinceEpoch())
                                    : QVariant(SessionDisplay::shortDateTime(at));
        case ActionColumn:
            return eventLabel(e);
        case ActorColumn:
            return actorText(e);
        case IpAddressColumn:
            return qs(e.ipAddress);
        case DetailsColumn:
            return detailsText(e);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return SessionDisplay::exactTime(at);
        if (index.column() == ActionColumn && e.targetSessionId)
            return tr("Session %1").arg(qs(e.targetSessionId));
        if (index.column() == ActorColumn && e.actorUserId)
            return tr("User %1").arg(qs(e.actorUserId));
        return data(index, Qt::DisplayRole);
    case EventIdRole:
        return qs(e.id);
    case TimeRole:
        return at;
    case ActionRole:
        return qs(e.action);
    case ActorUserIdRole:
        return qs(e.actorUserId);
    case TargetUserIdRole:
        return qs(e.targetUserId);
    case TargetSessionIdRole:
        return qs(e.targetSessionId);
    case IpAddressRole:
        return qs(e.ipAddress);
    case ReasonRole:
        return qs(e.reason);
    case EventRole:
        return QVariant::fromValue(e);
    case TargetRole:
        return targetText(e);
    default:
        return {};
    }
}

QVariant AuditEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Event");
    case ActorColumn:
        return tr("By");
    case IpAddressColumn:
        return tr("IP address");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

void AuditEventModel::setEvents(const QList<vigie::AuditEvent>& events)
{
    // An audit trail is read, not selected and edited; a reset is fine here.
    beginResetModel();
    m_events = events;
    endResetModel();
}

void AuditEventModel::clear()
{
    setEvents({});
}

std::optional<vigie::AuditEvent> AuditEventModel::event(int row) const
{
    if (row < 0 || row >= m_events.size())
        return std::nullopt;
    return m_events.at(row);
}

void AuditEventModel::setCurrentUserId(const QString& userId)
{
    m_currentUserId = userId;
    refreshActors();
}

void AuditEventModel::setUserNames(const QHash<QString, QString>& namesById)
{
    m_userNames = namesById;
    refreshActors();
}

void AuditEventModel::refreshActors()
{
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, ActorColumn), index(int(m_events.size()) - 1, ActorColumn));
}

} // namespace vigie::client
