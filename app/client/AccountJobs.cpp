#include "client/AccountJobs.h"

#include "client/SessionJobs.h"

#include <QUrl>
#include <nlohmann/json.hpp>

namespace vigie::client {

RenameSessionJob::RenameSessionJob(const ApiClient& client, const QString& sessionId, const QString& name,
                                   QObject* parent)
    : ApiJob(client, parent), m_sessionId(sessionId)
{
    SessionRenameRequest request;
    const QString trimmed = name.trimmed();
    if (!trimmed.isEmpty())
        request.name = trimmed.toStdString();
    setRequest("PATCH",
               QStringLiteral("/api/users/me/sessions/") +
                   QString::fromLatin1(QUrl::toPercentEncoding(sessionId)),
               {}, toJsonBody(request));
}

void RenameSessionJob::handleJson(const nlohmann::json& body)
{
    const auto session = body.get<Session>();
    if (session.id.empty())
        throw std::invalid_argument("the renamed session has an empty id");
    Q_EMIT finished(session);
    succeed();
}

AccountSettingsJob::AccountSettingsJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setRequest("GET", QStringLiteral("/api/users/me/settings"));
}

AccountSettingsJob::AccountSettingsJob(const ApiClient& client, long long idleTimeoutSeconds, QObject* parent)
    : ApiJob(client, parent)
{
    setRequest("PUT", QStringLiteral("/api/users/me/settings"), {},
               toJsonBody({{"idle_timeout_seconds", idleTimeoutSeconds}}));
}

void AccountSettingsJob::handleJson(const nlohmann::json& body)
{
    const auto settings = body.get<AccountSettings>();
    if (settings.maxIdleTimeoutSeconds <= 0 || settings.idleTimeoutSeconds <= 0 ||
        settings.idleTimeoutSeconds > settings.maxIdleTimeoutSeconds)
        throw std::invalid_argument("the idle timeouts are out of range");
    Q_EMIT finished(settings);
    succeed();
}

ChangePasswordJob::ChangePasswordJob(const ApiClient& client, const QString& currentPassword,
                                     const QString& newPassword, bool signOutOtherSessions, QObject* parent)
    : ApiJob(client, parent)
{
    PasswordChangeRequest request;
    request.currentPassword = currentPassword.toStdString();
    request.newPassword = newPassword.toStdString();
    request.signOutOtherSessions = signOutOtherSessions;
    setRequest("POST", QStringLiteral("/api/users/me/password"), {}, toJsonBody(request));
}

void ChangePasswordJob::handleJson(const nlohmann::json& body)
{
    const int revoked = parseRevokedCount(body);
    Q_EMIT finished(revoked);
    succeed();
}

} // namespace vigie::client
