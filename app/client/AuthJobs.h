#pragma once

#include "client/ApiJob.h"
#include "client/ClientTypes.h"

namespace vigie::client {

// POST /api/auth/login
class LoginJob : public ApiJob
{
    Q_OBJECT

public:
    LoginJob(const ApiClient& client, const QString& email, const QString& password,
             QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const vigie::TokenResponse& tokens);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// POST /api/auth/refresh
class RefreshJob : public ApiJob
{
    Q_OBJECT

public:
    RefreshJob(const ApiClient& client, const QByteArray& refreshToken, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const vigie::TokenResponse& tokens);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// POST /api/auth/reauthenticate
class ReauthenticateJob : public ApiJob
{
    Q_OBJECT

public:
    ReauthenticateJob(const ApiClient& client, const QString& password, QObject* parent = nullptr);

Q_SIGNALS:
    void finished();

protected:
    void handleNoContent() override;
};

// POST /api/auth/logout
class LogoutJob : public ApiJob
{
    Q_OBJECT

public:
    explicit LogoutJob(const ApiClient& client, QObject* parent = nullptr);

Q_SIGNALS:
    void finished();

protected:
    void handleNoContent() override;
};

// GET /api/users/me
class CurrentUserJob : public ApiJob
{
    Q_OBJECT

public:
    explicit CurrentUserJob(const ApiClient& client, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const vigie::User& user);

protected:
    void handleJson(const nlohmann::json& body) override;
};

// GET /healthz: whether a Vigie server answers at that address (the sign-in screen's check).
class HealthCheckJob : public ApiJob
{
    Q_OBJECT

public:
    explicit HealthCheckJob(const ApiClient& client, QObject* parent = nullptr);

Q_SIGNALS:
    void finished();

protected:
    void handleJson(const nlohmann::json& body) override;
};

// GET /api/version (API.md v1.1). A v1 server has no such route: any 404 (ours, or a
// FastAPI-style {"detail":"Not Found"} or an HTML page) means version 1.0 without features.
class VersionJob : public ApiJob
{
    Q_OBJECT

public:
    explicit VersionJob(const ApiClient& client, QObject* parent = nullptr);

    // What a v1 server is taken to offer.
    static vigie::ServerVersion versionOne();

Q_SIGNALS:
    void finished(const vigie::ServerVersion& version);

protected:
    void handleJson(const nlohmann::json& body) override;
    bool handleErrorStatus(int status) override;
};

} // namespace vigie::client
