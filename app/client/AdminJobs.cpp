#include "client/AdminJobs.h"

#include "client/SessionJobs.h"

#include <QUrl>
#include <nlohmann/json.hpp>

namespace vigie::client {

namespace {

QString pathPart(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

FindUserJob::FindUserJob(const ApiClient& client, const QString& email, QObject* parent)
    : ApiJob(client, parent)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("email"), QString::fromLatin1(QUrl::toPercentEncoding(email)));
    setRequest("GET", QStringLiteral("/api/admin/users"), query);
}

void FindUserJob::handleJson(const nlohmann::json& body)
{
    const auto& array = body.at("users");
    if (!array.is_array())
        throw std::invalid_argument("'users' is not an array");
    QList<User> users;
    for (const auto& item : array)
        users.append(item.get<User>());
    Q_EMIT finished(users);
    succeed();
}

UserSessionsJob::UserSessionsJob(const ApiClient& client, const QString& userId, QObject* parent)
    : ApiJob(client, parent)
{
    setRequest("GET", QStringLiteral("/api/admin/users/%1/sessions").arg(pathPart(userId)));
}

void UserSessionsJob::handleJson(const nlohmann::json& body)
{
    const auto sessions = parseSessionArray(body);
    Q_EMIT finished(sessions);
    succeed();
}

AdminRevokeSessionJob::AdminRevokeSessionJob(const ApiClient& client, const QString& userId,
                                             const QString& sessionId, const QString& reason, QObject* parent)
    : ApiJob(client, parent), m_sessionId(sessionId)
{
    setExpectsJson(false);
    setRequest("DELETE",
               QStringLiteral("/api/admin/users/%1/sessions/%2").arg(pathPart(userId), pathPart(sessionId)),
               {}, reason.isEmpty() ? QByteArray() : toJsonBody({{"reason", reason.toStdString()}}));
}

void AdminRevokeSessionJob::handleNoContent()
{
    Q_EMIT finished(m_sessionId);
    succeed();
}

AuditJob::AuditJob(const ApiClient& client, const QString& userId, int limit, QObject* parent)
    : ApiJob(client, parent)
{
    QUrlQuery query;
    if (!userId.isEmpty())
        query.addQueryItem(QStringLiteral("user_id"), userId);
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    setRequest("GET", QStringLiteral("/api/admin/audit"), query);
}

void AuditJob::handleJson(const nlohmann::json& body)
{
    const auto events = parseAuditArray(body);
    Q_EMIT finished(events);
    succeed();
}

} // namespace vigie::client
