#pragma once

#include "client/ClientTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace vigie::client {

// An audit trail (GET /api/users/me/audit or /api/admin/audit), newest first as the server
// sends it: local time, what happened, who did it, from where, and why.
class AuditEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ActionColumn, ActorColumn, IpAddressColumn, ReasonColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        EventIdRole = Qt::UserRole + 1,
        TimeRole,   // QDateTime, UTC
        ActionRole, // the API's action code ("session_revoked")
        ActorUserIdRole,
        TargetUserIdRole,
        TargetSessionIdRole,
        IpAddressRole,
        ReasonRole,
        SortRole,
        EventRole, // the whole vigie::AuditEvent
    };
    Q_ENUM(Role)

    explicit AuditEventModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvents(const QList<vigie::AuditEvent>& events);
    void clear();
    std::optional<vigie::AuditEvent> event(int row) const;

    // Events by this user read "You" in the actor column.
    void setCurrentUserId(const QString& userId);
    // Known people (user id → display name or email), for the actor column.
    void setUserNames(const QHash<QString, QString>& namesById);

    // "Signed in", "Session revoked"… (an unknown code is shown as it is).
    static QString actionLabel(const QString& action);

private:
    QString actorText(const vigie::AuditEvent& event) const;
    void refreshActors();

    QList<vigie::AuditEvent> m_events;
    QString m_currentUserId;
    QHash<QString, QString> m_userNames;
};

} // namespace vigie::client
