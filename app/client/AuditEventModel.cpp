#include "client/AuditEventModel.h"

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
    return action;
}

QString AuditEventModel::actorText(const vigie::AuditEvent& event) const
{
    if (!event.actorUserId)
        return event.action == "session_expired" ? tr("System") : tr("Unknown");
    const QString id = qs(event.actorUserId);
    if (!m_currentUserId.isEmpty() && id.compare(m_currentUserId, Qt::CaseInsensitive) == 0)
        return tr("You");
    return m_userNames.value(id, id);
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
            return actionLabel(qs(e.action));
        case ActorColumn:
            return actorText(e);
        case IpAddressColumn:
            return qs(e.ipAddress);
        case ReasonColumn:
            return qs(e.reason);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return SessionDisplay::exactTime(at);
        if (index.column() == ActionColumn && e.targetSessionId)
            return tr("Session %1").arg(qs(e.targetSessionId));
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
    case ReasonColumn:
        return tr("Reason");
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
