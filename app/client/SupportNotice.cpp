#include "client/SupportNotice.h"

#include "client/AuditEventModel.h"
#include "client/Settings.h"

namespace vigie::client {

QList<vigie::AuditEvent> SupportNotice::unseen(const QList<vigie::AuditEvent>& events, const QString& userId,
                                               const QDateTime& now)
{
    const QDateTime seen = Settings::value(Settings::Key::SupportSignOutsSeen, userId).toDateTime();
    const QDateTime since = now.addDays(-kNewsDays);
    QList<vigie::AuditEvent> out;
    for (const auto& event : events) {
        const QDateTime at = toDateTime(event.at);
        if (AuditEventModel::isSupportSignOut(event) && at > since && (!seen.isValid() || at > seen))
            out.append(event);
    }
    return out;
}

void SupportNotice::markSeen(const QString& userId, const QDateTime& latest)
{
    if (latest.isValid())
        Settings::setValue(Settings::Key::SupportSignOutsSeen, latest, userId);
}

} // namespace vigie::client
