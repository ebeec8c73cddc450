#pragma once

#include "client/ClientTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace vigie::client {

// Which sign-outs by support the account's owner is told about when the session list opens,
// and which they have already seen (remembered per user on this computer).
class SupportNotice
{
public:
    // Older sign-outs are history for the Activity tab, not news.
    static constexpr int kNewsDays = 30;
    // How much of the user's own trail to read to find them.
    static constexpr int kEventsToRead = 200;

    // The support sign-outs in events (newest first, as the server sends them) that are recent
    // and newer than the last one userId saw; newest first.
    static QList<vigie::AuditEvent> unseen(const QList<vigie::AuditEvent>& events, const QString& userId,
                                           const QDateTime& now = QDateTime::currentDateTimeUtc());
    // Remembers that userId has seen every support sign-out up to latest.
    static void markSeen(const QString& userId, const QDateTime& latest);
};

} // namespace vigie::client
