#pragma once

#include "client/ClientTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QLocale>

namespace vigie::client {

// An audit trail (GET /api/users/me/audit or /api/admin/audit), newest first as the server
// sends it: local time, what happened, who did it, from where, and why.
class AuditEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ActionColumn, ActorColumn, IpAddressColumn, DetailsColumn, ColumnCount };
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
        EventRole,  // the whole vigie::AuditEvent
        TargetRole, // the session the event was about, in words (empty when not known)
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
    // The label for one event: a revocation by someone other than the account's owner reads
    // "Signed out by support" rather than "Session revoked".
    static QString eventLabel(const vigie::AuditEvent& event);
    // A session of the account signed out by staff through the admin endpoint (the actor is
    // not the account it was revoked from).
    static bool isSupportSignOut(const vigie::AuditEvent& event);
    // What the account's owner is told about support sign-outs, newest first in events:
    // "A session on your account was signed out by support on <date> at <time>. Reason: …".
    static QString supportSignOutMessage(const QList<vigie::AuditEvent>& events,
                                         const QLocale& locale = QLocale());

    // Staff's words as written, the server's look-up notes translated.
    static QString reasonText(const vigie::AuditEvent& event);
    // "Chrome 128 on Windows, Paris": the session the event was about, as it was then (a v1.1
    // server's target_session); empty when the server did not say.
    static QString targetText(const vigie::AuditEvent& event);
    // The details column: which device, then the reason.
    static QString detailsText(const vigie::AuditEvent& event);

private:
    QString actorText(const vigie::AuditEvent& event) const;
    void refreshActors();

    QList<vigie::AuditEvent> m_events;
    QString m_currentUserId;
    QHash<QString, QString> m_userNames;
};

} // namespace vigie::client
