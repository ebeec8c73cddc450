#include "client/SessionJobs.h"

#include <QUrl>
#include <nlohmann/json.hpp>

namespace vigie::client {

QList<Session> parseSessionArray(const nlohmann::json& body)
{
    const auto& array = body.at("sessions");
    if (!array.is_array())
        throw std::invalid_argument("'sessions' is not an array");
    QList<Session> sessions;
    sessions.reserve(qsizetype(array.size()));
    for (const auto& item : array) {
        auto session = item.get<Session>();
        if (session.id.empty())
            throw std::invalid_argument("a session has an empty id");
        sessions.append(std::move(session));
    }
    return sessions;
}

QList<AuditEvent> parseAuditArray(const nlohmann::json& body)
{
    const auto& array = body.at("events");
    if (!array.is_array())
        throw std::invalid_argument("'events' is not an array");
    QList<AuditEvent> events;
    events.reserve(qsizetype(array.size()));
    for (const auto& item : array)
        events.append(item.get<AuditEvent>());
    return events;
}

int parseRevokedCount(const nlohmann::json& body)
{
    const auto revoked = body.at("revoked").get<int>();
    if (revoked < 0)
        throw std::invalid_argument("'revoked' is negative");
    return revoked;
}

GetSessionsJob::GetSessionsJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setRequest("GET", QStringLiteral("/api/users/me/sessions"));
}

void GetSessionsJob::handleJson(const nlohmann::json& body)
{
    SessionList result;
    result.sessions = parseSessionArray(body);
    const auto current = body.find("current_session_id");
    if (current != body.end() && !current->is_null())
        result.currentSessionId = QString::fromStdString(current->get<std::string>());
    Q_EMIT finished(result);
    succeed();
}

RevokeSessionJob::RevokeSessionJob(const ApiClient& client, const QString& sessionId, QObject* parent)
    : ApiJob(client, parent), m_sessionId(sessionId)
{
    setExpectsJson(false);
    setRequest("DELETE", QStringLiteral("/api/users/me/sessions/") +
                             QString::fromLatin1(QUrl::toPercentEncoding(sessionId)));
}

void RevokeSessionJob::handleNoContent()
{
    Q_EMIT finished(m_sessionId);
    succeed();
}

RevokeOtherSessionsJob::RevokeOtherSessionsJob(const ApiClient& client, QObject* parent)
    : ApiJob(client, parent)
{
    setRequest("DELETE", QStringLiteral("/api/users/me/sessions"));
}

void RevokeOtherSessionsJob::handleJson(const nlohmann::json& body)
{
    const int revoked = parseRevokedCount(body);
    Q_EMIT finished(revoked);
    succeed();
}

OwnAuditJob::OwnAuditJob(const ApiClient& client, int limit, QObject* parent) : ApiJob(client, parent)
{
    QUrlQuery query;
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    setRequest("GET", QStringLiteral("/api/users/me/audit"), query);
}

void OwnAuditJob::handleJson(const nlohmann::json& body)
{
    const auto events = parseAuditArray(body);
    Q_EMIT finished(events);
    succeed();
}

} // namespace vigie::client
