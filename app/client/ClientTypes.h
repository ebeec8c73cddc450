#pragma once

// The API types of vigie-core as the Qt side sees them: registered for signals and QVariant,
// plus the few conversions every client class needs.

#include "core/ApiTypes.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>
#include <string>

namespace vigie::client {

inline QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

inline QString qs(const std::optional<std::string>& text)
{
    return text ? QString::fromStdString(*text) : QString();
}

inline QDateTime toDateTime(TimePoint t)
{
    return QDateTime::fromMSecsSinceEpoch(t.time_since_epoch().count(), Qt::UTC);
}

// What GET /api/users/me/sessions answers.
struct SessionList
{
    QList<vigie::Session> sessions;
    QString currentSessionId;
};

} // namespace vigie::client

Q_DECLARE_METATYPE(vigie::User)
Q_DECLARE_METATYPE(vigie::Session)
Q_DECLARE_METATYPE(vigie::AuditEvent)
Q_DECLARE_METATYPE(vigie::TokenResponse)
Q_DECLARE_METATYPE(vigie::client::SessionList)
Q_DECLARE_METATYPE(vigie::ServerVersion)
Q_DECLARE_METATYPE(vigie::AccountEvent)
Q_DECLARE_METATYPE(vigie::AccountSettings)
