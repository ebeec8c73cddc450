#include "client/AuthJobs.h"

#include <nlohmann/json.hpp>

namespace vigie::client {

namespace {

TokenResponse parseTokens(const nlohmann::json& body)
{
    auto tokens = body.get<TokenResponse>();
    if (tokens.accessToken.empty() || tokens.refreshToken.empty() || tokens.sessionId.empty())
        throw std::invalid_argument("the token response has an empty token or session id");
    if (tokens.expiresIn <= 0)
        throw std::invalid_argument("expires_in is not positive");
    return tokens;
}

} // namespace

LoginJob::LoginJob(const ApiClient& client, const QString& email, const QString& password, QObject* parent)
    : ApiJob(client, parent)
{
    setNeedsAuthentication(false);
    setRequest("POST", QStringLiteral("/api/auth/login"), {},
               toJsonBody({{"email", email.toStdString()}, {"password", password.toStdString()}}));
}

void LoginJob::handleJson(const nlohmann::json& body)
{
    const TokenResponse tokens = parseTokens(body);
    Q_EMIT finished(tokens);
    succeed();
}

RefreshJob::RefreshJob(const ApiClient& client, const QByteArray& refreshToken, QObject* parent)
    : ApiJob(client, parent)
{
    setNeedsAuthentication(false);
    setRequest("POST", QStringLiteral("/api/auth/refresh"), {},
               toJsonBody({{"refresh_token", refreshToken.toStdString()}}));
}

void RefreshJob::handleJson(const nlohmann::json& body)
{
    const TokenResponse tokens = parseTokens(body);
    Q_EMIT finished(tokens);
    succeed();
}

ReauthenticateJob::ReauthenticateJob(const ApiClient& client, const QString& password, QObject* parent)
    : ApiJob(client, parent)
{
    setExpectsJson(false);
    setRequest("POST", QStringLiteral("/api/auth/reauthenticate"), {},
               toJsonBody({{"password", password.toStdString()}}));
}

void ReauthenticateJob::handleNoContent()
{
    Q_EMIT finished();
    succeed();
}

LogoutJob::LogoutJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setExpectsJson(false);
    setRequest("POST", QStringLiteral("/api/auth/logout"), {}, QByteArrayLiteral("{}"));
}

void LogoutJob::handleNoContent()
{
    Q_EMIT finished();
    succeed();
}

CurrentUserJob::CurrentUserJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setRequest("GET", QStringLiteral("/api/users/me"));
}

void CurrentUserJob::handleJson(const nlohmann::json& body)
{
    const auto user = body.get<User>();
    Q_EMIT finished(user);
    succeed();
}

HealthCheckJob::HealthCheckJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setNeedsAuthentication(false);
    setRequest("GET", QStringLiteral("/healthz"));
}

void HealthCheckJob::handleJson(const nlohmann::json& body)
{
    if (body.at("status").get<std::string>() != "ok")
        throw std::invalid_argument("status is not \"ok\"");
    Q_EMIT finished();
    succeed();
}

VersionJob::VersionJob(const ApiClient& client, QObject* parent) : ApiJob(client, parent)
{
    setNeedsAuthentication(false);
    setRequest("GET", QStringLiteral("/api/version"));
}

ServerVersion VersionJob::versionOne()
{
    return ServerVersion{"1.0", {}};
}

void VersionJob::handleJson(const nlohmann::json& body)
{
    auto version = body.get<ServerVersion>();
    if (version.version.empty())
        throw std::invalid_argument("version is empty");
    Q_EMIT finished(version);
    succeed();
}

bool VersionJob::handleErrorStatus(int status)
{
    if (status != 404)
        return false;
    Q_EMIT finished(versionOne());
    succeed();
    return true;
}

} // namespace vigie::client
